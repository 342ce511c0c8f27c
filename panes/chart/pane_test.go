package chart

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/panes/panestest"
	"github.com/freqdeck/freqdeck/themes"
)

var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func f(v float64) *float64 { return &v }

// openTrade is an open long on BTC/USDT entered two hours ago at 100.
func openTrade() apiclient.OpenTrade {
	var t apiclient.OpenTrade
	t.TradeID, t.Pair, t.OpenRate = 5, "BTC/USDT", 100
	t.OpenTimestamp = t0.Add(-2 * time.Hour).UnixMilli()
	t.StopLossAbs, t.CurrentRate = f(97.5), f(101)
	return t
}

func newPane(tb testing.TB, w, h int, theme string, profile termenv.Profile) *Model {
	tb.Helper()
	m := New(panestest.Common(tb, theme, profile, t0), DefaultKeyMap())
	m.SetSize(w, h)
	m.Focus()
	m.Update(panes.ConfigMsg{Config: apiclient.ShowConfig{Timeframe: ptr("5m")}})
	m.Update(panes.WhitelistMsg{Whitelist: apiclient.Whitelist{Whitelist: []string{"BTC/USDT", "ETH/USDT", "SOL/USDT"}}})
	m.Update(panes.TradesMsg{Trades: []apiclient.OpenTrade{openTrade()}})
	m.Update(panes.ClosedTradesMsg{Trades: closedOnBTC(), Total: 2})
	return m
}

func ptr(s string) *string { return &s }

// closedOnBTC are two closed BTC/USDT trades within the last few hours.
func closedOnBTC() []apiclient.RawTrade {
	a := panestest.ClosedTrade(10, t0.Add(-3*time.Hour))
	b := panestest.ClosedTrade(15, t0.Add(-5*time.Hour))
	for _, t := range []*apiclient.RawTrade{&a, &b} {
		t.Pair = "BTC/USDT"
		t.OpenRate = 99
		t.CloseRate = f(100.5)
	}
	return []apiclient.RawTrade{a, b}
}

// shown returns a pane showing BTC/USDT's candles.
func shown(tb testing.TB, w, h int, theme string, profile termenv.Profile) *Model {
	tb.Helper()
	m := newPane(tb, w, h, theme, profile)
	m.Update(panes.ChartPairMsg{Pair: "BTC/USDT"})
	m.Update(panes.CandlesMsg{History: panestest.Candles("BTC/USDT", 5*time.Minute, 300, t0, 100)})
	return m
}

func TestView(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		w, h    int
		theme   string
		profile termenv.Profile
	}{
		"80x24":      {80, 24, themes.Default, termenv.Ascii},
		"160x48":     {160, 48, themes.Default, termenv.Ascii},
		"mono_80x24": {80, 24, themes.Mono, termenv.Ascii},
		"too_small":  {24, 7, themes.Default, termenv.Ascii},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			v := shown(t, tc.w, tc.h, tc.theme, tc.profile).View()
			panestest.AssertSize(t, v, tc.w, tc.h)
			golden.RequireEqual(t, []byte(ansi.Strip(v)))
		})
	}
}

func TestWaitingStates(t *testing.T) {
	t.Parallel()
	m := newPane(t, 80, 12, themes.Default, termenv.Ascii)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "No pair chosen") {
		t.Fatalf("no pair:\n%s", v)
	}
	m.Update(panes.ChartPairMsg{Pair: "ETH/USDT"})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Chart · ETH/USDT 5m · loading…") || !strings.Contains(v, "Waiting for candles") {
		t.Fatalf("waiting:\n%s", v)
	}
	// Candles of another pair (a late answer) are not shown.
	m.Update(panes.CandlesMsg{History: panestest.Candles("BTC/USDT", 5*time.Minute, 50, t0, 100)})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Waiting for candles") {
		t.Fatalf("another pair's candles shown:\n%s", v)
	}
	m.Update(panes.LoadFailedMsg{Data: panes.DataCandles, Problem: "/pair_candles: 502 no data"})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "/pair_candles: 502 no data") || !strings.Contains(v, "No candles for ETH/USDT") {
		t.Fatalf("failure:\n%s", v)
	}
	m.Update(panes.CandlesMsg{History: panestest.Candles("ETH/USDT", time.Hour, 50, t0, 3000)})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Chart · ETH/USDT 1h ─") || strings.Contains(v, "502") {
		t.Fatalf("after candles:\n%s", v)
	}
}

// TestPairKeys: n and N walk the whitelist and the open trades' pairs,
// asking for each pair's candles.
func TestPairKeys(t *testing.T) {
	t.Parallel()
	m := newPane(t, 80, 12, themes.Default, termenv.Ascii)
	var extra apiclient.OpenTrade
	extra.Pair = "PEPE/USDT"
	m.Update(panes.TradesMsg{Trades: []apiclient.OpenTrade{openTrade(), extra}})
	steps := []struct {
		key, want string
	}{{"n", "BTC/USDT"}, {"n", "ETH/USDT"}, {"N", "BTC/USDT"}, {"N", "PEPE/USDT"}, {"n", "BTC/USDT"}, {"right", "ETH/USDT"}}
	for _, s := range steps {
		got := panestest.Press(m, s.key)
		if got != (panes.ChartPairRequestedMsg{Pair: s.want}) || m.Pair() != s.want {
			t.Fatalf("%s: %#v, pair %s, want %s", s.key, got, m.Pair(), s.want)
		}
	}
	empty := New(panestest.Common(t, themes.Default, termenv.Ascii, t0), DefaultKeyMap())
	if got := panestest.Press(empty, "n"); got == nil {
		t.Fatal("n with no pairs said nothing")
	}
}

// TestMarksAndLevels: the open trade's rate and a near stoploss are lines,
// a far stoploss is named off the chart; entries and exits within the
// candles are marked, older ones not.
func TestMarksAndLevels(t *testing.T) {
	t.Parallel()
	m := shown(t, 120, 30, themes.Default, termenv.Ascii)
	v := ansi.Strip(m.View())
	for _, want := range []string{"─ open 100.000", "┄ stop 97.5000", "▲", "▼", "┄┄┄"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	p := m.plan(118, 27)
	if len(p.marks) != 5 { // the open entry, two closed entries, two exits
		t.Errorf("%d marks: %+v", len(p.marks), p.marks)
	}
	far := openTrade()
	far.StopLossAbs = f(50)
	m.Update(panes.TradesMsg{Trades: []apiclient.OpenTrade{far}})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "stop 50.0000 (off the chart)") || strings.Contains(v, "┄┄┄") {
		t.Errorf("far stoploss:\n%s", v)
	}
	if p := m.plan(118, 27); p.lo < 90 {
		t.Errorf("a far stoploss widened the range to %v", p.lo)
	}
}

// TestCandleGlyphs: colour themes draw candles in the profit and loss
// colours; the mono theme draws rising candles hollow and falling ones
// filled.
func TestCandleGlyphs(t *testing.T) {
	t.Parallel()
	colour := shown(t, 100, 30, themes.Default, termenv.TrueColor)
	st := colour.Styles()
	v := colour.View()
	painted := func(style lipgloss.Style, r string) bool {
		return strings.Contains(v, strings.Split(style.Render(r), r)[0]+r)
	}
	if !painted(st.Profit, "┃") || !painted(st.Loss, "┃") {
		t.Error("colour candles lack the profit or loss colour")
	}
	if strings.Contains(ansi.Strip(v), "║") {
		t.Error("hollow candles in a colour theme")
	}
	mono := ansi.Strip(shown(t, 100, 30, themes.Mono, termenv.Ascii).View())
	if !strings.Contains(mono, "║") || !strings.Contains(mono, "┃") {
		t.Errorf("mono lacks hollow or filled candles:\n%s", mono)
	}
}

func TestCandlesParse(t *testing.T) {
	t.Parallel()
	h := panestest.Candles("BTC/USDT", 5*time.Minute, 3, t0, 100)
	cs := Candles(h)
	if len(cs) != 3 || !cs[2].At.Equal(t0) || cs[0].At != t0.Add(-10*time.Minute) {
		t.Fatalf("candles %+v", cs)
	}
	// Without __date_ts the ISO date is read; rows with nulls are skipped.
	h.Columns = h.Columns[:6]
	for i := range h.Data {
		h.Data[i] = h.Data[i][:6]
	}
	h.Data[1][2] = nil
	if cs := Candles(h); len(cs) != 2 || !cs[1].At.Equal(t0) {
		t.Fatalf("from dates: %+v", cs)
	}
	if cs := Candles(apiclient.PairHistory{Columns: []string{"date"}}); cs != nil {
		t.Fatalf("no price columns: %+v", cs)
	}
}

func TestSizeInvariants(t *testing.T) {
	t.Parallel()
	panestest.EachSize(func(w, h int) {
		m := shown(t, w, h, themes.Default, termenv.Ascii)
		panestest.AssertSize(t, m.View(), w, h)
	})
}

// BenchmarkChartView renders the cached chart at 200x60.
func BenchmarkChartView(b *testing.B) {
	m := shown(b, 200, 60, themes.Default, termenv.TrueColor)
	_ = m.View()
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkChartDraw draws the chart again at 200x60, as after new
// candles or a resize.
func BenchmarkChartDraw(b *testing.B) {
	m := shown(b, 200, 60, themes.Default, termenv.TrueColor)
	b.ReportAllocs()
	for b.Loop() {
		m.Redraw()
		_ = m.View()
	}
}

// TestRefreshKeepsDrawing: a refresh of the open trades that changes
// nothing on the pair keeps the drawing; a new stoploss draws again.
func TestRefreshKeepsDrawing(t *testing.T) {
	t.Parallel()
	m := shown(t, 100, 30, themes.Default, termenv.Ascii)
	_ = m.View()
	other := openTrade()
	other.Pair, other.TradeID = "ETH/USDT", 99
	m.Update(panes.TradesMsg{Trades: []apiclient.OpenTrade{openTrade(), other}})
	if !m.Drawing() {
		t.Fatal("another pair's trade made the chart draw again")
	}
	moved := openTrade()
	moved.StopLossAbs = f(98.5)
	m.Update(panes.TradesMsg{Trades: []apiclient.OpenTrade{moved}})
	if m.Drawing() || !strings.Contains(ansi.Strip(m.View()), "stop 98.5000") {
		t.Fatal("a moved stoploss was not drawn")
	}
}

// TestHealth: the chart's data is marked stale in its title without being
// drawn again; with nothing to draw, the body says what is wrong.
func TestHealth(t *testing.T) {
	t.Parallel()
	m := shown(t, 100, 30, themes.Default, termenv.Ascii)
	_ = m.View()
	m.Update(panes.HealthMsg{Stale: true, Answered: true, Age: 15 * time.Second})
	if !m.Drawing() || !strings.Contains(ansi.Strip(m.View()), "stale 15s · Chart · BTC/USDT 5m") {
		t.Fatalf("stale:\n%s", ansi.Strip(m.View()))
	}
	empty := newPane(t, 80, 10, themes.Default, termenv.Ascii)
	empty.Update(panes.HealthMsg{Stale: true, Problem: "auth failed: 401"})
	if v := ansi.Strip(empty.View()); !strings.Contains(v, "auth failed: 401") {
		t.Fatalf("no data:\n%s", v)
	}
}

// TestLegendFitsAt80: at 80 columns, with BTC's five-digit prices, the
// legend keeps the open rate, the whole stoploss and the markers' key: the
// last candle's prices shorten to its close first.
func TestLegendFitsAt80(t *testing.T) {
	t.Parallel()
	m := newPane(t, 80, 24, themes.Default, termenv.Ascii)
	tr := openTrade()
	tr.OpenRate, tr.StopLossAbs, tr.CurrentRate = 58670.9, f(57497.4), f(58114.2)
	m.Update(panes.TradesMsg{Trades: []apiclient.OpenTrade{tr}})
	m.Update(panes.ChartPairMsg{Pair: "BTC/USDT"})
	m.Update(panes.CandlesMsg{History: panestest.Candles("BTC/USDT", 5*time.Minute, 300, t0, 58000)})
	legend := strings.Split(ansi.Strip(m.View()), "\n")[1]
	for _, want := range []string{"─ open 58670.90", "┄ stop 57497.40", "▲ buy ▼ sell", " C "} {
		if !strings.Contains(legend, want) {
			t.Errorf("legend lacks %q: %q", want, legend)
		}
	}
	if v := ansi.Strip(shown(t, 160, 48, themes.Default, termenv.Ascii).View()); !strings.Contains(v, " O ") {
		t.Errorf("a wide legend lost the open, high and low:\n%s", v)
	}
}
