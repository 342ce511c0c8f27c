package profit

import (
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

func common(tb testing.TB, theme string, profile termenv.Profile) panes.Common {
	tb.Helper()
	return panestest.Common(tb, theme, profile, t0)
}

func profitFixture() apiclient.Profit {
	pf := 2.1
	return apiclient.Profit{
		ProfitClosedCoin: 123.45, ProfitClosedRatio: 0.01234,
		ProfitAllCoin: -20.5, ProfitAllRatio: -0.00205,
		TradeCount: 42, ClosedTradeCount: 39,
		WinningTrades: 30, LosingTrades: 9, Winrate: 0.7692,
		ProfitFactor: &pf, Expectancy: 3.17, ExpectancyRatio: 0.41,
		MaxDrawdown: 0.052, MaxDrawdownAbs: 52,
		BestPair: "BTC/USDT", BestPairProfitRatio: 0.034,
	}
}

func config(state string, dry bool) apiclient.ShowConfig {
	return apiclient.ShowConfig{State: state, DryRun: dry, StakeCurrency: "USDT"}
}

// loaded returns a pane that has received every data message.
func loaded(tb testing.TB, w, h int, cfg apiclient.ShowConfig, p apiclient.Profit) *Model {
	tb.Helper()
	m := New(common(tb, themes.Default, termenv.Ascii), DefaultKeyMap())
	m.SetSize(w, h)
	m.Update(panes.ConfigMsg{Config: cfg})
	m.Update(panes.ProfitMsg{Profit: p})
	m.Update(panes.CountMsg{Count: apiclient.Count{Current: 3, Max: 5, TotalStake: 300}})
	m.Update(panes.BalanceMsg{Balance: apiclient.Balances{Total: 1020.5, Stake: "USDT"}})
	return m
}

func TestView(t *testing.T) {
	t.Parallel()
	noPF := profitFixture()
	noPF.ProfitFactor = nil
	noPF.BestPair = ""
	cases := map[string]*Model{
		"waiting":   New(common(t, themes.Default, termenv.Ascii), DefaultKeyMap()),
		"wide":      loaded(t, 120, 8, config("running", true), profitFixture()),
		"normal":    loaded(t, 80, 10, config("paused", false), profitFixture()),
		"narrow":    loaded(t, 40, 16, config("stopped", true), profitFixture()),
		"compact":   loaded(t, 80, 5, config("running", true), profitFixture()),
		"tiny":      loaded(t, 30, 3, config("running", true), profitFixture()),
		"no_losses": loaded(t, 80, 10, config("running", true), noPF),
	}
	cases["waiting"].SetSize(60, 6)
	for name, m := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			golden.RequireEqual(t, []byte(ansi.Strip(m.View())))
		})
	}
}

func TestViewContents(t *testing.T) {
	t.Parallel()
	v := ansi.Strip(loaded(t, 200, 10, config("paused", false), profitFixture()).View())
	for _, want := range []string{
		"paused", "LIVE", "+123.45 USDT (+1.23%)", "-20.50 USDT (-0.21%)", "3/5",
		"1020.50 USDT", "42 (39 closed)", "30/9", "76.92%", "2.10", "+3.17",
		"5.20% (52.00 USDT)", "BTC/USDT +3.40%",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	p := profitFixture()
	p.ProfitFactor = nil
	m := loaded(t, 200, 10, config("running", true), p)
	m.Update(panes.CountMsg{Count: apiclient.Count{Current: 1, Max: -1}})
	v = ansi.Strip(m.View())
	for _, want := range []string{"Profit factor ∞", "dry run", "1/∞"} {
		if !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

func TestCompactKeepsTheMostImportant(t *testing.T) {
	t.Parallel()
	v := ansi.Strip(loaded(t, 80, 4, config("running", true), profitFixture()).View())
	for _, want := range []string{"running", "All", "Closed"} {
		if !strings.Contains(v, want) {
			t.Errorf("compact view lacks %q:\n%s", want, v)
		}
	}
}

func TestStateIsColoured(t *testing.T) {
	t.Parallel()
	m := New(common(t, themes.Default, termenv.TrueColor), DefaultKeyMap())
	m.SetSize(80, 10)
	m.Update(panes.ConfigMsg{Config: config("running", true)})
	running := m.View()
	m.Update(panes.ConfigMsg{Config: config("stopped", true)})
	stopped := m.View()
	want := m.Styles().State.Stopped.Render("stopped")
	if !strings.Contains(stopped, want) || strings.Contains(running, want) {
		t.Errorf("state not drawn in its style:\n%q", stopped)
	}
}

func TestSizeInvariants(t *testing.T) {
	t.Parallel()
	for w := 30; w <= 200; w += 17 {
		for h := 8; h <= 60; h += 13 {
			for _, m := range []*Model{
				New(common(t, themes.Default, termenv.TrueColor), DefaultKeyMap()),
				loaded(t, 0, 0, config("running", false), profitFixture()),
			} {
				m.SetSize(w, h)
				panestest.AssertSize(t, m.View(), w, h)
			}
		}
	}
}

// TestProfitFactorBeforeAnyClose: with no closed trade the profit factor
// is undefined, not infinite.
func TestProfitFactorBeforeAnyClose(t *testing.T) {
	t.Parallel()
	p := profitFixture()
	p.ProfitFactor, p.ClosedTradeCount, p.WinningTrades, p.LosingTrades = nil, 0, 0, 0
	v := strings.Join(strings.Fields(ansi.Strip(loaded(t, 200, 10, config("running", true), p).View())), " ")
	if !strings.Contains(v, "Profit factor -") || strings.Contains(v, "∞") {
		t.Fatalf("profit factor before any close:\n%s", v)
	}
}
