package overview

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/panes/panestest"
	"github.com/freqdeck/freqdeck/themes"
)

var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// fleet is four bots: two in USDT (one live, read-only), one in BTC, and
// one down since before it answered anything.
func fleet() []Row {
	return []Row{
		{Bot: 0, Name: "vps1", Conn: "online", Fresh: true, Answered: true, Age: 3 * time.Second, State: "running", Mode: "dry",
			Open: 2, TradesKnown: true, Max: 5, MaxKnown: true, Currency: "USDT",
			OpenProfit: Some(12.5), Today: Some(3.25), Week: Some(-8), Total: Some(140.75),
			Event: "exit filled: ETH/USDT #7 +1.20% (roi)", EventAt: t0.Add(-2 * time.Minute)},
		{Bot: 1, Name: "btc-grid", Conn: "online", Fresh: true, Answered: true, Age: 1 * time.Second, State: "paused", Mode: "dry",
			Open: 1, TradesKnown: true, Max: -1, MaxKnown: true, Currency: "BTC",
			OpenProfit: Some(-0.00042), Today: Some(0), Week: Some(0.0013), Total: Some(0.0121)},
		{Bot: 2, Name: "vps2-live", Conn: "stale", Answered: true, Age: 20 * time.Second, Problem: "no answer for 20s",
			State: "running", Mode: "live", ReadOnly: true, Open: 3, TradesKnown: true, Max: 3, MaxKnown: true, Currency: "USDT",
			OpenProfit: Some(-4), Today: Some(-1.5), Week: Some(22), Total: Some(-30)},
		{Bot: 3, Name: "home", Conn: "offline", Problem: "connection refused (retrying in 8s)"},
	}
}

func newPane(tb testing.TB, w, h int, rows []Row) *Model {
	tb.Helper()
	m := New(panestest.Common(tb, themes.Default, termenv.Ascii, t0), DefaultKeyMap())
	m.SetSize(w, h)
	m.Focus()
	m.Update(RowsMsg{Rows: rows})
	return m
}

// TestView: goldens of the overview at the console's sizes, sorted and
// marked; every view keeps the pane's size.
func TestView(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct {
		w, h int
		keys []string
	}{
		"80x24":          {80, 23, nil},
		"160x48":         {160, 47, nil},
		"sorted_total":   {160, 20, []string{">", ">", ">", ">", ">", ">"}},
		"marked":         {120, 20, []string{" ", "j", " "}},
		"empty_narrow":   {40, 10, nil},
		"too_many_lines": {100, 8, nil},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rows := fleet()
			if name == "empty_narrow" {
				rows = nil
			}
			m := newPane(t, c.w, c.h, rows)
			panestest.Press(m, c.keys...)
			view := m.View()
			panestest.AssertSize(t, view, c.w, c.h)
			golden.RequireEqual(t, []byte(ansi.Strip(view)))
		})
	}
}

// TestTotalsPerCurrency: the totals never add USDT to BTC: one row per
// stake currency, with what its bots hold.
func TestTotalsPerCurrency(t *testing.T) {
	t.Parallel()
	sums := totals(fleet())
	if len(sums) != 2 || sums[0].currency != "BTC" || sums[1].currency != "USDT" {
		t.Fatalf("totals = %+v", sums)
	}
	usdt := sums[1].cells()
	if usdt[colBot] != "Σ USDT" || usdt[colConn] != "1/2 online" || usdt[colTrades] != "5/8" ||
		usdt[colOpen] != "+8.50" || usdt[colToday] != "+1.75" || usdt[colWeek] != "+14.00" || usdt[colTotal] != "+110.75" {
		t.Fatalf("USDT totals = %q", usdt)
	}
	btc := sums[0].cells()
	if btc[colTrades] != "1" || btc[colTotal] != "+0.012" || btc[colOpen] != "-0.00042" {
		t.Fatalf("BTC totals = %q (an unlimited bot leaves the most unknown)", btc)
	}
}

// TestSortMarksAndIntents: the sort cycles and reverses, the selection and
// the marks follow the bots, enter asks for the selected bot's desk, and
// Marked is the marked bots, or the selected one.
func TestSortMarksAndIntents(t *testing.T) {
	t.Parallel()
	m := newPane(t, 120, 20, fleet())
	names := func() string {
		var out []string
		for _, r := range m.sorted {
			out = append(out, r.Name)
		}
		return strings.Join(out, ",")
	}
	if got := names(); got != "btc-grid,home,vps1,vps2-live" {
		t.Fatalf("by name: %s", got)
	}
	panestest.Press(m, ">") // connection: the bots down first
	if got := names(); got != "home,vps2-live,btc-grid,vps1" {
		t.Fatalf("by connection: %s", got)
	}
	if got := m.Marked(); len(got) != 1 || got[0] != 0 {
		t.Fatalf("with nothing marked, Marked is the selected bot (vps1 stays selected): %v", got)
	}
	panestest.Press(m, ">") // trades, most first; unknown last
	if got := names(); got != "vps2-live,vps1,btc-grid,home" {
		t.Fatalf("by trades: %s", got)
	}
	panestest.Press(m, "<")
	if got := names(); got != "btc-grid,vps1,vps2-live,home" {
		t.Fatalf("by trades, reversed (unknown still last): %s", got)
	}
	if intent := panestest.Press(m, "enter"); intent != (panes.OpenBotRequestedMsg{Bot: 0}) {
		t.Fatalf("enter on vps1: %#v", intent)
	}
	panestest.Press(m, "g", " ", " ")
	if got := m.Marked(); len(got) != 2 || got[0] != 1 || got[1] != 0 {
		t.Fatalf("marked btc-grid and vps1: %v", got)
	}
	panestest.Press(m, "*")
	if len(m.Marked()) != 4 {
		t.Fatalf("* marks all: %v", m.Marked())
	}
	panestest.Press(m, "*")
	if got := m.Marked(); len(got) != 1 {
		t.Fatalf("* again unmarks all: %v", got)
	}
	if intent := panestest.Press(m, "X"); intent != (panes.FleetExitAllRequestedMsg{}) {
		t.Fatalf("X: %#v", intent)
	}
}

// TestUnchangedRowsKeepTheDrawing: the same rows again draw nothing anew.
func TestUnchangedRowsKeepTheDrawing(t *testing.T) {
	t.Parallel()
	m := newPane(t, 120, 20, fleet())
	_ = m.View()
	m.Update(RowsMsg{Rows: fleet()})
	if !m.Drawing() {
		t.Fatal("the same rows made the overview draw again")
	}
	rows := fleet()
	rows[0].Open = 3
	m.Update(RowsMsg{Rows: rows})
	if m.Drawing() {
		t.Fatal("a changed row kept the old drawing")
	}
}

// TestConnectionAge: an online bot's age shows once its data is 30 s old;
// a bot that is not online always shows it.
func TestConnectionAge(t *testing.T) {
	t.Parallel()
	m := newPane(t, 120, 20, nil)
	for _, c := range []struct {
		r    Row
		want string
	}{
		{Row{Conn: "online", Fresh: true, Answered: true, Age: 29 * time.Second}, "online"},
		{Row{Conn: "online", Fresh: true, Answered: true, Age: 45 * time.Second}, "online 45s"},
		{Row{Conn: "stale", Answered: true, Age: 5 * time.Second}, "stale 5s"},
		{Row{Conn: "offline"}, "offline"},
	} {
		if got := m.cells(c.r)[colConn]; got != c.want {
			t.Errorf("%+v: %q, want %q", c.r, got, c.want)
		}
	}
}

// TestTitleCountsOneBot: one bot is "1 bot", not "1 bots".
func TestTitleCountsOneBot(t *testing.T) {
	t.Parallel()
	m := newPane(t, 120, 20, fleet()[:1])
	if got := m.title(); !strings.HasPrefix(got, "Overview (1 bot) ") {
		t.Fatalf("title = %q", got)
	}
}
