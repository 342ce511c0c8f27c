package tui

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes/panestest"
	"github.com/freqdeck/freqdeck/tui/layout"
)

// screenAPI is fixtureAPI with the screens' routes answered from memory:
// closed trades (newest close first), profit by period, performance,
// tags, the blacklist and candles.
type screenAPI struct {
	*fixtureAPI
	closed []apiclient.RawTrade
}

// newScreenAPI is the fixtures with n closed trades at the pinned clock.
func newScreenAPI(t testing.TB, n int) *screenAPI {
	t.Helper()
	a := &screenAPI{fixtureAPI: newFixtureAPI(t), closed: panestest.ClosedTrades(n, fixedClock())}
	a.profit.ClosedTradeCount = n
	return a
}

func (a *screenAPI) Trades(_ context.Context, q apiclient.TradesQuery) (apiclient.TradesResponse, error) {
	from := min(q.Offset, len(a.closed))
	page := a.closed[from:min(from+q.Limit, len(a.closed))]
	return apiclient.TradesResponse{Trades: slices.Clone(page), TradesCount: len(page), Offset: q.Offset, TotalTrades: len(a.closed)}, nil
}

func (a *screenAPI) Daily(context.Context, int) (apiclient.PeriodicProfit, error) {
	return panestest.Periodic(apiclient.Daily, dailyPeriods, fixedClock()), nil
}

func (a *screenAPI) Weekly(context.Context, int) (apiclient.PeriodicProfit, error) {
	return panestest.Periodic(apiclient.Weekly, weeklyPeriods, fixedClock()), nil
}

func (a *screenAPI) Monthly(context.Context, int) (apiclient.PeriodicProfit, error) {
	return panestest.Periodic(apiclient.Monthly, monthlyPeriods, fixedClock()), nil
}

func (a *screenAPI) Performance(context.Context) ([]apiclient.Performance, error) {
	return []apiclient.Performance{
		{Pair: "SOL/USDT", Count: 24, ProfitRatio: 0.031, ProfitAbs: 18.2},
		{Pair: "BTC/USDT", Count: 24, ProfitRatio: 0.012, ProfitAbs: 7.1},
		{Pair: "ETH/USDT", Count: 24, ProfitRatio: -0.008, ProfitAbs: -4.4},
	}, nil
}

func (a *screenAPI) Entries(context.Context, string) ([]apiclient.EntryStat, error) {
	return []apiclient.EntryStat{{EnterTag: "tag_1", TagProfit: apiclient.TagProfit{Count: 30, ProfitRatio: 0.02, ProfitAbs: 9}}}, nil
}

func (a *screenAPI) Blacklist(context.Context) (apiclient.Blacklist, error) {
	return apiclient.Blacklist{Blacklist: []string{"DOGE/USDT", "XRP/.*"}, BlacklistExpanded: []string{"DOGE/USDT", "XRP/USDT"}, Length: 2}, nil
}

func (a *screenAPI) PairCandles(_ context.Context, req apiclient.PairCandlesRequest) (apiclient.PairHistory, error) {
	return panestest.Candles(req.Pair, 5*time.Minute, 300, fixedClock(), 66000), nil
}

// screenModel is a model on api at w×h that has fetched the trade desk's
// data and, after the screen keys given, the screen's.
func screenModel(t testing.TB, api API, w, h int, ks ...string) *Model {
	t.Helper()
	m := loadedModelOf(t, api, w, h)
	for _, k := range ks {
		pressFetch(m, k)
	}
	return m
}

// pressFetch sends a key and runs the requests it starts at once; only use
// it with keys whose commands are all requests.
func pressFetch(m *Model, k string) {
	_, cmd := m.Update(keyMsg(k))
	fetchNow(m, cmd)
}

// TestScreenGoldens: each screen at 80×24 and 160×48, with fixed data and a
// fixed clock.
func TestScreenGoldens(t *testing.T) {
	t.Parallel()
	screens := map[string][]string{
		"history":       {"h"},
		"history_tab":   {"h", "tab"},
		"pairs":         {"w"},
		"chart":         {"v"},
		"closed_detail": {"h", "enter"},
	}
	for name, ks := range screens {
		for _, size := range [][2]int{{80, 24}, {160, 48}} {
			t.Run(fmt.Sprintf("%s_%dx%d", name, size[0], size[1]), func(t *testing.T) {
				t.Parallel()
				m := screenModel(t, newScreenAPI(t, 40), size[0], size[1], ks...)
				v := m.View()
				checkScreen(t, v, size[0], size[1])
				golden.RequireEqual(t, []byte(v))
			})
		}
	}
}

// TestScreensFitTerminal: every screen, with and without the help over it,
// has exactly the terminal's lines and none wider, at every size.
func TestScreensFitTerminal(t *testing.T) {
	t.Parallel()
	sizes := [][2]int{{60, 20}, {80, 24}, {120, 40}, {160, 48}, {200, 60}, {40, 12}, {30, 8}, {20, 5}}
	for _, s := range sizes {
		for _, screen := range []string{"h", "w", "v"} {
			t.Run(fmt.Sprintf("%dx%d/%s", s[0], s[1], screen), func(t *testing.T) {
				t.Parallel()
				m := screenModel(t, newScreenAPI(t, 30), s[0], s[1], screen)
				for i := range m.screen.Panes() {
					pressSync(m, itoa(i+1))
					checkScreen(t, m.View(), s[0], s[1])
				}
				pressSync(m, "?")
				checkScreen(t, m.View(), s[0], s[1])
			})
		}
	}
}

// TestScreenFocusKeptPerScreen: each screen keeps its own focused pane.
func TestScreenFocusKeptPerScreen(t *testing.T) {
	t.Parallel()
	m := screenModel(t, newScreenAPI(t, 10), 120, 40, "2")
	pressFetch(m, "h")
	if m.focus != 0 || m.screen != layout.History {
		t.Fatalf("history opened on pane %d of screen %d", m.focus, m.screen)
	}
	pressSync(m, "3")
	pressFetch(m, "t")
	if m.focus != 1 {
		t.Fatalf("the trade desk came back on pane %d, want 1", m.focus)
	}
	pressFetch(m, "h")
	if m.focus != 2 {
		t.Fatalf("the history came back on pane %d, want 2", m.focus)
	}
}

// TestChartWidensOnResize: a chart made wider than the candles it has asks
// for as many as it can show; a narrower one keeps them.
func TestChartWidensOnResize(t *testing.T) {
	t.Parallel()
	api := &countingCandles{screenAPI: newScreenAPI(t, 10)}
	m := screenModel(t, api, 80, 24, "v")
	if len(api.limits) != 1 || api.limits[0] != 78 {
		t.Fatalf("candles asked with %v", api.limits)
	}
	_, cmd := m.Update(resizeTo(70, 24))
	fetchNow(m, cmd)
	_, cmd = m.Update(resizeTo(120, 40))
	fetchNow(m, cmd)
	if !slices.Equal(api.limits, []int{78, 118}) {
		t.Fatalf("candles asked with %v", api.limits)
	}
}

// countingCandles records the limit of every /pair_candles request.
type countingCandles struct {
	*screenAPI
	limits []int
}

func (c *countingCandles) PairCandles(ctx context.Context, req apiclient.PairCandlesRequest) (apiclient.PairHistory, error) {
	c.limits = append(c.limits, *req.Limit)
	return c.screenAPI.PairCandles(ctx, req)
}
