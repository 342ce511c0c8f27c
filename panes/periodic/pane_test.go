package periodic

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

func newPane(tb testing.TB, w, h int, profile termenv.Profile, theme string) *Model {
	tb.Helper()
	m := New(panestest.Common(tb, theme, profile, t0), DefaultKeyMap())
	m.SetSize(w, h)
	m.Focus()
	return m
}

// filled returns a pane with 30 days, 12 weeks, 200 of 1200 closed trades
// and the bot's closed profit.
func filled(tb testing.TB, w, h int) *Model {
	tb.Helper()
	m := newPane(tb, w, h, termenv.Ascii, themes.Default)
	m.Update(panes.PeriodicMsg{Unit: apiclient.Daily, Profit: panestest.Periodic(apiclient.Daily, 30, t0)})
	m.Update(panes.PeriodicMsg{Unit: apiclient.Weekly, Profit: panestest.Periodic(apiclient.Weekly, 12, t0)})
	m.Update(panes.ClosedTradesMsg{Trades: panestest.ClosedTrades(1200, t0)[:200], Total: 1200})
	m.Update(panes.ProfitMsg{Profit: apiclient.Profit{ProfitClosedCoin: 123.45}})
	m.Update(panes.ConfigMsg{Config: apiclient.ShowConfig{StakeCurrency: "USDT"}})
	return m
}

func TestView(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		w, h int
		keys []string
	}{
		"80x24":    {80, 24, nil},
		"160x48":   {160, 48, nil},
		"weekly":   {100, 30, []string{"u"}},
		"scrolled": {80, 24, []string{"j", "j", "j"}},
		"tiny":     {40, 9, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := filled(t, tc.w, tc.h)
			panestest.Press(m, tc.keys...)
			if name == "weekly" {
				m.Update(panes.PeriodicMsg{Unit: apiclient.Weekly, Profit: panestest.Periodic(apiclient.Weekly, 12, t0)})
			}
			v := m.View()
			panestest.AssertSize(t, v, tc.w, tc.h)
			golden.RequireEqual(t, []byte(ansi.Strip(v)))
		})
	}
}

func TestWaitingAndProblems(t *testing.T) {
	t.Parallel()
	m := newPane(t, 80, 10, termenv.Ascii, themes.Default)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Waiting for data") {
		t.Fatalf("before data:\n%s", v)
	}
	m.Update(panes.LoadFailedMsg{Data: panes.DataPeriodic, Problem: "/daily: 502 nope"})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Profit by day · /daily: 502 nope") {
		t.Fatalf("failure:\n%s", v)
	}
	m.Update(panes.LoadFailedMsg{Data: panes.DataStats, Problem: "other"})
	if v := ansi.Strip(m.View()); strings.Contains(v, "other") {
		t.Fatalf("another pane's failure shown:\n%s", v)
	}
	m.Update(panes.ClosedTradesMsg{Trades: panestest.ClosedTrades(1, t0), Total: 1})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Not enough closed trades") {
		t.Fatalf("one trade:\n%s", v)
	}
}

// TestUnitCycles: u moves day → week → month → day, each asking for its
// data and marking it as loading until it comes.
func TestUnitCycles(t *testing.T) {
	t.Parallel()
	m := filled(t, 100, 30)
	for _, want := range []apiclient.PeriodUnit{apiclient.Weekly, apiclient.Monthly, apiclient.Daily} {
		if got := panestest.Press(m, "u"); got != (panes.PeriodicRequestedMsg{Unit: want}) {
			t.Fatalf("u: %#v, want %s", got, want)
		}
		if m.Unit() != want || !strings.Contains(ansi.Strip(m.View()), "loading…") {
			t.Fatalf("unit %s, view:\n%s", m.Unit(), ansi.Strip(m.View()))
		}
		m.Update(panes.PeriodicMsg{Unit: want, Profit: panestest.Periodic(want, 6, t0)})
		if strings.Contains(ansi.Strip(m.View()), "loading…") {
			t.Fatal("still loading after the answer")
		}
	}
}

// TestCumulativeEndsAtClosedProfit: with part of the history loaded, the
// line ends at the bot's closed profit.
func TestCumulativeEndsAtClosedProfit(t *testing.T) {
	t.Parallel()
	m := filled(t, 100, 30)
	pts := m.points()
	if len(pts) != 200 {
		t.Fatalf("%d points", len(pts))
	}
	if got := pts[len(pts)-1].Value; got < 123.449 || got > 123.451 {
		t.Fatalf("ends at %v", got)
	}
	for i := 1; i < len(pts); i++ {
		if pts[i].At.Before(pts[i-1].At) {
			t.Fatalf("points out of order at %d", i)
		}
	}
}

// TestBarsColouredBySign: profit bars take the profit colour, losses the
// loss colour.
func TestBarsColouredBySign(t *testing.T) {
	t.Parallel()
	m := newPane(t, 100, 30, termenv.TrueColor, themes.Default)
	m.Update(panes.PeriodicMsg{Unit: apiclient.Daily, Profit: panestest.Periodic(apiclient.Daily, 10, t0)})
	v := m.View()
	st := m.Styles()
	for _, style := range []lipgloss.Style{st.Profit, st.Loss} {
		want := strings.Split(style.Render("█"), "█")[0] + "█"
		if !strings.Contains(v, want) {
			t.Errorf("no %q bar in:\n%s", want, v)
		}
	}
}

func TestSizeInvariants(t *testing.T) {
	t.Parallel()
	panestest.EachSize(func(w, h int) {
		m := filled(t, w, h)
		panestest.Press(m, "j", "G")
		panestest.AssertSize(t, m.View(), w, h)
	})
}

// TestHealth: a pane that never had data says what is wrong; data it has
// is marked stale, without drawing the charts again.
func TestHealth(t *testing.T) {
	t.Parallel()
	m := newPane(t, 80, 10, termenv.Ascii, themes.Default)
	m.Update(panes.HealthMsg{Stale: true, Problem: "offline: connection refused"})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "offline: connection refused") {
		t.Fatalf("no data:\n%s", v)
	}
	m = filled(t, 100, 30)
	_ = m.View()
	m.Update(panes.HealthMsg{Stale: true, Answered: true, Age: 3 * time.Minute})
	if !m.Drawing() || !strings.Contains(ansi.Strip(m.View()), "stale 3m · Profit by day") {
		t.Fatalf("stale data:\n%s", ansi.Strip(m.View()))
	}
}
