package trades

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/panes/panestest"
	"github.com/freqdeck/freqdeck/themes"
)

// t0 is the pinned clock of every test.
var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// common returns a Common with the default theme and the pinned clock.
func common(tb testing.TB, profile termenv.Profile) panes.Common {
	tb.Helper()
	return panestest.Common(tb, themes.Default, profile, t0)
}

func f(v float64) *float64 { return &v }
func s(v string) *string   { return &v }

// trade builds an open trade opened age ago.
func trade(id int, pair string, ratio float64, age time.Duration) apiclient.OpenTrade {
	var t apiclient.OpenTrade
	t.TradeID = id
	t.Pair = pair
	t.Amount = 0.0123 * float64(id)
	t.StakeAmount = 100
	t.OpenRate = 64000.5
	t.CurrentRate = f(64000.5 * (1 + ratio))
	t.ProfitRatio = f(ratio)
	t.ProfitAbs = f(100 * ratio)
	t.OpenTimestamp = t0.Add(-age).UnixMilli()
	t.StoplossCurrentDistRatio = f(-0.031)
	t.EnterTag = s("ema_cross")
	return t
}

func fixture() []apiclient.OpenTrade {
	a := trade(1, "BTC/USDT", 0.0123, 26*time.Hour)
	b := trade(2, "ETH/USDT", -0.005, 12*time.Minute)
	b.IsShort = true
	b.HasOpenOrders = true
	b.EnterTag = nil
	c := trade(7, "SOL/USDT:USDT", 0, 3200*time.Millisecond)
	c.CurrentRate = nil
	return []apiclient.OpenTrade{a, b, c}
}

func newPane(tb testing.TB, w, h int, trades []apiclient.OpenTrade) *Model {
	tb.Helper()
	m := New(common(tb, termenv.Ascii), DefaultKeyMap())
	m.SetSize(w, h)
	m.Focus()
	if trades != nil {
		m.Update(panes.TradesMsg{Trades: trades})
	}
	return m
}

func TestView(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		w, h   int
		trades []apiclient.OpenTrade
		keys   []string
	}{
		"empty":          {w: 80, h: 8, trades: []apiclient.OpenTrade{}},
		"normal":         {w: 120, h: 8, trades: fixture()},
		"narrow":         {w: 40, h: 8, trades: fixture()},
		"medium":         {w: 80, h: 8, trades: fixture()},
		"selection_down": {w: 120, h: 8, trades: fixture(), keys: []string{"j", "j"}},
		"scrolled":       {w: 120, h: 5, trades: fixture(), keys: []string{"G"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := newPane(t, tc.w, tc.h, tc.trades)
			panestest.Press(m, tc.keys...)
			golden.RequireEqual(t, []byte(ansi.Strip(m.View())))
		})
	}
}

func TestViewShowsFieldsAndTitle(t *testing.T) {
	t.Parallel()
	v := ansi.Strip(newPane(t, 160, 8, fixture()).View())
	for _, want := range []string{
		"Open trades (3)", "2*", "+1.23%", "-0.50%", "+1.23", "1d 2h", "12m", "3.2s",
		"-3.10%", "ema_cross", " S ", "64000.50",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

func TestClockMsgMovesDurations(t *testing.T) {
	t.Parallel()
	m := newPane(t, 160, 8, fixture())
	m.Update(panes.ClockMsg{Now: t0.Add(time.Second)})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "4.2s") || !strings.Contains(v, "12m") {
		t.Errorf("a second later:\n%s", v)
	}
	// Durations that outgrow their column re-lay the table out.
	m.Update(panes.ClockMsg{Now: t0.Add(100 * 24 * time.Hour)})
	v := ansi.Strip(m.View())
	for _, want := range []string{"101d 2h", "100d 0h"} {
		if !strings.Contains(v, want) {
			t.Errorf("100 days later lacks %q:\n%s", want, v)
		}
	}
	panestest.AssertSize(t, m.View(), 160, 8)
	// The cache matches a fresh render at the same instant.
	fresh := New(panestest.Common(t, themes.Default, termenv.Ascii, t0.Add(100*24*time.Hour)), DefaultKeyMap())
	fresh.SetSize(160, 8)
	fresh.Focus()
	fresh.Update(panes.TradesMsg{Trades: fixture()})
	if got := fresh.View(); got != m.View() {
		t.Errorf("ticked view differs from a fresh one:\n%s\n%s", m.View(), got)
	}
}

func TestSizeInvariants(t *testing.T) {
	t.Parallel()
	many := make([]apiclient.OpenTrade, 0, 80)
	for i := range 80 {
		many = append(many, trade(i+1, fmt.Sprintf("PAIR%d/USDT", i), float64(i%7-3)/100, time.Duration(i)*time.Hour))
	}
	for _, data := range [][]apiclient.OpenTrade{nil, fixture(), many} {
		for w := 30; w <= 200; w += 17 {
			for h := 8; h <= 60; h += 13 {
				m := newPane(t, w, h, data)
				panestest.Press(m, "j", "G")
				panestest.AssertSize(t, m.View(), w, h)
			}
		}
	}
}

func TestIntents(t *testing.T) {
	t.Parallel()
	cases := []struct {
		keys []string
		want tea.Msg
	}{
		{[]string{"x"}, panes.ForceExitRequestedMsg{Trade: fixture()[0]}},
		{[]string{"j", "x"}, panes.ForceExitRequestedMsg{Trade: fixture()[1]}},
		{[]string{"X"}, panes.ForceExitAllRequestedMsg{}},
		{[]string{"e"}, panes.ForceEnterRequestedMsg{}},
		{[]string{"j", "j", "l"}, panes.LockRequestedMsg{Pair: "SOL/USDT:USDT"}},
		{[]string{"down", "c"}, panes.CancelOrderRequestedMsg{Trade: fixture()[1]}},
		{[]string{"G", "up", "D"}, panes.DeleteTradeRequestedMsg{Trade: fixture()[1]}},
		{[]string{"G", "enter"}, panes.TradeDetailRequestedMsg{Trade: fixture()[2]}},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.keys, "_"), func(t *testing.T) {
			t.Parallel()
			got := panestest.Press(newPane(t, 120, 10, fixture()), tc.keys...)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %#v\nwant %#v", got, tc.want)
			}
		})
	}
}

func TestNoSelectionNotices(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"x", "l", "c", "D", "enter"} {
		got := panestest.Press(newPane(t, 80, 10, nil), k)
		if got != (panes.NoticeMsg{Text: "no trade selected"}) {
			t.Errorf("%s: got %#v", k, got)
		}
	}
	if got := panestest.Press(newPane(t, 80, 10, nil), "X"); got != (panes.NoticeMsg{Text: "no open trades"}) {
		t.Errorf("X: got %#v", got)
	}
	if got := panestest.Press(newPane(t, 80, 10, nil), "e"); got != (panes.ForceEnterRequestedMsg{}) {
		t.Errorf("e with no trades should still ask to enter: got %#v", got)
	}
}

func TestSelectionSticksToTradeID(t *testing.T) {
	t.Parallel()
	m := newPane(t, 120, 10, fixture())
	panestest.Press(m, "j") // trade 2
	data := fixture()
	reordered := []apiclient.OpenTrade{data[2], data[0], data[1]}
	m.Update(panes.TradesMsg{Trades: reordered})
	if got, _ := m.Selected(); got.TradeID != 2 {
		t.Fatalf("after reorder selected %d, want 2", got.TradeID)
	}
	// Trade 2 closes: the selection moves to the row now at its position.
	m.Update(panes.TradesMsg{Trades: reordered[:2]})
	if got, _ := m.Selected(); got.TradeID != 1 {
		t.Fatalf("after trade 2 left selected %d, want 1 (nearest)", got.TradeID)
	}
	m.Update(panes.TradesMsg{Trades: reordered[:1]})
	if got, _ := m.Selected(); got.TradeID != 7 {
		t.Fatalf("after trade 1 left selected %d, want 7", got.TradeID)
	}
	m.Update(panes.TradesMsg{Trades: nil})
	if _, ok := m.Selected(); ok {
		t.Fatal("selection with no trades")
	}
	m.Update(panes.TradesMsg{Trades: data})
	if got, ok := m.Selected(); !ok || got.TradeID != 1 {
		t.Fatalf("new trades: selected %d %v, want first", got.TradeID, ok)
	}
}

func TestFocusChangesBorderColourOnly(t *testing.T) {
	t.Parallel()
	m := New(common(t, termenv.TrueColor), DefaultKeyMap())
	m.SetSize(80, 8)
	m.Update(panes.TradesMsg{Trades: fixture()})
	blurred := m.View()
	m.Focus()
	focused := m.View()
	if blurred == focused {
		t.Fatal("focus did not change the rendering")
	}
	if ansi.Strip(blurred) != ansi.Strip(focused) {
		t.Fatal("focus changed the layout, not only colours")
	}
}

func TestNamedBindingsPointIntoKeyMap(t *testing.T) {
	t.Parallel()
	k := DefaultKeyMap()
	for _, nb := range k.Named() {
		if nb.Name == "force_exit" {
			nb.Binding.SetKeys("F")
		}
	}
	m := New(common(t, termenv.Ascii), k)
	m.SetSize(80, 10)
	m.Update(panes.TradesMsg{Trades: fixture()})
	if got := panestest.Press(m, "F"); !reflect.DeepEqual(got, panes.ForceExitRequestedMsg{Trade: fixture()[0]}) {
		t.Fatalf("rebound key: got %#v", got)
	}
	if got := panestest.Press(m, "x"); got != nil {
		t.Fatalf("old key still bound: %#v", got)
	}
}

func manyTrades(n int) []apiclient.OpenTrade {
	out := make([]apiclient.OpenTrade, n)
	for i := range out {
		out[i] = trade(i+1, fmt.Sprintf("COIN%d/USDT", i), float64(i%11-5)/100, time.Duration(i)*time.Minute)
	}
	return out
}

// BenchmarkTradesView renders the pane with 200 open trades at 200x60.
func BenchmarkTradesView(b *testing.B) {
	m := New(common(b, termenv.TrueColor), DefaultKeyMap())
	m.SetSize(200, 60)
	m.Focus()
	m.Update(panes.TradesMsg{Trades: manyTrades(200)})
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkTradesClock applies the once-a-second ClockMsg to 200 open
// trades and renders.
func BenchmarkTradesClock(b *testing.B) {
	m := New(common(b, termenv.TrueColor), DefaultKeyMap())
	m.SetSize(200, 60)
	m.Update(panes.TradesMsg{Trades: manyTrades(200)})
	now := t0
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(time.Second)
		m.Update(panes.ClockMsg{Now: now})
		_ = m.View()
	}
}

// BenchmarkTradesUpdate applies a refresh of 200 open trades (rebuilding
// every row) and renders once, the cost of one /status poll.
func BenchmarkTradesUpdate(b *testing.B) {
	m := New(common(b, termenv.TrueColor), DefaultKeyMap())
	m.SetSize(200, 60)
	data := manyTrades(200)
	b.ReportAllocs()
	for b.Loop() {
		m.Update(panes.TradesMsg{Trades: data})
		_ = m.View()
	}
}
