package tui

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/tui/feed"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// fixedClock is the pinned "now" of the tests: 2024-05-01 12:00:00 UTC.
func fixedClock() time.Time { return time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC) }

// testOptions are quick, deterministic console options against bot:
// pinned clock, no slow poll during the test (one hour), short debounce,
// flush and backoff, and an audit log in a temp dir.
func testOptions(t *testing.T, bots ...Bot) Options {
	t.Helper()
	for i := range bots {
		if bots[i].Refresh == 0 {
			bots[i].Refresh = time.Hour
		}
		if bots[i].LogsRefresh == 0 {
			bots[i].LogsRefresh = time.Hour
		}
	}
	return Options{
		Bots:      bots,
		Clock:     fixedClock,
		AuditPath: filepath.Join(t.TempDir(), "audit.log"),
		Debounce:  30 * time.Millisecond,
		LogFlush:  20 * time.Millisecond,
		RetryMin:  20 * time.Millisecond,
		RetryMax:  100 * time.Millisecond,
		Timeout:   5 * time.Second,
		Stream: apiclient.StreamOptions{
			MinBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond, Jitter: -1,
			AuthRetry: 50 * time.Millisecond,
		},
	}
}

// newModel builds a root model whose context ends with the test.
func newModel(t *testing.T, opts Options) *Model {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	m, err := New(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		_ = m.Close()
	})
	return m
}

// startTUI runs the model under teatest at 120×40. The program has ended
// when the test's cleanups reach the model's Close.
func startTUI(t *testing.T, m *Model) *teatest.TestModel {
	t.Helper()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	t.Cleanup(func() {
		_ = tm.Quit()
		tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	})
	return tm
}

// waitText waits until the screen output shows every one of texts.
func waitText(t *testing.T, tm *teatest.TestModel, texts ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, s := range texts {
			if !bytes.Contains(b, []byte(s)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

// keys sends each string as one key press.
func keys(tm *teatest.TestModel, ks ...string) {
	for _, k := range ks {
		tm.Send(keyMsg(k))
	}
}

// keyMsg builds the KeyMsg for a key name ("x", "enter", "esc", "tab",
// "backspace") as Bubble Tea would parse it.
func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "ctrl+r":
		return tea.KeyMsg{Type: tea.KeyCtrlR}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// finalView quits the program and returns the final model's view.
func finalView(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).View()
}

// checkScreen asserts the invariants of a root view at w×h.
func checkScreen(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("view has %d lines, want %d:\n%s", len(lines), h, view)
	}
	for i, l := range lines {
		if got := lipgloss.Width(l); got > w {
			t.Fatalf("line %d is %d cells wide, want <= %d: %q", i, got, w, l)
		}
	}
}

// countOf counts the occurrences of sub in s.
func countOf(s, sub string) int { return strings.Count(s, sub) }

// namedBot is a bot with no API, no panes and a name, for the dialog and
// action builders.
func namedBot(t *testing.T, name string) *botState {
	t.Helper()
	return &botState{feed: feed.New(t.Context(), 0, nil, feed.Options{Name: name}), actions: action.NewRegistry()}
}

// loadFake decodes the fixture testdata/fake/name into v.
func loadFake(t testing.TB, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "fake", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}
