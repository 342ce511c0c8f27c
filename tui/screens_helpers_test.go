package tui

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes/panestest"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// The screens' tests run the console against rpctest's fake freqtrade
// behind the real API server, which counts every request per route.

// The credentials of the screens' test bot.
const (
	screenUser, screenPass = "freq", "screens-pass"
	screenWSToken          = "screens-ws"
)

// screenBot is one fake freqtrade for the screens' tests.
type screenBot struct {
	t      *testing.T
	bot    *rpctest.Bot
	faults *rpctest.Faults
	// cfg is the console's Bot for it.
	cfg Bot
}

// newScreenBot serves a fake freqtrade with closed closed trades (newest
// at the pinned clock), a whitelist of five pairs, candles, per-pair
// performance and a 5m timeframe, until the test ends.
func newScreenBot(t *testing.T, closed int) *screenBot {
	t.Helper()
	clock := rpctest.NewClock(fixedClock())
	bot := rpctest.New(rpctest.WithClock(clock.Now))
	bot.Update(func(f *rpctest.Fixtures) {
		f.ClosedTrades = panestest.ClosedTrades(closed, fixedClock())
		f.Profit.ClosedTradeCount = closed
		f.ShowConfig.Timeframe = apiclient.Ptr("5m")
		f.Whitelist = apiclient.Whitelist{Whitelist: []string{"ETH/BTC", "BTC/USDT", "ETH/USDT", "SOL/USDT", "XRP/USDT"}, Length: 5}
		f.PairHistory = panestest.Candles("ETH/BTC", 5*time.Minute, 300, fixedClock(), 0.05)
		f.Performance = []apiclient.Performance{
			{Pair: "BTC/USDT", Count: closed / 5, ProfitRatio: 0.02, ProfitAbs: 12.5},
			{Pair: "ETH/USDT", Count: closed / 5, ProfitRatio: -0.01, ProfitAbs: -4.2},
		}
	})
	srv, err := server.New(bot, server.Config{Username: screenUser, Password: screenPass, WSTokens: []string{screenWSToken}},
		server.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	faults, ts := rpctest.Serve(t, srv, rpctest.WithFaultsClock(clock.Now))
	c, err := apiclient.New(ts.URL, apiclient.WithHTTPClient(ts.Client()),
		apiclient.WithBasicAuth(screenUser, screenPass), apiclient.WithWSToken(screenWSToken))
	if err != nil {
		t.Fatal(err)
	}
	return &screenBot{t: t, bot: bot, faults: faults, cfg: Bot{Name: "screens", API: c}}
}

// start runs a console on the bot at 120×40 and waits for its trade desk.
func (s *screenBot) start(t *testing.T) (*teatest.TestModel, Options) {
	t.Helper()
	opts := testOptions(t, s.cfg)
	tm := startTUI(t, newModel(t, opts))
	waitText(t, tm, "Open trades (1)")
	return tm, opts
}

// hits counts the requests of route ("GET /trades").
func (s *screenBot) hits(route string) int { return s.faults.Hits(route) }

// queries returns the query strings of route's requests, oldest first.
func (s *screenBot) queries(route string) []url.Values {
	var out []url.Values
	for _, r := range s.faults.Requests() {
		if r.Route == route {
			out = append(out, r.Query)
		}
	}
	return out
}

// screenRoutes are the routes only the screens beyond the trade desk ask.
func screenRoutes() []string {
	return []string{
		"GET /trades", "GET /daily", "GET /weekly", "GET /monthly", "GET /performance", "GET /entries",
		"GET /exits", "GET /mix_tags", "GET /blacklist", "GET /pair_candles",
	}
}

// screenHits counts the requests of the screens' routes.
func (s *screenBot) screenHits() map[string]int {
	out := map[string]int{}
	for _, r := range screenRoutes() {
		if n := s.hits(r); n > 0 {
			out[r] = n
		}
	}
	return out
}

// wait waits until cond holds, waking on every request the bot sees.
func (s *screenBot) wait(what string, cond func() bool) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.faults.Wait(ctx, cond); err != nil {
		s.t.Fatalf("waiting for %s: %v (requests %v)", what, err, s.faults.Counts())
	}
}

// answered reports whether every request of route has been answered.
func (s *screenBot) answered(route string) bool {
	for _, r := range s.faults.Requests() {
		if r.Route == route && r.Status == 0 {
			return false
		}
	}
	return true
}
