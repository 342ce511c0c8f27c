package tui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
)

func TestOutcomeTexts(t *testing.T) {
	t.Parallel()
	const label = "Force exit #3 BTC/USDT"
	cases := []struct {
		got, want string
	}{
		{resultText(label, action.Result{Outcome: action.Done, Text: "Created exit order for trade 3."}, false),
			"Force exit #3 BTC/USDT: Created exit order for trade 3."},
		{resultText(label, action.Result{Outcome: action.Refused, Text: "invalid argument"}, false),
			"Force exit #3 BTC/USDT failed: invalid argument"},
		{resultText(label, action.Result{Outcome: action.Refused, Text: "trade #3 is still open"}, true),
			"Force exit #3 BTC/USDT did not happen: trade #3 is still open"},
		{resultText(label, action.Result{Outcome: action.NotSent, Text: "connection refused"}, false),
			"Force exit #3 BTC/USDT not sent: connection refused"},
		{resultText(label, action.Result{Outcome: action.Unknown, Text: "still unknown after 2m0s"}, true),
			"Force exit #3 BTC/USDT: outcome still unknown after 2m0s"},
		{unknownText(label, action.Result{Outcome: action.Unknown, Text: "context deadline exceeded"}, false),
			"Force exit #3 BTC/USDT sent, no answer: checking…"},
		{unknownText(label, action.Result{Outcome: action.Unknown, Text: "context deadline exceeded"}, true),
			"Force exit #3 BTC/USDT sent, no answer (context deadline exceeded): checking…"},
		{unknownText(label, action.Result{Outcome: action.Unknown, Text: "the bot answered X", Answer: "X"}, false),
			"Force exit #3 BTC/USDT: the bot answered X: checking…"},
		{keyLabel(action.Key{Kind: action.ForceExit, Target: "3"}), "force exit #3"},
		{keyLabel(action.Key{Kind: action.ForceExitAll, Target: "all"}), "force exit all"},
		{keyLabel(action.Key{Kind: action.AddLock, Target: "BTC/USDT"}), "add lock BTC/USDT"},
		{keyLabel(action.Key{Kind: action.Stop}), "stop"},
		{busyText(&action.BusyError{Key: action.Key{Kind: action.ForceExit, Target: "3"},
			Pending: action.Pending{ID: "r", Since: fixedClock()}}), "Force exit #3 is already in progress"},
		{busyText(&action.BusyError{Key: action.Key{Kind: action.Stop},
			Pending: action.Pending{ID: "r", Since: fixedClock().Add(3 * time.Second), Unknown: true}}),
			"Stop refused: the last one (sent 12:00:03) has no known outcome yet"},
		{busyText(errors.New("other")), "other"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestHistoryKeepsTheLast100: the history keeps the newest 100 messages
// with their times, busy lines left out, and draws them newest first.
func TestHistoryKeepsTheLast100(t *testing.T) {
	t.Parallel()
	c, err := apiclient.New("http://127.0.0.1:1") // never called: the feed is not started
	if err != nil {
		t.Fatal(err)
	}
	m := newModel(t, testOptions(t, Bot{Name: "b", API: c}))
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	for i := range 150 {
		m.setStatus(statusError, fmt.Sprintf("message %d", i))
		m.setStatus(statusBusy, "sending…")
	}
	if len(m.history) != historyLen || m.history[0].text != "message 50" || m.history[99].text != "message 149" {
		t.Fatalf("history holds %d, first %q", len(m.history), m.history[0].text)
	}
	body := strings.Join(m.historyBody(80, 10), "\n")
	if !strings.Contains(body, "12:00:00 message 149") || strings.Contains(body, "message 50") || strings.Contains(body, "sending") {
		t.Fatalf("history body:\n%s", body)
	}
}
