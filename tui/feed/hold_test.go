package feed

import (
	"context"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
)

// countingAPI answers every read with empty data and counts the requests
// per route.
type countingAPI struct {
	Source
	mu   sync.Mutex
	hits map[string]int
}

func (a *countingAPI) hit(route string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.hits == nil {
		a.hits = map[string]int{}
	}
	a.hits[route]++
}

func (a *countingAPI) count(route string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.hits[route]
}

func (a *countingAPI) Status(context.Context) ([]apiclient.OpenTrade, error) {
	a.hit("/status")
	return nil, nil
}

func (a *countingAPI) Count(context.Context) (apiclient.Count, error) {
	a.hit("/count")
	return apiclient.Count{}, nil
}

func (a *countingAPI) Profit(context.Context) (apiclient.Profit, error) {
	a.hit("/profit")
	return apiclient.Profit{}, nil
}

func (a *countingAPI) Balance(context.Context) (apiclient.Balances, error) {
	a.hit("/balance")
	return apiclient.Balances{}, nil
}

func (a *countingAPI) Locks(context.Context) (apiclient.Locks, error) {
	a.hit("/locks")
	return apiclient.Locks{}, nil
}

// runAll runs cmd and everything it leads to, handing the feed its
// messages. The feeds of these tests arm no long timer on this path: the
// fetches are not on the poll chain, and the debounce is a millisecond.
func runAll(f *Feed, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			runAll(f, c)
		}
	case Msg:
		_, next := f.Update(msg)
		runAll(f, next)
	}
}

// exitEvents are the events a force exit causes: the exit order, then its
// fill.
func exitEvents() streamEventsMsg {
	fields := apiclient.EntryFields{TradeID: 1, Pair: "BTC/USDT", Direction: "Long"}
	return streamEventsMsg{events: []apiclient.Event{
		{Kind: apiclient.EventMessage, Msg: apiclient.ExitMsg{Type: apiclient.MsgExit, EntryFields: fields}},
		{Kind: apiclient.EventMessage, Msg: apiclient.ExitMsg{Type: apiclient.MsgExitFill, EntryFields: fields, IsFinalExit: true}},
	}}
}

// TestActionEventsCostNoSecondRefetch: the stream events an action causes
// arrive while it is under way (the bot publishes them before it answers);
// the refetch of its completion answers them, so /status, /count and
// /profit are fetched once, not twice. Events after the action still get
// their own refetch.
func TestActionEventsCostNoSecondRefetch(t *testing.T) {
	t.Parallel()
	api := &countingAPI{}
	f := testFeed(t, api)

	f.Hold(TradeData)
	_, cmd := f.Update(exitEvents())
	runAll(f, cmd)
	if n := api.count("/status"); n != 0 {
		t.Fatalf("events during the action fetched /status %d times before it ended", n)
	}
	runAll(f, f.Release(TradeData))
	for _, r := range []string{"/status", "/count", "/profit"} {
		if n := api.count(r); n != 1 {
			t.Errorf("%s fetched %d times for one force exit and its events, want 1", r, n)
		}
	}

	// A later exit, not the operator's: its events refetch on their own.
	_, cmd = f.Update(exitEvents())
	runAll(f, cmd)
	if n := api.count("/status"); n != 2 {
		t.Fatalf("an exit outside an action fetched /status %d times in all, want 2", n)
	}
}

// TestHoldKeepsOtherEvents: while an action that refetches trades is under
// way, an event about something else (a protection lock) is refetched as
// usual, and the trade events wait for the action.
func TestHoldKeepsOtherEvents(t *testing.T) {
	t.Parallel()
	api := &countingAPI{}
	f := testFeed(t, api)
	f.Hold(TradeData)
	events := exitEvents()
	events.events = append(events.events, apiclient.Event{Kind: apiclient.EventMessage,
		Msg: apiclient.ProtectionMsg{Type: apiclient.MsgProtectionTrigger}})
	_, cmd := f.Update(events)
	runAll(f, cmd)
	if n := api.count("/locks"); n != 1 {
		t.Fatalf("a lock event during an action fetched /locks %d times, want 1", n)
	}
	if n := api.count("/status"); n != 0 {
		t.Fatalf("trade events during an action fetched /status %d times before it ended", n)
	}
	if f.dirty != TradeData {
		t.Fatalf("dirty = %s, want the trade resources waiting for the action", f.dirty)
	}
}
