package tui

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes/trades"
	"github.com/freqdeck/freqdeck/tui/layout"
)

// burst is what Bubble Tea delivers when several keystrokes arrive in one
// read: one KeyRunes message holding all of them.
func burst(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// paste is a bracketed paste of s.
func paste(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true} }

// exitCountingAPI is the fixtures, with force exits counted and answered.
type exitCountingAPI struct {
	*fixtureAPI
	exits atomic.Int32
}

func (a *exitCountingAPI) ForceExit(_ context.Context, req apiclient.ForceExitRequest) (apiclient.ResultResponse, error) {
	a.exits.Add(1)
	return apiclient.ResultResponse{Result: fmt.Sprintf("Created exit order for trade %s.", req.TradeID)}, nil
}

// runAllNow runs cmd and the commands of any batch it holds, at once, and
// returns their messages. Only for commands that do not wait (no timers).
func runAllNow(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runAllNow(c)...)
		}
		return out
	case nil:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

// fiveTrades is the fixtures with two more open trades (ids 4 and 5).
func fiveTrades(t *testing.T) *fixtureAPI {
	t.Helper()
	api := newFixtureAPI(t)
	for id := 4; id <= 5; id++ {
		tr := api.trades[0]
		tr.TradeID = id
		tr.Pair = fmt.Sprintf("X%d/USDT", id)
		api.trades = append(api.trades, tr)
	}
	return api
}

// selectedTrade is the trade selected in the trades pane.
func selectedTrade(t *testing.T, m *Model) int {
	t.Helper()
	sel, ok := m.activeBot().screens[layout.TradeDesk][layout.Trades].(*trades.Model).Selected()
	if !ok {
		t.Fatal("no trade selected")
	}
	return sel.TradeID
}

// TestBurstMovesLikeSeparateKeys: "jjj" in one message moves three rows,
// exactly as j, j, j sent one by one.
func TestBurstMovesLikeSeparateKeys(t *testing.T) {
	t.Parallel()
	one := loadedModelOf(t, fiveTrades(t), 120, 40)
	start := selectedTrade(t, one)
	one.Update(burst("jjj"))
	apart := loadedModelOf(t, fiveTrades(t), 120, 40)
	for range 3 {
		pressSync(apart, "j")
	}
	got, want := selectedTrade(t, one), selectedTrade(t, apart)
	if got != want || got == start {
		t.Fatalf("after one message jjj trade #%d is selected; after j j j #%d (started at #%d)", got, want, start)
	}
	if ids := one.bots[0].feed.Data().Trades; got != ids[3].TradeID {
		t.Fatalf("jjj selected #%d, want the fourth trade #%d", got, ids[3].TradeID)
	}
}

// TestBurstForceExitSendsOnce: x y y y y in one message opens the dialog,
// confirms it with the first y, and sends exactly one force exit; the other
// y keys land where no key sends anything.
func TestBurstForceExitSendsOnce(t *testing.T) {
	t.Parallel()
	api := &exitCountingAPI{fixtureAPI: newFixtureAPI(t)}
	m := loadedModelOf(t, api, 120, 40)
	_, cmd := m.Update(burst("xyyyy"))
	if m.modal.kind != modalNone {
		t.Fatalf("the dialog is still open (modal %d)", m.modal.kind)
	}
	if m.status.kind != statusBusy || m.status.text != "Force exit #1 BTC/USDT…" {
		t.Fatalf("status = %q (kind %d), want the force exit under way", m.status.text, m.status.kind)
	}
	msgs := runAllNow(cmd)
	if n := api.exits.Load(); n != 1 {
		t.Fatalf("x y y y y in one message sent %d force exits, want 1", n)
	}
	if len(msgs) != 1 {
		t.Fatalf("the keys led to %d messages, want the one action result: %#v", len(msgs), msgs)
	}
	m.Update(msgs[0])
	if !strings.Contains(m.status.text, "Created exit order for trade 1.") {
		t.Fatalf("status = %q", m.status.text)
	}
}

// TestBurstQuitQuits: "qy" in one message quits (q needs no confirmation),
// and nothing after the q is handled.
func TestBurstQuitQuits(t *testing.T) {
	t.Parallel()
	m := loadedModel(t, 120, 40)
	_, cmd := m.Update(burst("qy"))
	if m.state != stateQuitting {
		t.Fatalf("state = %s after qy, want quitting", m.state)
	}
	if msgs := runAllNow(cmd); len(msgs) != 1 || msgs[0] != (tea.QuitMsg{}) {
		t.Fatalf("qy led to %#v, want one quit", msgs)
	}
}

// TestBurstTypesIntoTheFieldItOpened: "e" opens the force-enter dialog
// with its pair field focused; the rest of the same message is typed into
// that field, as typed.
func TestBurstTypesIntoTheFieldItOpened(t *testing.T) {
	t.Parallel()
	m := loadedModel(t, 120, 40)
	m.Update(burst("eADA/USDT"))
	if m.modal.kind != modalDialog || m.modal.dialog.title != "Force enter" {
		t.Fatalf("no force-enter dialog: modal %d", m.modal.kind)
	}
	if got := string(m.modal.dialog.fields[enterFieldPair].value); got != "ADA/USDT" {
		t.Fatalf("pair field = %q, want ADA/USDT", got)
	}
}

// TestBurstIntoSearchBox: "4/" focuses the logs and opens its search box;
// what follows in the same message, q and S and x included, is the search
// text, not quit, stop or anything else.
func TestBurstIntoSearchBox(t *testing.T) {
	t.Parallel()
	m := loadedModel(t, 120, 40)
	m.Update(burst("4/qSx"))
	if m.state != stateReady || m.modal.kind != modalNone {
		t.Fatalf("a typed key acted globally: state %s, modal %d", m.state, m.modal.kind)
	}
	if !m.focusedPane().Capturing() {
		t.Fatal("the search box is not open")
	}
	if view := ansi.Strip(m.View()); !strings.Contains(view, "/qSx") {
		t.Fatalf("the search box does not hold qSx:\n%s", view)
	}
}

// TestPasteStaysOnePaste: a bracketed paste is text, never keys: outside a
// text field it does nothing (no dialog, no quit); in a text field it is
// typed whole.
func TestPasteStaysOnePaste(t *testing.T) {
	t.Parallel()
	m := loadedModel(t, 120, 40)
	m.Update(paste("xyq"))
	if m.state != stateReady || m.modal.kind != modalNone {
		t.Fatalf("a paste acted as keys: state %s, modal %d", m.state, m.modal.kind)
	}
	m.Update(burst("e"))
	m.Update(paste("SOL/USDT y"))
	if m.modal.kind != modalDialog {
		t.Fatal("the paste closed the dialog")
	}
	if got := string(m.modal.dialog.fields[enterFieldPair].value); got != "SOL/USDT y" {
		t.Fatalf("pair field = %q, want the pasted text", got)
	}
}

// TestRepeatedKeysSendOnce: x y y enter, one message each, sends one force
// exit. The dialog x opened takes the first y in the very next update (the
// pane's intent was handled with the x); the second y and enter land where
// no key sends anything. Nothing but the order of the keys decides it.
func TestRepeatedKeysSendOnce(t *testing.T) {
	t.Parallel()
	api := &exitCountingAPI{fixtureAPI: newFixtureAPI(t)}
	m := loadedModelOf(t, api, 120, 40)
	var cmds []tea.Cmd
	for _, k := range []string{"x", "y", "y", "enter"} {
		_, cmd := m.Update(keyMsg(k))
		cmds = append(cmds, cmd)
	}
	msgs := runAllNow(tea.Batch(cmds...))
	if n := api.exits.Load(); n != 1 {
		t.Fatalf("x y y enter sent %d force exits, want 1", n)
	}
	if len(msgs) != 1 {
		t.Fatalf("the keys led to %d messages, want the one action result: %#v", len(msgs), msgs)
	}
}

// TestBurstForceExitFlow: the same burst through a running program against
// a fake bot: the exit reaches the server once.
func TestBurstForceExitFlow(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()}))
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (3)")

	tm.Send(burst("xyyyy"))
	waitText(t, tm, "Created exit order for trade 1.")
	if n := fb.hitCount("POST /forceexit"); n != 1 {
		t.Fatalf("POST /forceexit sent %d times, want 1", n)
	}
}

// TestEscThenKeyInOneRead: esc and x arriving in one read reach Bubble Tea as
// alt+x; no binding uses it, so it closes the help and then opens the force
// exit dialog, as esc and x sent apart do.
func TestEscThenKeyInOneRead(t *testing.T) {
	t.Parallel()
	m := loadedModel(t, 120, 40)
	pressSync(m, "?")
	if m.modal.kind != modalHelp {
		t.Fatalf("modal %d after ?, want the help", m.modal.kind)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x"), Alt: true})
	if m.modal.kind != modalDialog {
		t.Fatalf("modal %d after esc+x in one read, want the force exit dialog", m.modal.kind)
	}
}
