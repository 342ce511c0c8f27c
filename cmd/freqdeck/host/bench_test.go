package host

import (
	"context"
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// BenchmarkHostSessions: N SSH sessions on the trade desk of one busy bot.
// Each op is one trade event on the bot's WebSocket (an entry fill) with a
// changed /status, and waits for the refetch it causes. Reported:
// requests/op (what the bot pays; the same for 1 and 10 sessions),
// heap-KB/session (after GC, the sessions opened and drawn), cpu-ms/op (the
// whole process: the host, the sessions' rendering, the SSH clients and
// the fake bot).
func BenchmarkHostSessions(b *testing.B) {
	for _, n := range []int{1, 10} {
		b.Run(fmt.Sprintf("sessions=%d", n), func(b *testing.B) { benchSessions(b, n) })
	}
}

func benchSessions(b *testing.B, n int) {
	h := newTestHost(b, hostOptions{slow: true})
	before := heapAfterGC()
	terms := make([]*term, n)
	for i := range terms {
		terms[i] = h.login(h.operator, 120, 40)
		terms[i].waitText("Open trades (1)")
	}
	h.waitFeedStarted()
	perSession := float64(heapAfterGC()-before) / 1024 / float64(n)
	start := len(h.faults.Requests())
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := range b.N {
		h.busyTick(b, i)
	}
	b.StopTimer()
	// ResetTimer drops the metrics reported before it.
	b.ReportMetric(perSession, "heap-KB/session")
	b.ReportMetric(float64(len(h.faults.Requests())-start)/float64(b.N), "requests/op")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// busyTick changes the open trade's rate, announces a fill and waits for
// the refetch of /status that follows.
func (h *testHost) busyTick(b *testing.B, i int) {
	rate := 0.11 + float64(i%100)/10000
	h.bot.Update(func(f *rpctest.Fixtures) { f.OpenTrades[0].CurrentRate = &rate })
	hits := h.faults.Hits("GET /status")
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	msg := apiclient.EntryMsg{Type: apiclient.MsgEntryFill, EntryFields: apiclient.EntryFields{TradeID: 1, Pair: "ETH/BTC", Direction: "Long"}}
	if err := h.bot.Publish(ctx, msg); err != nil {
		b.Fatal(err)
	}
	if err := h.faults.Wait(ctx, func() bool { return h.faults.Hits("GET /status") > hits }); err != nil {
		b.Fatal(err)
	}
}

func heapAfterGC() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// cpuTime is the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
