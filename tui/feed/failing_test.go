package feed

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// failingAPI answers every read with err (nil: empty data) and counts the
// requests per route.
type failingAPI struct {
	mu   sync.Mutex
	err  error
	hits map[string]int
}

func (a *failingAPI) answer(route string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.hits == nil {
		a.hits = map[string]int{}
	}
	a.hits[route]++
	return a.err
}

func (a *failingAPI) setErr(err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.err = err
}

func (a *failingAPI) total() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := 0
	for _, v := range a.hits {
		n += v
	}
	return n
}

func (a *failingAPI) ShowConfig(context.Context) (apiclient.ShowConfig, error) {
	return apiclient.ShowConfig{}, a.answer("/show_config")
}

func (a *failingAPI) Status(context.Context) ([]apiclient.OpenTrade, error) {
	return nil, a.answer("/status")
}
func (a *failingAPI) Count(context.Context) (apiclient.Count, error) {
	return apiclient.Count{}, a.answer("/count")
}

func (a *failingAPI) Profit(context.Context) (apiclient.Profit, error) {
	return apiclient.Profit{}, a.answer("/profit")
}

func (a *failingAPI) Balance(context.Context) (apiclient.Balances, error) {
	return apiclient.Balances{}, a.answer("/balance")
}

func (a *failingAPI) Locks(context.Context) (apiclient.Locks, error) {
	return apiclient.Locks{}, a.answer("/locks")
}

func (a *failingAPI) Whitelist(context.Context) (apiclient.Whitelist, error) {
	return apiclient.Whitelist{}, a.answer("/whitelist")
}

func (a *failingAPI) Logs(context.Context, int) (apiclient.Logs, error) {
	return apiclient.Logs{}, a.answer("/logs")
}

func (a *failingAPI) Stream(context.Context, apiclient.StreamOptions) *apiclient.Stream { return nil }

// refused is freqtrade's answer to a wrong password.
var refused = &apiclient.APIError{Status: http.StatusUnauthorized, Message: "Unauthorized"}

// t0 is when the tests of failures start.
var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// failingFeed is a started feed with the console's default intervals on a
// test clock at t0, over a failingAPI that answers err.
func failingFeed(t *testing.T, err error) (*Feed, *failingAPI, *rpctest.Clock) {
	t.Helper()
	api, clk := &failingAPI{err: err}, rpctest.NewClock(t0)
	return defaultFeed(t, api, clk), api, clk
}

// defaultFeed is a started feed with the console's default intervals on
// a test clock.
func defaultFeed(t *testing.T, src Source, clk *rpctest.Clock) *Feed {
	t.Helper()
	f := New(t.Context(), 0, src, Options{
		Name: "b", Refresh: 5 * time.Second, LogsRefresh: 2 * time.Second, LogsRefreshPushed: 30 * time.Second,
		Debounce: 100 * time.Millisecond, LogFlush: 100 * time.Millisecond, RetryMin: time.Second, RetryMax: 30 * time.Second,
		Timeout: 10 * time.Second, Clock: clk.Now,
	})
	f.started = true
	return f
}

// TestAuthFailureBacksOff: a bot refusing the password for 20 s (on the
// test clock) is asked again once, not 46 times: the first round, then
// one probe per AuthRetry; the /logs chain waits meanwhile.
func TestAuthFailureBacksOff(t *testing.T) {
	t.Parallel()
	f, api, clk := failingFeed(t, refused)
	f.pollTag++
	f.logsTag++
	f.Update(f.fetch(allResources, true)().(Msg))
	if _, cmd := f.Update(f.fetchLogs(0)().(Msg)); cmd != nil || !f.logsIdle {
		t.Fatal("a refused /logs poll should park the logs chain, not retry it")
	}
	if c := f.Conn(t0); c.State != AuthFailed || c.Reason != "401 wrong username or password" {
		t.Fatalf("conn = %+v", c)
	}
	for {
		at := f.health.retryAt
		if at.Sub(t0) > 60*time.Second {
			break
		}
		clk.Advance(at.Sub(clk.Now()))
		cmd := f.handlePollTick(pollTickMsg{origin: origin{0}, tag: f.pollTag})
		fetched := cmd().(fetchedMsg)
		if fetched.req.want != ConfigData {
			t.Fatalf("a retry of a refused bot asked %s, want only the probe", fetched.req.want)
		}
		f.Update(fetched)
	}
	// 8 requests in the first round (7 resources and /logs), then one probe
	// at 30 s and one at 60 s.
	if n := api.total(); n != 10 {
		t.Fatalf("%d requests in a minute of refused logins, want 10 (%v)", n, api.hits)
	}

	// The password is right again: the probe answers, everything is
	// fetched at once, and the logs chain starts again.
	api.setErr(nil)
	clk.Advance(f.health.retryAt.Sub(clk.Now()))
	_, cmd := f.Update(f.handlePollTick(pollTickMsg{origin: origin{0}, tag: f.pollTag})().(Msg))
	if f.logsIdle {
		t.Fatal("the logs chain still waits after the bot answered")
	}
	wants := Resources(0)
	for _, msg := range runQuick(cmd) {
		if fm, ok := msg.(fetchedMsg); ok {
			wants |= fm.req.want
		}
	}
	if wants != allResources {
		t.Fatalf("after the probe answered the feed fetched %s, want everything", wants)
	}
	if c := f.Conn(clk.Now()); c.State != Online && c.State != Connecting {
		t.Fatalf("after the probe: %+v", c)
	}
}

// runQuick runs the commands of cmd that finish at once (fetches), each in
// its own goroutine, and returns their messages; timers are left waiting.
func runQuick(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		if batch, ok := msg.(tea.BatchMsg); ok {
			var out []tea.Msg
			for _, c := range batch {
				out = append(out, runQuick(c)...)
			}
			return out
		}
		return []tea.Msg{msg}
	case <-time.After(200 * time.Millisecond):
		return nil // a timer
	}
}

// TestServerErrorsNeverFresh: every request answered 500 for 20 s (test
// clock): the bot is failing at once, "updated" does not move, and the
// next good round brings it back.
func TestServerErrorsNeverFresh(t *testing.T) {
	t.Parallel()
	f, api, clk := failingFeed(t, nil)
	f.pollTag++
	f.Update(f.fetch(allResources, true)().(Msg))
	if c := f.Conn(t0); c.State != Online || c.Ago(t0) != "updated 0s ago" {
		t.Fatalf("first answer: %+v", c)
	}
	api.setErr(&apiclient.APIError{Status: http.StatusInternalServerError, Message: "Internal Server Error"})
	for clk.Now().Sub(t0) < 20*time.Second {
		clk.Advance(time.Second)
		f.Update(f.fetch(allResources&^WhitelistData, true)().(Msg))
		c := f.Conn(clk.Now())
		if c.State != Failing || !strings.Contains(c.Reason, "500 Internal Server Error") {
			t.Fatalf("at %s of 500s: %+v", clk.Now().Sub(t0), c)
		}
		if c.Updated != t0 {
			t.Fatalf("a 500 moved 'updated' to %s", c.Updated)
		}
	}
	api.setErr(nil)
	f.Update(f.fetch(allResources&^WhitelistData, true)().(Msg))
	if c := f.Conn(clk.Now()); c.State != Online || !c.Updated.Equal(clk.Now()) {
		t.Fatalf("after the 500s: %+v", c)
	}
}

// TestFailedRefetchShowsAtOnce: a refetch outside the poll chain that
// finds the bot gone makes it offline at once and retries on the backoff.
func TestFailedRefetchShowsAtOnce(t *testing.T) {
	t.Parallel()
	f, api, clk := failingFeed(t, nil)
	f.Update(f.fetch(allResources, true)().(Msg))
	api.setErr(errors.Join(errors.New("GET /status"), context.DeadlineExceeded))
	tag := f.pollTag
	_, cmd := f.Update(f.fetch(TradeData, false)().(Msg))
	if c := f.Conn(clk.Now()); c.State != Offline || c.Reason != "no answer (timed out)" {
		t.Fatalf("after a failed refetch: %+v", c)
	}
	if cmd == nil || f.pollTag == tag || !f.health.retryAt.Equal(clk.Now().Add(time.Second)) {
		t.Fatalf("the poll chain was not re-armed on the backoff (retry at %s)", f.health.retryAt)
	}
}

// TestDroppedStreamProbes: a WebSocket that drops makes the feed ask the
// bot at once rather than at the next poll.
func TestDroppedStreamProbes(t *testing.T) {
	t.Parallel()
	f, api, clk := failingFeed(t, nil)
	f.health.stream = apiclient.EventConnected
	before := api.total()
	_, cmd := f.Update(streamEventsMsg{origin: origin{0}, gen: f.streamGen, events: []apiclient.Event{{Kind: apiclient.EventDisconnected}}})
	var fetched []fetchedMsg
	for _, msg := range runQuick(cmd) {
		if fm, ok := msg.(fetchedMsg); ok {
			fetched = append(fetched, fm)
		}
	}
	if len(fetched) != 1 || !fetched[0].req.poll || api.total() == before {
		t.Fatalf("a dropped stream fetched %d times", len(fetched))
	}
	if c := f.Conn(clk.Now()); c.Live || c.StreamReason != "WebSocket down" {
		t.Fatalf("stream state: %+v", c)
	}
}

// TestFirstEventFetchesAtOnce: the first event of a burst is fetched at
// once; the events that follow inside the window wait for its end and
// share one fetch; a window without events closes.
func TestFirstEventFetchesAtOnce(t *testing.T) {
	t.Parallel()
	f, api, _ := failingFeed(t, nil)
	entry := streamEventsMsg{origin: origin{0}, gen: f.streamGen, events: []apiclient.Event{
		{Kind: apiclient.EventMessage, Msg: apiclient.EntryMsg{Type: apiclient.MsgEntryFill}},
	}}
	_, cmd := f.Update(entry)
	if got := fetchesIn(runQuick(cmd)); got != TradeData|BalanceData || !f.windowOpen {
		t.Fatalf("the first event fetched %s (window open %v), want the trades and the balance at once", got, f.windowOpen)
	}
	for range 5 {
		if _, cmd = f.Update(entry); fetchesIn(runQuick(cmd)) != 0 {
			t.Fatal("an event inside the window fetched at once")
		}
	}
	_, cmd = f.Update(debounceMsg{origin: origin{0}, tag: f.debounceTag})
	if got := fetchesIn(runQuick(cmd)); got != TradeData|BalanceData || !f.windowOpen {
		t.Fatalf("the window's end fetched %s, want one fetch for the five events", got)
	}
	if _, cmd = f.Update(debounceMsg{origin: origin{0}, tag: f.debounceTag}); cmd != nil || f.windowOpen {
		t.Fatal("a window without events should close without a fetch")
	}
	if n := api.hits["/status"]; n != 2 {
		t.Fatalf("/status fetched %d times for six events, want 2", n)
	}
}

// fetchesIn is the union of what the fetches among msgs asked for.
func fetchesIn(msgs []tea.Msg) Resources {
	var r Resources
	for _, msg := range msgs {
		if fm, ok := msg.(fetchedMsg); ok {
			r |= fm.req.want
		}
	}
	return r
}

// TestNoProbeWhileFetching: a failed /logs poll while a fetch is under way
// adds no probe: the fetch's answer tells as soon.
func TestNoProbeWhileFetching(t *testing.T) {
	t.Parallel()
	f, api, clk := failingFeed(t, refused)
	f.pollTag++
	f.logsTag++
	first := f.fetch(allResources, true)
	if _, cmd := f.Update(f.fetchLogs(0)().(Msg)); cmd != nil {
		t.Fatal("a refused /logs poll during the first fetch started another fetch")
	}
	f.Update(first().(Msg))
	if n := api.total(); n != 8 {
		t.Fatalf("%d requests, want the first round's 7 and /logs", n)
	}
	if c := f.Conn(clk.Now()); c.State != AuthFailed {
		t.Fatalf("conn = %+v", c)
	}
}

// TestParkedLogsResumeOnAnyRecovery: a /logs poll that found the bot gone
// waits; when the data answers again, whatever the failure was, the logs
// chain goes on.
func TestParkedLogsResumeOnAnyRecovery(t *testing.T) {
	t.Parallel()
	f, api, _ := failingFeed(t, nil)
	f.pollTag++
	f.logsTag++
	f.Update(f.fetch(allResources, true)().(Msg))
	api.setErr(io.EOF)
	f.Update(f.fetchLogs(0)().(Msg))
	if !f.logsIdle {
		t.Fatal("the logs chain did not wait for a bot that closed the connection")
	}
	// The next answers are server errors, then good ones.
	api.setErr(&apiclient.APIError{Status: http.StatusInternalServerError, Message: "Internal Server Error"})
	f.Update(f.fetch(allResources, true)().(Msg))
	api.setErr(nil)
	_, cmd := f.Update(f.fetch(allResources, true)().(Msg))
	if f.logsIdle {
		t.Fatal("the logs chain still waits after the bot answered")
	}
	found := false
	for _, msg := range runQuick(cmd) {
		_, found = msg.(logsFetchedMsg)
		if found {
			break
		}
	}
	if !found {
		t.Fatal("no /logs poll after the bot answered")
	}
}
