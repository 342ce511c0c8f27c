package history

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/panes/panestest"
	"github.com/freqdeck/freqdeck/themes"
)

var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func newPane(tb testing.TB, w, h int) *Model {
	tb.Helper()
	m := New(panestest.Common(tb, themes.Default, termenv.Ascii, t0), DefaultKeyMap())
	m.SetSize(w, h)
	m.Focus()
	return m
}

// loaded returns a pane holding the newest n of total closed trades.
func loaded(tb testing.TB, w, h, n, total int) *Model {
	tb.Helper()
	m := newPane(tb, w, h)
	m.Update(panes.ClosedTradesMsg{Trades: panestest.ClosedTrades(total, t0)[:n], Total: total})
	return m
}

func TestView(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		w, h, n, total int
		keys           []string
	}{
		"80x24":       {80, 24, 40, 40, nil},
		"160x48":      {160, 48, 60, 1200, nil},
		"empty":       {80, 10, 0, 0, nil},
		"narrow":      {44, 10, 8, 8, nil},
		"filtered":    {100, 14, 40, 40, []string{"/", "e", "t", "h", "enter", "e"}},
		"typing":      {100, 12, 40, 40, []string{"j", "/", "s", "o"}},
		"paging":      {100, 10, 500, 1200, []string{"G"}},
		"no_matches":  {80, 8, 10, 10, []string{"/", "z", "z", "enter"}},
		"scrolled_80": {80, 24, 40, 40, []string{"pgdown", "j"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := loaded(t, tc.w, tc.h, tc.n, tc.total)
			panestest.Press(m, tc.keys...)
			v := m.View()
			panestest.AssertSize(t, v, tc.w, tc.h)
			golden.RequireEqual(t, []byte(ansi.Strip(v)))
		})
	}
}

func TestWaitingBeforeData(t *testing.T) {
	t.Parallel()
	m := newPane(t, 80, 8)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Closed trades ─") {
		t.Fatalf("title before data:\n%s", v)
	}
	m.Update(panes.LoadFailedMsg{Data: panes.DataClosedTrades, Problem: "/trades: 502 boom"})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Closed trades") {
		t.Fatalf("after a failure:\n%s", v)
	}
}

func TestSizeInvariants(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 3, 120} {
		panestest.EachSize(func(w, h int) {
			m := loaded(t, w, h, n, n)
			panestest.Press(m, "j", "G", "/", "x")
			panestest.AssertSize(t, m.View(), w, h)
		})
	}
}

// TestPaging: the next page is asked for only near the end of what is
// loaded, once until it comes, and never past the total.
func TestPaging(t *testing.T) {
	t.Parallel()
	all := panestest.ClosedTrades(1200, t0)
	m := newPane(t, 100, 20)
	m.Update(panes.ClosedTradesMsg{Trades: all[:500], Total: 1200})
	if got := panestest.Press(m, "j", "pgdown"); got != nil {
		t.Fatalf("a page was asked for at the top: %#v", got)
	}
	if got := panestest.Press(m, "G"); got != (panes.ClosedTradesPageRequestedMsg{Offset: 500}) {
		t.Fatalf("G: %#v", got)
	}
	if got := panestest.Press(m, "k", "j"); got != nil {
		t.Fatalf("asked again while the page is on its way: %#v", got)
	}
	if !strings.Contains(ansi.Strip(m.View()), "loading…") {
		t.Fatalf("no loading mark:\n%s", ansi.Strip(m.View()))
	}
	m.Update(panes.ClosedTradesMsg{Trades: all[:1000], Total: 1200})
	if sel, _ := m.Selected(); sel.TradeID != all[499].TradeID {
		t.Fatalf("the selection did not stay on trade %d: %d", all[499].TradeID, sel.TradeID)
	}
	if got := panestest.Press(m, "G"); got != (panes.ClosedTradesPageRequestedMsg{Offset: 1000}) {
		t.Fatalf("second G: %#v", got)
	}
	m.Update(panes.LoadFailedMsg{Data: panes.DataClosedTrades, Problem: "/trades: 502 boom"})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "/trades: 502 boom") {
		t.Fatalf("failure not shown:\n%s", v)
	}
	if got := panestest.Press(m, "k"); got != (panes.ClosedTradesPageRequestedMsg{Offset: 1000}) {
		t.Fatalf("no retry after a failure: %#v", got)
	}
	m.Update(panes.ClosedTradesMsg{Trades: all, Total: 1200})
	if got := panestest.Press(m, "G"); got != nil {
		t.Fatalf("asked past the total: %#v", got)
	}
	if loaded, total := m.Loaded(); loaded != 1200 || total != 1200 {
		t.Fatalf("Loaded %d/%d", loaded, total)
	}
}

func TestFilters(t *testing.T) {
	t.Parallel()
	m := loaded(t, 120, 30, 40, 40)
	panestest.Press(m, "/")
	if !m.Capturing() {
		t.Fatal("the filter box does not capture typing")
	}
	panestest.Press(m, "E", "t", "h", "enter")
	if m.Capturing() {
		t.Fatal("enter did not close the box")
	}
	if m.Len() != 8 {
		t.Fatalf("ETH filter kept %d of 40", m.Len())
	}
	for i := range m.Len() {
		if p, _ := m.SelectedPair(); p != "ETH/USDT" {
			t.Fatalf("row %d is %s", i, p)
		}
		panestest.Press(m, "j")
	}
	panestest.Press(m, "e") // the first exit reason in name order
	reason := m.filter.reason
	if reason != "exit_signal" {
		t.Fatalf("first reason %q", reason)
	}
	for _, tr := range m.filter.apply(m.all) {
		if tr.Pair != "ETH/USDT" || *tr.ExitReason != reason {
			t.Fatalf("kept %s %s", tr.Pair, *tr.ExitReason)
		}
	}
	panestest.Press(m, "esc")
	if m.Len() != 40 || m.filter.active() {
		t.Fatalf("esc left %d rows, filter %+v", m.Len(), m.filter)
	}
	// Cycling comes back to every reason.
	seen := map[string]bool{}
	for range 6 {
		panestest.Press(m, "e")
		seen[m.filter.reason] = true
	}
	if len(seen) != 6 || !seen[""] {
		t.Fatalf("cycle saw %v", seen)
	}
}

// TestFilterAsksForMore: a filter that matches nothing loaded asks for the
// next page when there is one, and says so when there is none.
func TestFilterAsksForMore(t *testing.T) {
	t.Parallel()
	m := loaded(t, 100, 20, 10, 30)
	if got := panestest.Press(m, "/", "z", "enter"); got != (panes.ClosedTradesPageRequestedMsg{Offset: 10}) {
		t.Fatalf("got %#v", got)
	}
	m = loaded(t, 100, 20, 10, 10)
	got := panestest.Press(m, "/", "z", "enter")
	if n, ok := got.(panes.NoticeMsg); !ok || !strings.Contains(n.Text, "no loaded trade matches pair ~ z") {
		t.Fatalf("got %#v", got)
	}
}

func TestDetailIntent(t *testing.T) {
	t.Parallel()
	all := panestest.ClosedTrades(5, t0)
	m := loaded(t, 100, 20, 5, 5)
	got := panestest.Press(m, "j", "enter")
	if !reflect.DeepEqual(got, panes.ClosedTradeDetailRequestedMsg{Trade: all[1]}) {
		t.Fatalf("got %#v", got)
	}
	if got := panestest.Press(newPane(t, 80, 8), "enter"); got != (panes.NoticeMsg{Text: "no trade selected"}) {
		t.Fatalf("no trade: %#v", got)
	}
}

func TestViewShowsFields(t *testing.T) {
	t.Parallel()
	tr := panestest.ClosedTrade(14, t0)
	m := newPane(t, 160, 6)
	m.Update(panes.ClosedTradesMsg{Trades: []apiclient.RawTrade{tr}, Total: 1})
	v := ansi.Strip(m.View())
	for _, want := range []string{"14", "DOGE/USDT", " S ", "05-01 09:50", "05-01 12:00", "2h 10m", "-1.00%", "-1.00", "force_exit", "tag_2"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

// TestStaleData: trades kept from before the bot went quiet are marked
// stale with their age.
func TestStaleData(t *testing.T) {
	t.Parallel()
	m := loaded(t, 100, 8, 5, 5)
	m.Update(panes.HealthMsg{Stale: true, Answered: true, Age: 42 * time.Second, Problem: "offline"})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "stale 42s · Closed trades (5)") {
		t.Fatalf("view:\n%s", v)
	}
}
