package tui

import (
	"context"
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/freqdeck/freqdeck/apiclient"
)

// stubAPI is an API that is never called: embedding the interface makes
// any call panic loudly.
type stubAPI struct{ API }

// fixtureAPI answers the feed's reads from testdata/fake, without a
// network; any other call panics.
type fixtureAPI struct {
	stubAPI
	config    apiclient.ShowConfig
	trades    []apiclient.OpenTrade
	count     apiclient.Count
	profit    apiclient.Profit
	balance   apiclient.Balances
	locks     apiclient.Locks
	whitelist apiclient.Whitelist
	logs      apiclient.Logs
}

// newFixtureAPI loads testdata/fake.
func newFixtureAPI(t testing.TB) *fixtureAPI {
	t.Helper()
	a := &fixtureAPI{}
	load := func(name string, v any) { loadFake(t, name, v) }
	load("show_config.json", &a.config)
	load("status.json", &a.trades)
	load("count.json", &a.count)
	load("profit.json", &a.profit)
	load("balance.json", &a.balance)
	load("locks.json", &a.locks)
	load("whitelist.json", &a.whitelist)
	load("logs.json", &a.logs)
	return a
}

func (a *fixtureAPI) ShowConfig(context.Context) (apiclient.ShowConfig, error) { return a.config, nil }
func (a *fixtureAPI) Status(context.Context) ([]apiclient.OpenTrade, error)    { return a.trades, nil }
func (a *fixtureAPI) Count(context.Context) (apiclient.Count, error)           { return a.count, nil }
func (a *fixtureAPI) Profit(context.Context) (apiclient.Profit, error)         { return a.profit, nil }
func (a *fixtureAPI) Balance(context.Context) (apiclient.Balances, error)      { return a.balance, nil }
func (a *fixtureAPI) Locks(context.Context) (apiclient.Locks, error)           { return a.locks, nil }
func (a *fixtureAPI) Whitelist(context.Context) (apiclient.Whitelist, error)   { return a.whitelist, nil }
func (a *fixtureAPI) Logs(context.Context, int) (apiclient.Logs, error)        { return a.logs, nil }

// loadedModel is a model (never run) that has fetched the fixtures once, at
// w×h.
func loadedModel(t testing.TB, w, h int) *Model {
	t.Helper()
	return loadedModelOf(t, newFixtureAPI(t), w, h)
}

// loadedModelOf is loadedModel on api.
func loadedModelOf(t testing.TB, api API, w, h int) *Model {
	t.Helper()
	m, err := New(context.Background(), Options{Bots: []Bot{{Name: "testbot", API: api}}, Clock: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	fetchNow(m, m.bots[0].feed.RefreshNow())
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// fetchNow runs fetch commands (one, or a batch) against an API that
// answers at once, and gives their answers to the model; the commands the
// answers lead to (timers) are dropped.
func fetchNow(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			fetchNow(m, c)
		}
	default:
		m.Update(msg)
	}
}

// TestViewFitsTerminal: at every size the root view has exactly H lines and
// none wider than W, with and without an overlay.
func TestViewFitsTerminal(t *testing.T) {
	t.Parallel()
	sizes := [][2]int{{60, 20}, {80, 24}, {120, 40}, {200, 60}, {40, 12}, {20, 5}}
	overlays := map[string][]string{
		"plain":  nil,
		"help":   {"?"},
		"dialog": {"x"},
		"lock":   {"l"},
		"bots":   {"b"},
		"stop":   {"S"},
	}
	for _, s := range sizes {
		for name, ks := range overlays {
			t.Run(fmt.Sprintf("%dx%d/%s", s[0], s[1], name), func(t *testing.T) {
				t.Parallel()
				m := loadedModel(t, s[0], s[1])
				for _, k := range ks {
					pressSync(m, k)
				}
				checkScreen(t, m.View(), s[0], s[1])
			})
		}
	}
}

// pressSync sends a key to the model; a pane's intent is handled in the
// same update, so nothing needs to run after it. The commands (timers, API
// calls) are dropped.
func pressSync(m *Model, k string) { m.Update(keyMsg(k)) }

// TestRootViewGolden: the whole console at 120×40 with fixed data and a
// fixed clock.
func TestRootViewGolden(t *testing.T) {
	t.Parallel()
	m := loadedModel(t, 120, 40)
	golden.RequireEqual(t, []byte(m.View()))
}

// TestDialogGolden: the force-exit dialog over the console at 80×24.
func TestDialogGolden(t *testing.T) {
	t.Parallel()
	m := loadedModel(t, 80, 24)
	pressSync(m, "j")
	pressSync(m, "x")
	golden.RequireEqual(t, []byte(m.View()))
}

// TestHelpGolden: the help overlay composed from the keymaps at 80×24.
func TestHelpGolden(t *testing.T) {
	t.Parallel()
	m := loadedModel(t, 80, 24)
	pressSync(m, "?")
	golden.RequireEqual(t, []byte(m.View()))
}
