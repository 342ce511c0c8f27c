package server

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// routeCase is one successful call of a bot-backed route.
type routeCase struct {
	method, target, body string
	into                 any                          // pointer to the apiclient type of the answer
	want                 func(f rpctest.Fixtures) any // expected answer, from the fixtures
	call                 string                       // the bot method it must reach
	args                 []any                        // and its arguments (nil: not checked)
}

func p[T any](v T) *T { return &v }

func routeCases() []routeCase {
	fx := func(v any) func(rpctest.Fixtures) any { return func(rpctest.Fixtures) any { return v } }
	return []routeCase{
		{get, "/api/v1/ping", "", &apiclient.Ping{}, fx(apiclient.Ping{Status: "pong"}), "", nil},
		{get, "/api/v1/version", "", &apiclient.Version{}, fx(apiclient.Version{Version: "0.1.0-test"}), "", nil},
		{get, "/api/v1/show_config", "", &apiclient.ShowConfig{}, func(f rpctest.Fixtures) any { return f.ShowConfig }, "ShowConfig", []any{}},
		{get, "/api/v1/logs?limit=1", "", &apiclient.Logs{}, func(f rpctest.Fixtures) any {
			return apiclient.Logs{LogCount: 1, Logs: f.Logs.Logs[1:]}
		}, "Logs", []any{1}},
		{get, "/api/v1/logs", "", &apiclient.Logs{}, func(f rpctest.Fixtures) any { return f.Logs }, "Logs", []any{0}},
		{get, "/api/v1/plot_config?strategy=S", "", &apiclient.PlotConfig{}, func(f rpctest.Fixtures) any { return f.PlotConfig }, "PlotConfig", []any{"S"}},
		{get, "/api/v1/markets?quote=BTC&trading_mode=spot", "", &apiclient.Markets{}, func(f rpctest.Fixtures) any { return f.Markets },
			"Markets", []any{apiclient.MarketsQuery{Quote: "BTC", TradingMode: "spot"}}},
		{get, "/api/v1/strategy/SampleStrategy", "", &apiclient.StrategyInfo{}, func(f rpctest.Fixtures) any { return f.Strategy }, "Strategy", []any{"SampleStrategy"}},
		{get, "/api/v1/sysinfo", "", &apiclient.SysInfo{}, func(f rpctest.Fixtures) any { return f.SysInfo }, "SysInfo", nil},
		{get, "/api/v1/health", "", &apiclient.Health{}, func(f rpctest.Fixtures) any { return f.Health }, "Health", nil},
		{get, "/api/v1/balance", "", &apiclient.Balances{}, func(f rpctest.Fixtures) any { return f.Balance }, "Balance", nil},
		{get, "/api/v1/historic_balance", "", &apiclient.WalletHistory{}, func(f rpctest.Fixtures) any { return f.WalletHist }, "HistoricBalance", nil},
		{get, "/api/v1/count", "", &apiclient.Count{}, func(f rpctest.Fixtures) any { return f.Count }, "Count", nil},
		{get, "/api/v1/entries?pair=ETC/BTC", "", &[]apiclient.EntryStat{}, func(f rpctest.Fixtures) any { return f.Entries }, "Entries", []any{"ETC/BTC"}},
		{get, "/api/v1/exits", "", &[]apiclient.ExitStat{}, func(f rpctest.Fixtures) any { return f.Exits }, "Exits", []any{""}},
		{get, "/api/v1/mix_tags?pair=A/B&pair=C/D", "", &[]apiclient.MixTagStat{}, func(f rpctest.Fixtures) any { return f.MixTags }, "MixTags", []any{"C/D"}},
		{get, "/api/v1/performance", "", &[]apiclient.Performance{}, func(f rpctest.Fixtures) any { return f.Performance }, "Performance", nil},
		{get, "/api/v1/profit", "", &apiclient.Profit{}, func(f rpctest.Fixtures) any { return f.Profit }, "Profit", nil},
		{get, "/api/v1/profit_all", "", &apiclient.ProfitAll{}, func(f rpctest.Fixtures) any { return apiclient.ProfitAll{All: f.Profit} }, "ProfitAll", nil},
		{get, "/api/v1/stats", "", &apiclient.Stats{}, func(f rpctest.Fixtures) any { return f.Stats }, "Stats", nil},
		{get, "/api/v1/daily?timescale=1", "", &apiclient.PeriodicProfit{}, func(f rpctest.Fixtures) any {
			out := f.Periodic
			out.Data = out.Data[:1]
			return out
		}, "PeriodicProfit", []any{apiclient.Daily, 1}},
		{get, "/api/v1/weekly", "", &apiclient.PeriodicProfit{}, func(f rpctest.Fixtures) any { return f.Periodic }, "PeriodicProfit", []any{apiclient.Weekly, 4}},
		{get, "/api/v1/monthly", "", &apiclient.PeriodicProfit{}, func(f rpctest.Fixtures) any { return f.Periodic }, "PeriodicProfit", []any{apiclient.Monthly, 3}},
		{get, "/api/v1/status", "", &[]apiclient.OpenTrade{}, func(f rpctest.Fixtures) any { return f.OpenTrades }, "Status", nil},
		{get, "/api/v1/trades?limit=1&offset=0&order_by_id=false", "", &apiclient.TradesResponse{}, func(f rpctest.Fixtures) any {
			return apiclient.TradesResponse{Trades: f.ClosedTrades, TradesCount: 1, TotalTrades: 1}
		}, "Trades", []any{apiclient.TradesQuery{Limit: 1, OrderByID: p(false)}}},
		{get, "/api/v1/trades", "", &apiclient.TradesResponse{}, func(f rpctest.Fixtures) any {
			return apiclient.TradesResponse{Trades: f.ClosedTrades, TradesCount: 1, TotalTrades: 1}
		}, "Trades", []any{apiclient.TradesQuery{Limit: 500, OrderByID: p(true)}}},
		{get, "/api/v1/trade/1", "", &apiclient.OpenTrade{}, func(f rpctest.Fixtures) any { return f.OpenTrades[0] }, "Trade", []any{1}},
		{post, "/api/v1/trades/1/reload", "", &apiclient.OpenTrade{}, func(f rpctest.Fixtures) any { return f.OpenTrades[0] }, "ReloadTrade", []any{1}},
		{del, "/api/v1/trades/1/open-order", "", &apiclient.OpenTrade{}, func(f rpctest.Fixtures) any { return f.OpenTrades[0] }, "CancelOpenOrder", []any{1}},
		{del, "/api/v1/trades/1", "", &apiclient.DeleteTradeResult{}, fx(apiclient.DeleteTradeResult{
			Result: "success", ResultMsg: "Deleted trade #1 for pair ETH/BTC. Closed 0 open orders.", TradeID: 1,
		}), "DeleteTrade", []any{1}},
		{get, "/api/v1/trades/open/custom-data?key=note", "", &[]apiclient.TradeCustomData{}, func(f rpctest.Fixtures) any { return f.CustomData },
			"OpenTradesCustomData", []any{apiclient.CustomDataQuery{Key: "note", Limit: 100}}},
		{get, "/api/v1/trades/1/custom-data?key=note", "", &[]apiclient.TradeCustomData{}, func(f rpctest.Fixtures) any { return f.CustomData },
			"TradeCustomData", []any{1, "note"}},
		{post, "/api/v1/forceenter", `{"pair": "ETH/BTC", "price": "0.1", "unknown": 1}`, &apiclient.Trade{}, func(f rpctest.Fixtures) any { return f.ForceEnter.Trade },
			"ForceEnter", []any{apiclient.ForceEnterRequest{Pair: "ETH/BTC", Side: "long", Price: p(0.1)}}},
		{post, "/api/v1/forcebuy", `{"pair": "ETH/BTC", "side": "short", "ordertype": "limit", "stakeamount": 2, "leverage": 3, "entry_tag": "t"}`,
			&apiclient.Trade{}, func(f rpctest.Fixtures) any { return f.ForceEnter.Trade },
			"ForceEnter", []any{apiclient.ForceEnterRequest{Pair: "ETH/BTC", Side: "short", OrderType: p("limit"), StakeAmount: p(2.0), Leverage: p(3.0), EntryTag: p("t")}}},
		{post, "/api/v1/forceexit", `{"tradeid": 1, "ordertype": "market", "amount": 0.5}`, &apiclient.ResultResponse{},
			fx(apiclient.ResultResponse{Result: "Created exit order for trade 1."}),
			"ForceExit", []any{apiclient.ForceExitRequest{TradeID: "1", OrderType: p("market"), Amount: p(0.5)}}},
		{post, "/api/v1/forcesell", `{"tradeid": "all"}`, &apiclient.ResultResponse{},
			fx(apiclient.ResultResponse{Result: "Created exit orders for all open trades."}), "ForceExit", []any{apiclient.ForceExitRequest{TradeID: "all"}}},
		{post, "/api/v1/start", "", &apiclient.StatusResponse{}, fx(apiclient.StatusResponse{Status: "already running"}), "Start", nil},
		{post, "/api/v1/stop", "", &apiclient.StatusResponse{}, fx(apiclient.StatusResponse{Status: "stopping trader ..."}), "Stop", nil},
		{post, "/api/v1/pause", "", &apiclient.StatusResponse{}, fx(apiclient.StatusResponse{
			Status: "paused, no more entries will occur from now. Run /start to enable entries."}), "Pause", nil},
		{post, "/api/v1/stopentry", "", &apiclient.StatusResponse{}, fx(apiclient.StatusResponse{
			Status: "paused, no more entries will occur from now. Run /start to enable entries."}), "Pause", nil},
		{post, "/api/v1/stopbuy", "", &apiclient.StatusResponse{}, fx(apiclient.StatusResponse{
			Status: "paused, no more entries will occur from now. Run /start to enable entries."}), "Pause", nil},
		{post, "/api/v1/reload_config", "", &apiclient.StatusResponse{}, fx(apiclient.StatusResponse{Status: "Reloading config ..."}), "ReloadConfig", nil},
		{get, "/api/v1/locks", "", &apiclient.Locks{}, func(f rpctest.Fixtures) any { return apiclient.Locks{LockCount: 1, Locks: f.Locks} }, "Locks", nil},
		{post, "/api/v1/locks", `[{"pair": "XRP/BTC", "until": "2024-05-02T12:00:00+02:00", "reason": "r"}]`, &apiclient.Locks{}, func(f rpctest.Fixtures) any {
			return apiclient.Locks{LockCount: 2, Locks: append(f.Locks, apiclient.Lock{
				ID: 2, Active: true, Pair: "XRP/BTC", Side: "*", Reason: p("r"),
				LockTime: "2024-05-01 12:00:00", LockTimestamp: 1714564800000,
				LockEndTime: "2024-05-02 10:00:00", LockEndTimestamp: 1714644000000,
			})}
		}, "AddLocks", nil},
		{del, "/api/v1/locks/1", "", &apiclient.Locks{}, fx(apiclient.Locks{Locks: []apiclient.Lock{}}), "DeleteLock", []any{1}},
		{post, "/api/v1/locks/delete", `{"pair": "ETH/BTC"}`, &apiclient.Locks{}, fx(apiclient.Locks{Locks: []apiclient.Lock{}}),
			"DeleteLocks", []any{apiclient.DeleteLocksRequest{Pair: p("ETH/BTC")}}},
		{get, "/api/v1/whitelist", "", &apiclient.Whitelist{}, func(f rpctest.Fixtures) any { return f.Whitelist }, "Whitelist", nil},
		{get, "/api/v1/blacklist", "", &apiclient.Blacklist{}, func(f rpctest.Fixtures) any { return f.Blacklist }, "Blacklist", nil},
		{post, "/api/v1/blacklist", `{"blacklist": ["ADA/BTC", "ETH/BTC"]}`, &apiclient.Blacklist{}, func(f rpctest.Fixtures) any {
			b := f.Blacklist
			b.Blacklist = append(b.Blacklist[:len(b.Blacklist):len(b.Blacklist)], "ADA/BTC")
			b.Length = 5
			b.Errors = map[string]apiclient.BlacklistError{"ETH/BTC": {ErrorMsg: "Pair ETH/BTC already in pairlist."}}
			return b
		}, "AddBlacklist", []any{[]string{"ADA/BTC", "ETH/BTC"}}},
		{del, "/api/v1/blacklist?pairs_to_delete=HOT/BTC&pairs_to_delete=NOPE/BTC", "", &apiclient.Blacklist{}, func(f rpctest.Fixtures) any {
			b := f.Blacklist
			b.Blacklist = []string{"DOGE/BTC", "ETH/BTC", "XRP/.*"}
			b.Length = 3
			b.Errors = map[string]apiclient.BlacklistError{"NOPE/BTC": {ErrorMsg: "Pair NOPE/BTC is not in the current blacklist."}}
			return b
		}, "DeleteBlacklist", []any{[]string{"HOT/BTC", "NOPE/BTC"}}},
		{get, "/api/v1/pair_candles?pair=ETH/BTC&timeframe=5m", "", &apiclient.PairHistory{}, func(f rpctest.Fixtures) any { return f.PairHistory },
			"PairCandles", []any{apiclient.PairCandlesRequest{Pair: "ETH/BTC", Timeframe: "5m"}}},
		{post, "/api/v1/pair_candles", `{"pair": "ETH/BTC", "timeframe": "5m", "columns": ["close"]}`, &apiclient.PairHistory{},
			func(f rpctest.Fixtures) any { return f.PairHistory },
			"PairCandles", []any{apiclient.PairCandlesRequest{Pair: "ETH/BTC", Timeframe: "5m", Columns: []string{"close"}}}},
	}
}

// TestRoutes calls every bot-backed route once and checks status, the exact
// Content-Type, the decoded body and the bot call it made.
func TestRoutes(t *testing.T) {
	t.Parallel()
	for _, tc := range routeCases() {
		t.Run(tc.method+" "+tc.target, func(t *testing.T) {
			t.Parallel()
			s, bot := newTestServer(t, testConfig())
			if tc.call == "CancelOpenOrder" {
				bot.Update(func(f *rpctest.Fixtures) { f.OpenTrades[0].HasOpenOrders = true })
			}
			want := tc.want(bot.Fixtures())
			rec := authed(t, s, tc.method, tc.target, tc.body)
			wantJSON(t, rec, http.StatusOK, tc.into)
			jsonEqual(t, reflect.ValueOf(tc.into).Elem().Interface(), want)
			if tc.call == "" {
				return
			}
			calls := bot.CallsTo(tc.call)
			if len(calls) != 1 {
				t.Fatalf("%s called %d times, want 1 (calls: %v)", tc.call, len(calls), bot.Calls())
			}
			if len(tc.args) > 0 && !reflect.DeepEqual(calls[0].Args, tc.args) {
				t.Fatalf("%s args %#v, want %#v", tc.call, calls[0].Args, tc.args)
			}
		})
	}
}

// TestRoutesCovered checks that the route tests reach every route of the
// table: TestRoutes, the webserver-mode loop and the explicit extra targets.
func TestRoutesCovered(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.EnableOpenAPI = true
	s, _ := newTestServer(t, cfg)
	hit := map[string]bool{}
	resolve := func(method, target string) {
		_, pattern := s.mux.Handler(httptest.NewRequest(method, target, nil))
		hit[pattern] = true
	}
	for _, tc := range routeCases() {
		resolve(tc.method, tc.target)
	}
	for _, rt := range s.routes {
		if rt.tag == "webserver" {
			resolve(rt.method, strings.NewReplacer("{jobid}", "j1", "{file}", "f1").Replace(rt.path))
		}
	}
	for _, x := range [][2]string{
		{head, "/api/v1/ping"}, {post, "/api/v1/token/login"}, {post, "/api/v1/token/refresh"},
		{get, "/api/v1/message/ws"}, {get, "/openapi.json"}, {get, "/docs"}, {get, "/ui_version"},
		{get, "/favicon.ico"}, {get, "/fallback_file.html"}, {get, "/trade"},
	} {
		resolve(x[0], x[1])
	}
	for _, rt := range s.routes {
		if !hit[rt.pattern()] {
			t.Errorf("route %s has no test", rt.pattern())
		}
	}
}

// TestWebserverRoutes503 checks every §2.5 route answers 503 after auth.
func TestWebserverRoutes503(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	n := 0
	for _, rt := range s.routes {
		if rt.tag != "webserver" {
			continue
		}
		n++
		target := strings.NewReplacer("{jobid}", "j1", "{file}", "f1").Replace(rt.path)
		wantDetail(t, authed(t, s, rt.method, target, ""), http.StatusServiceUnavailable, "Bot is not in the correct state.")
		wantDetail(t, request(t, s, rt.method, target, ""), http.StatusUnauthorized, "Unauthorized")
	}
	if n < 20 {
		t.Fatalf("only %d webserver routes", n)
	}
}

// TestEmptyListsAreArrays checks that nil lists from the bot are sent as [].
func TestEmptyListsAreArrays(t *testing.T) {
	t.Parallel()
	s, bot := newTestServer(t, testConfig())
	bot.Update(func(f *rpctest.Fixtures) { f.OpenTrades, f.Performance, f.Entries, f.Locks = nil, nil, nil, nil })
	for target, want := range map[string]string{
		"/api/v1/status": "[]", "/api/v1/performance": "[]", "/api/v1/entries": "[]",
		"/api/v1/locks": `{"lock_count":0,"locks":[]}`,
	} {
		rec := authed(t, s, get, target, "")
		wantJSON(t, rec, http.StatusOK, nil)
		if got := rec.Body.String(); got != want {
			t.Errorf("%s: body %s, want %s", target, got, want)
		}
	}
}

// TestForceEnterNothingEntered checks the status answer when the bot enters
// nothing.
func TestForceEnterNothingEntered(t *testing.T) {
	t.Parallel()
	s, bot := newTestServer(t, testConfig())
	bot.Update(func(f *rpctest.Fixtures) { f.ForceEnter = apiclient.ForceEnterResult{} })
	var got apiclient.StatusResponse
	wantJSON(t, authed(t, s, post, "/api/v1/forceenter", `{"pair": "ETH/BTC", "side": "short"}`), http.StatusOK, &got)
	if want := "Error entering short trade for pair ETH/BTC."; got.Status != want {
		t.Fatalf("status %q, want %q", got.Status, want)
	}
}
