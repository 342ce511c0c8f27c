package tui

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/freqdeck/freqdeck/apiclient"
)

// stubAPI is an API that is never called: the view tests feed the model
// its data directly. Embedding the interface makes any call panic loudly.
type stubAPI struct{ API }

// fixtureResults loads testdata/fake into one fetch's results.
func fixtureResults(t testing.TB) *fetchResults {
	t.Helper()
	res := &fetchResults{}
	load := func(name string, v any) {
		data, err := os.ReadFile(filepath.Join("testdata", "fake", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	load("show_config.json", &res.config)
	load("status.json", &res.trades)
	load("count.json", &res.count)
	load("profit.json", &res.profit)
	load("balance.json", &res.balance)
	load("locks.json", &res.locks)
	load("whitelist.json", &res.whitelist)
	return res
}

// fixtureLogs loads the fixture log rows.
func fixtureLogs(t testing.TB) apiclient.Logs {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "fake", "logs.json"))
	if err != nil {
		t.Fatal(err)
	}
	var logs apiclient.Logs
	if err := json.Unmarshal(data, &logs); err != nil {
		t.Fatal(err)
	}
	return logs
}

// loadedModel is a model (never run) holding the fixtures, as if the first
// fetch had answered, at w×h.
func loadedModel(t testing.TB, w, h int) *Model {
	t.Helper()
	opts := Options{Bots: []Bot{{Name: "testbot", API: stubAPI{}}}, Clock: fixedClock}
	m, err := New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	feed(m, fetchedMsg{req: fetchRequest{bot: 0, seq: 1, want: allResources}, res: fixtureResults(t)})
	feed(m, logsFetchedMsg{req: logsRequest{bot: 0}, logs: fixtureLogs(t)})
	feed(m, logFlushMsg{bot: 0})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// feed gives msg to the model and drops the commands (timers, fetches):
// the view tests need only the state.
func feed(m *Model, msg tea.Msg) { m.Update(msg) }

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

// pressSync sends a key and runs what it leads to inside the model (pane
// intents, held keys), without timers or API calls.
func pressSync(m *Model, k string) {
	_, cmd := m.Update(keyMsg(k))
	runLocal(m, cmd)
}

// runLocal runs the commands that stay inside the model: key holds and
// pane messages. Anything else (a fetch, a timer) is dropped.
func runLocal(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := runWithin(cmd).(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			runLocal(m, c)
		}
	case keyCmdDoneMsg, paneMsg:
		_, next := m.Update(msg)
		runLocal(m, next)
	}
}

// runWithin runs cmd unless it is a timer or blocks: only instant commands
// are run.
func runWithin(cmd tea.Cmd) tea.Msg {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		return msg
	case <-afterShort():
		return nil
	}
}

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
