package apiclient_test

import (
	"context"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// TestStreamKeepaliveKeepsAnsweringConnection is not parallel: it needs each
// pong back within the silence limit, and the CPU bursts of the package's
// parallel tests (TLS handshakes, floods) add to a loaded machine's stalls.
func TestStreamKeepaliveKeepsAnsweringConnection(t *testing.T) {
	bot := newTestBot(t, newRestClock())
	opts := apiclient.FastOpts()
	opts.PingInterval, opts.PongTimeout = 10*time.Millisecond, 2*time.Second
	s := apiclient.StartStream(t, bot.client(t), opts)
	// 205 pings take at least 2.05 s, past the 2.01 s silence limit: only
	// the pongs keep this data-less connection up. The limit leaves two
	// seconds for each pong: a stall on a busy machine must not pass for a
	// dead bot.
	bot.wait(t, "205 pings", func() bool {
		st := bot.faults.Streams()
		return len(st) > 0 && st[0].Pings >= 205
	})
	if st := bot.faults.Streams(); len(st) != 1 || !st[0].Open {
		t.Fatalf("the connection was dropped: %+v", st)
	}
	if n := s.Stats().Connects; n != 1 {
		t.Errorf("connects = %d, want 1", n)
	}
}

// TestStreamShutdownLeavesNoGoroutines is not parallel: it counts the
// process's goroutines.
func TestStreamShutdownLeavesNoGoroutines(t *testing.T) {
	cases := map[string]func(t *testing.T, bot *testBot, s *apiclient.Stream){
		"connected": func(t *testing.T, bot *testBot, s *apiclient.Stream) {
			apiclient.NextKind(t, s, apiclient.EventConnected)
			if err := s.RequestWhitelist(context.Background()); err != nil {
				t.Fatal(err)
			}
			bot.publish(t, apiclient.StatusMsg{Type: apiclient.MsgStatus, Status: "running"})
			t.Cleanup(func() {
				bot.wait(t, "the connection to close", func() bool { return bot.faults.OpenStreams() == 0 })
				apiclient.WantField(t, "close code", bot.faults.Streams()[0].CloseCode, 1000)
			})
		},
		"waiting to retry, consumer not reading": func(t *testing.T, bot *testBot, _ *apiclient.Stream) {
			bot.refuseWS(http.StatusBadGateway)
			bot.wait(t, "a refused attempt", func() bool { return bot.count(wsRoute) > 0 })
		},
	}
	for name, setup := range cases {
		t.Run(name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			// The inner test's cleanup stops the server before the count.
			t.Run("stream", func(t *testing.T) {
				bot := newTestBot(t, newRestClock())
				opts := apiclient.FastOpts()
				opts.MinBackoff, opts.MaxBackoff = time.Hour, time.Hour
				ctx, cancel := context.WithCancel(context.Background())
				s := bot.client(t).Stream(ctx, opts)
				setup(t, bot, s)
				if len(apiclient.StreamGoroutines()) == 0 {
					t.Fatal("the goroutine check does not see a running stream")
				}
				cancel()
				apiclient.DrainClosed(t, s)
			})
			apiclient.PollUntil(t, "stream goroutines to end", func() bool { return len(apiclient.StreamGoroutines()) == 0 })
			apiclient.PollUntil(t, "the goroutine count to return", func() bool { return runtime.NumGoroutine() <= before })
		})
	}
}
