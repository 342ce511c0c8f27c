package tui

import (
	"context"
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/freqdeck/freqdeck/panes/overview"
	"github.com/freqdeck/freqdeck/tui/feed"
)

// fleetModel is a model (never run) of three bots: the fixture bot in
// USDT, a copy of it in BTC, and a bot with no password to use; the
// first two have answered once, with their profit today and this week.
func fleetModel(t testing.TB, w, h int) *Model {
	t.Helper()
	usdt, btc := newFixtureAPI(t), newFixtureAPI(t)
	btc.config.StakeCurrency, btc.config.BotName = "BTC", "btcbot"
	btc.profit.ProfitClosedCoin = 0.0123
	btc.trades = btc.trades[:1]
	m, err := New(context.Background(), Options{Clock: fixedClock, Bots: []Bot{
		{Name: "usdtbot", API: usdt}, {API: btc}, {Name: "locked", API: stubAPI{}, Credentials: &feed.Credentials{}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range m.bots[:2] {
		fetchNow(m, b.feed.RefreshNow())
	}
	m.bots[2].feed.Start() // no password source: nothing is asked
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m.Update(keyMsg("o"))
	for i, v := range []float64{12.5, 0.0004} {
		m.Update(periodsFetchedMsg{bot: i, seq: m.bots[i].fleet.periodsSeq, today: overview.Some(v), week: overview.Some(3 * v)})
	}
	return m
}

// TestOverviewGoldens: the overview screen at 80×24 and 160×48, and its
// size at every terminal size.
func TestOverviewGoldens(t *testing.T) {
	t.Parallel()
	for _, s := range [][2]int{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			t.Parallel()
			m := fleetModel(t, s[0], s[1])
			golden.RequireEqual(t, []byte(m.View()))
		})
	}
	for _, s := range [][2]int{{60, 20}, {120, 40}, {200, 60}, {40, 12}, {20, 5}} {
		m := fleetModel(t, s[0], s[1])
		checkScreen(t, m.View(), s[0], s[1])
	}
}

// BenchmarkOverviewView is the overview's View() with 20 bots, cold (rows
// changed: drawn again) and cached (nothing changed).
func BenchmarkOverviewView(b *testing.B) {
	m := twentyBots(b, 200, 60)
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			m.overview.Redraw()
			_ = m.View()
		}
	})
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			_ = m.View()
		}
	})
	b.Run("clock-tick", func(b *testing.B) {
		m.clockTag = 0
		for b.Loop() {
			m.Update(clockTickMsg{tag: 0})
			_ = m.View()
		}
	})
}

// twentyBots is the overview of twenty fixture bots that answered once.
func twentyBots(b *testing.B, w, h int) *Model {
	b.Helper()
	bots := make([]Bot, 20)
	for i := range bots {
		bots[i] = Bot{Name: fmt.Sprintf("bot%02d", i), API: newFixtureAPI(b)}
	}
	m, err := New(context.Background(), Options{Clock: fixedClock, Bots: bots})
	if err != nil {
		b.Fatal(err)
	}
	for _, bs := range m.bots {
		fetchNow(m, bs.feed.RefreshNow())
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m.Update(keyMsg("o"))
	return m
}
