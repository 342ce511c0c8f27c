package feed

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// quietAPI is a freqtrade-like bot that pushes no log rows: it answers
// every read with data, holds the trades and log rows the test sets, and
// counts the requests per route (failingAPI with no error).
type quietAPI struct {
	failingAPI
	mu     sync.Mutex
	trades []apiclient.OpenTrade
	rows   []apiclient.LogRow
}

func (a *quietAPI) Status(context.Context) ([]apiclient.OpenTrade, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.trades, a.answer("/status")
}

func (a *quietAPI) Logs(context.Context, int) (apiclient.Logs, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return apiclient.Logs{LogCount: len(a.rows), Logs: a.rows}, a.answer("/logs")
}

// addRow appends a log row at the bot.
func (a *quietAPI) addRow(at time.Time, msg string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.rows = append(a.rows, row(float64(at.UnixMilli()), msg))
}

// idleRig runs a feed's timers on a test clock: each step fires the
// earliest of the poll and /logs ticks and hands the feed what it fetched.
type idleRig struct {
	t   *testing.T
	f   *Feed
	api *quietAPI
	clk *rpctest.Clock
	// logsAt are the times the /logs polls were answered.
	logsAt []time.Time
}

// newIdleRig starts a feed with the console's defaults on a live
// WebSocket (announced, without a socket) and answers its first fetches.
func newIdleRig(t *testing.T, id int) *idleRig {
	t.Helper()
	api, clk := &quietAPI{}, rpctest.NewClock(t0)
	f := New(t.Context(), id, api, Options{
		Name: "b", Refresh: 5 * time.Second, LogsRefresh: 2 * time.Second, LogsRefreshPushed: 30 * time.Second,
		Debounce: 100 * time.Millisecond, LogFlush: 100 * time.Millisecond, RetryMin: time.Second, RetryMax: 30 * time.Second,
		Timeout: 10 * time.Second, Clock: clk.Now,
	})
	f.health.setStream(apiclient.EventConnected, clk.Now())
	r := &idleRig{t: t, f: f, api: api, clk: clk}
	f.started = true
	f.pollTag++
	f.logsTag++
	f.logsDelay = f.opts.LogsRefresh
	f.safetyDue = clk.Now().Add(f.opts.SafetyRefresh + spread(id, f.opts.SafetyRefresh/2))
	r.answer(f.fetch(allResources, true))
	r.answer(f.fetchLogs(0))
	return r
}

// answer runs a fetch command and hands its answer to the feed; the timer
// the feed arms next is not run (its time is in nextPoll, nextLogs).
func (r *idleRig) answer(cmd tea.Cmd) {
	msg := cmd()
	if _, ok := msg.(logsFetchedMsg); ok {
		r.logsAt = append(r.logsAt, r.clk.Now())
	}
	r.f.Update(msg.(Msg))
}

// runUntil fires the feed's timers in order until end.
func (r *idleRig) runUntil(end time.Time) {
	for {
		next, logs := r.f.nextPoll, false
		if r.f.nextLogs.Before(next) {
			next, logs = r.f.nextLogs, true
		}
		if next.After(end) {
			r.clk.Advance(end.Sub(r.clk.Now()))
			return
		}
		r.clk.Advance(next.Sub(r.clk.Now()))
		if logs {
			r.answer(r.f.handleLogsTick(logsTickMsg{origin: origin{r.f.id}, tag: r.f.logsTag}))
			continue
		}
		fetching := r.f.fetching
		cmd := r.f.handlePollTick(pollTickMsg{origin: origin{r.f.id}, tag: r.f.pollTag})
		if r.f.fetching > fetching {
			r.answer(cmd) // else it re-armed the chain: nothing was due
		}
	}
}

// hits returns the requests per route so far.
func (r *idleRig) hits() map[string]int {
	r.api.mu.Lock()
	defer r.api.mu.Unlock()
	return r.api.failingAPI.snapshot()
}

// snapshot copies the counts.
func (a *failingAPI) snapshot() map[string]int {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make(map[string]int, len(a.hits))
	for k, v := range a.hits {
		out[k] = v
	}
	return out
}

// since returns the requests per route between two snapshots and their
// total.
func since(before, after map[string]int) (map[string]int, int) {
	out, total := map[string]int{}, 0
	for k, v := range after {
		if d := v - before[k]; d > 0 {
			out[k] = d
			total += d
		}
	}
	return out, total
}

// TestIdleRequestBudget: a freqtrade-like bot (no pushed logs) on a live
// WebSocket, with nothing happening, costs at most 12 requests a minute
// (ISSUE 14's target): no /status without open trades, /locks and
// /balance once a minute, /logs backing off to LogsRefreshMax.
func TestIdleRequestBudget(t *testing.T) {
	t.Parallel()
	r := newIdleRig(t, 0)
	start := r.hits()
	r.runUntil(t0.Add(10 * time.Minute))
	per, total := since(start, r.hits())
	t.Logf("10 idle minutes: %d requests (%v)", total, per)
	if rate := float64(total) / 10; rate > 12 {
		t.Fatalf("%.1f requests a minute at idle, want at most 12: %v", rate, per)
	}
	if per["/status"] > 10 || per["/locks"] > 10 || per["/balance"] > 10 {
		t.Fatalf("the safety net polled more than once a minute: %v", per)
	}
	if per["/logs"] > 10*60/int(DefaultLogsRefreshMax/time.Second)+4 {
		t.Fatalf("/logs did not back off: %d polls in 10 minutes", per["/logs"])
	}
	for _, route := range []string{"/count", "/profit", "/show_config", "/whitelist"} {
		if per[route] != 0 {
			t.Fatalf("%s polled at idle: %v", route, per)
		}
	}
	if c := r.f.Conn(r.clk.Now()); c.State != Online {
		t.Fatalf("an idle bot on a live WebSocket is %s (%s)", c.State, c.Reason)
	}
}

// TestLogsFlowPolledFast: while a log line comes every second, /logs is
// polled every LogsRefresh (each line shows within 2 s); once the lines
// stop, the polls back off; a trade event brings them back at once.
func TestLogsFlowPolledFast(t *testing.T) {
	t.Parallel()
	r := newIdleRig(t, 0)
	r.runUntil(t0.Add(5 * time.Minute)) // backed off
	if r.f.logsDelay != DefaultLogsRefreshMax {
		t.Fatalf("after 5 quiet minutes /logs waits %s, want %s", r.f.logsDelay, DefaultLogsRefreshMax)
	}
	// A trade event: the chain's next poll comes within LogsRefresh.
	fill := streamEventsMsg{origin: origin{0}, gen: r.f.streamGen, events: []apiclient.Event{
		{Kind: apiclient.EventMessage, Msg: apiclient.ExitMsg{Type: apiclient.MsgExitFill}},
	}}
	r.f.Update(fill)
	if wait := r.f.nextLogs.Sub(r.clk.Now()); wait > 2*time.Second {
		t.Fatalf("after a trade event the next /logs poll is in %s", wait)
	}
	flowStart := r.clk.Now()
	for i := range 60 {
		r.api.addRow(r.clk.Now(), fmt.Sprint("line ", i))
		r.runUntil(r.clk.Now().Add(time.Second))
	}
	var polls []time.Time
	for _, at := range r.logsAt {
		if at.After(flowStart) {
			polls = append(polls, at)
		}
	}
	for i := 1; i < len(polls); i++ {
		if gap := polls[i].Sub(polls[i-1]); gap > 2*time.Second {
			t.Fatalf("while logs flow, /logs polls %s apart (at %s)", gap, polls[i].Sub(flowStart))
		}
	}
	if len(polls) < 29 {
		t.Fatalf("%d /logs polls in a minute of flowing logs", len(polls))
	}
}

// TestStatusPolledWhileTradesOpen: /status is polled every two refresh
// intervals while trades are open (their rate drifts), not otherwise, and
// an idle bot with open trades still costs at most 12 requests a minute.
func TestStatusPolledWhileTradesOpen(t *testing.T) {
	t.Parallel()
	r := newIdleRig(t, 0)
	r.runUntil(t0.Add(90 * time.Second))
	r.api.mu.Lock()
	r.api.trades = []apiclient.OpenTrade{{Trade: apiclient.Trade{TradeCore: apiclient.TradeCore{TradeID: 1, Pair: "BTC/USDT"}}}}
	r.api.mu.Unlock()
	// The entry is announced: the refetch finds the trade, and the poll
	// chain comes back to the refresh interval.
	entry := streamEventsMsg{origin: origin{0}, gen: r.f.streamGen, events: []apiclient.Event{
		{Kind: apiclient.EventMessage, Msg: apiclient.EntryMsg{Type: apiclient.MsgEntryFill}},
	}}
	_, cmd := r.f.Update(entry)
	for _, msg := range runQuick(cmd) {
		if m, ok := msg.(fetchedMsg); ok {
			r.f.Update(m)
		}
	}
	before := r.hits()
	r.runUntil(r.clk.Now().Add(10 * time.Minute))
	per, total := since(before, r.hits())
	if per["/status"] < 58 || per["/status"] > 62 {
		t.Fatalf("/status polled %d times in 10 minutes with a trade open, want about 60", per["/status"])
	}
	if rate := float64(total) / 10; rate > 12 {
		t.Fatalf("%.1f requests a minute at idle with a trade open: %v", rate, per)
	}
}

// TestPollsSpreadAcrossBots: the slow polls of twenty bots started
// together do not fall in the same second.
func TestPollsSpreadAcrossBots(t *testing.T) {
	t.Parallel()
	seconds := map[int64]int{}
	for id := range 20 {
		r := newIdleRig(t, id)
		start := r.hits()
		r.runUntil(t0.Add(2 * time.Minute))
		if per, _ := since(start, r.hits()); per["/locks"] == 0 {
			t.Fatalf("bot %d: no safety poll in two minutes", id)
		}
		seconds[r.f.safetyDue.Unix()]++
	}
	for s, n := range seconds {
		if n > 2 {
			t.Fatalf("%d of 20 bots poll in the same second (%s)", n, time.Unix(s, 0).UTC())
		}
	}
}
