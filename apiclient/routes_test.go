package apiclient_test

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// recorded is what the fake bot saw of one request.
type recorded struct {
	method, path, auth, accept, contentType string
	query                                   url.Values
	body                                    []byte
}

// recordingBot answers every request with reply and keeps the last request.
type recordingBot struct {
	reply []byte
	mu    sync.Mutex
	reqs  []recorded
}

func (b *recordingBot) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	b.mu.Lock()
	b.reqs = append(b.reqs, recorded{
		method: r.Method, path: r.URL.EscapedPath(), query: r.URL.Query(), body: body,
		auth: r.Header.Get("Authorization"), accept: r.Header.Get("Accept"),
		contentType: r.Header.Get("Content-Type"),
	})
	b.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b.reply)
}

func (b *recordingBot) requests() []recorded {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]recorded(nil), b.reqs...)
}

type routeCase struct {
	name   string // Client method, then "/variant" when a method has several rows
	call   func(context.Context, *apiclient.Client) (any, error)
	method string
	path   string     // full path as sent, escaped
	query  url.Values // nil: no query
	body   string     // expected JSON body; "": none
	reply  string     // fixture file name (*.json) or a literal body
	opts   []apiclient.Option
	auth   string // expected Authorization header; "": Basic u:p
	want   any    // expected result; nil: the reply decoded into its type
}

// do adapts a method expression or a closure, receiver first, to a row.
func do[T any](f func(*apiclient.Client, context.Context) (T, error)) func(context.Context, *apiclient.Client) (any, error) {
	return func(ctx context.Context, c *apiclient.Client) (any, error) { return f(c, ctx) }
}

func routeCases() []routeCase {
	const v1 = "/api/v1"
	q := func(kv ...string) url.Values {
		v := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			v.Add(kv[i], kv[i+1])
		}
		return v
	}
	return []routeCase{
		{name: "Ping", call: do((*apiclient.Client).Ping), method: "GET", path: v1 + "/ping", reply: "ping.json"},
		{name: "Version", call: do((*apiclient.Client).Version), method: "GET", path: v1 + "/version", reply: "version.json"},
		{name: "ShowConfig", call: do((*apiclient.Client).ShowConfig), method: "GET", path: v1 + "/show_config", reply: "show_config.json"},
		{name: "Logs", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.Logs, error) { return c.Logs(ctx, 50) }),
			method: "GET", path: v1 + "/logs", query: q("limit", "50"), reply: "logs.json"},
		{name: "Logs/all", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.Logs, error) { return c.Logs(ctx, 0) }),
			method: "GET", path: v1 + "/logs", reply: "logs.json"},
		{name: "PlotConfig", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.PlotConfig, error) {
			return c.PlotConfig(ctx, "SampleStrategy")
		}), method: "GET", path: v1 + "/plot_config", query: q("strategy", "SampleStrategy"), reply: "plot_config.json"},
		{name: "Markets", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.Markets, error) {
			return c.Markets(ctx, apiclient.MarketsQuery{Base: "ETH", Quote: "BTC", TradingMode: "spot"})
		}), method: "GET", path: v1 + "/markets", query: q("base", "ETH", "quote", "BTC", "trading_mode", "spot"), reply: "markets.json"},
		{name: "Strategy", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.StrategyInfo, error) {
			return c.Strategy(ctx, "My Strategy")
		}), method: "GET", path: v1 + "/strategy/My%20Strategy", reply: "strategy.json"},
		{name: "SysInfo", call: do((*apiclient.Client).SysInfo), method: "GET", path: v1 + "/sysinfo", reply: "sysinfo.json"},
		{name: "Health", call: do((*apiclient.Client).Health), method: "GET", path: v1 + "/health", reply: "health.json"},
		{name: "UIVersion", call: do((*apiclient.Client).UIVersion), method: "GET", path: "/ui_version", reply: "version.json"},
		{name: "Raw", call: do(func(c *apiclient.Client, ctx context.Context) (json.RawMessage, error) {
			return c.Raw(ctx, "GET", "/strategies", q("x", "1"), nil)
		}), method: "GET", path: v1 + "/strategies", query: q("x", "1"), reply: `{"strategies": ["A", "B"]}`},
		{name: "Status", call: do((*apiclient.Client).Status), method: "GET", path: v1 + "/status", reply: "status.json"},
		{name: "Trades", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.TradesResponse, error) {
			return c.Trades(ctx, apiclient.TradesQuery{Limit: 10, Offset: 20, OrderByID: apiclient.Ptr(false)})
		}), method: "GET", path: v1 + "/trades", query: q("limit", "10", "offset", "20", "order_by_id", "false"), reply: "trades.json"},
		{name: "Trade", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.OpenTrade, error) { return c.Trade(ctx, 3) }),
			method: "GET", path: v1 + "/trade/3", reply: "status.json#0"},
		{name: "DeleteTrade", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.DeleteTradeResult, error) {
			return c.DeleteTrade(ctx, 1)
		}), method: "DELETE", path: v1 + "/trades/1", reply: "delete_trade.json"},
		{name: "CancelOpenOrder", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.OpenTrade, error) {
			return c.CancelOpenOrder(ctx, 4)
		}), method: "DELETE", path: v1 + "/trades/4/open-order", reply: "status.json#0"},
		{name: "ReloadTrade", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.OpenTrade, error) {
			return c.ReloadTrade(ctx, 5)
		}), method: "POST", path: v1 + "/trades/5/reload", reply: "status.json#0"},
		{name: "OpenTradesCustomData", call: do(func(c *apiclient.Client, ctx context.Context) ([]apiclient.TradeCustomData, error) {
			return c.OpenTradesCustomData(ctx, apiclient.CustomDataQuery{Key: "note", Limit: 5, Offset: 1})
		}), method: "GET", path: v1 + "/trades/open/custom-data", query: q("key", "note", "limit", "5", "offset", "1"), reply: "custom_data.json"},
		{name: "TradeCustomData", call: do(func(c *apiclient.Client, ctx context.Context) ([]apiclient.TradeCustomData, error) {
			return c.TradeCustomData(ctx, 1, "note")
		}), method: "GET", path: v1 + "/trades/1/custom-data", query: q("key", "note"), reply: "custom_data.json"},
		{name: "ForceEnter", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.ForceEnterResult, error) {
			return c.ForceEnter(ctx, apiclient.ForceEnterRequest{
				Pair: "ETH/BTC", Side: "short", Price: apiclient.Ptr(0.1), OrderType: apiclient.Ptr("limit"),
				StakeAmount: apiclient.Ptr(10.0), EntryTag: apiclient.Ptr("manual"), Leverage: apiclient.Ptr(2.0),
			})
		}), method: "POST", path: v1 + "/forceenter", reply: "forceenter.json",
			body: `{"pair":"ETH/BTC","side":"short","price":0.1,"ordertype":"limit","stakeamount":10,"entry_tag":"manual","leverage":2}`},
		{name: "ForceBuy", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.ForceEnterResult, error) {
			return c.ForceBuy(ctx, "ETH/BTC", apiclient.Ptr(0.5))
		}), method: "POST", path: v1 + "/forcebuy", body: `{"pair":"ETH/BTC","price":0.5}`, reply: "forceenter.json"},
		{name: "ForceExit", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.ResultResponse, error) {
			return c.ForceExit(ctx, apiclient.ForceExitRequest{TradeID: apiclient.TradeRefID(5), OrderType: apiclient.Ptr("market"), Amount: apiclient.Ptr(0.5)})
		}), method: "POST", path: v1 + "/forceexit", body: `{"tradeid":"5","ordertype":"market","amount":0.5}`, reply: "forceexit.json"},
		{name: "ForceExit/all", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.ResultResponse, error) {
			return c.ForceExit(ctx, apiclient.ForceExitRequest{TradeID: apiclient.AllTrades})
		}), method: "POST", path: v1 + "/forceexit", body: `{"tradeid":"all"}`, reply: `{"result": "Created exit orders for all open trades."}`},
		{name: "Balance", call: do((*apiclient.Client).Balance), method: "GET", path: v1 + "/balance", reply: "balance.json"},
		{name: "HistoricBalance", call: do((*apiclient.Client).HistoricBalance), method: "GET", path: v1 + "/historic_balance", reply: "historic_balance.json"},
		{name: "Count", call: do((*apiclient.Client).Count), method: "GET", path: v1 + "/count", reply: "count.json"},
		{name: "Entries", call: do(func(c *apiclient.Client, ctx context.Context) ([]apiclient.EntryStat, error) {
			return c.Entries(ctx, "ETH/BTC")
		}), method: "GET", path: v1 + "/entries", query: q("pair", "ETH/BTC"), reply: "entries.json"},
		{name: "Exits", call: do(func(c *apiclient.Client, ctx context.Context) ([]apiclient.ExitStat, error) { return c.Exits(ctx, "") }),
			method: "GET", path: v1 + "/exits", reply: "exits.json"},
		{name: "MixTags", call: do(func(c *apiclient.Client, ctx context.Context) ([]apiclient.MixTagStat, error) {
			return c.MixTags(ctx, "ETH/BTC")
		}), method: "GET", path: v1 + "/mix_tags", query: q("pair", "ETH/BTC"), reply: "mix_tags.json"},
		{name: "Performance", call: do((*apiclient.Client).Performance), method: "GET", path: v1 + "/performance", reply: "performance.json"},
		{name: "Profit", call: do((*apiclient.Client).Profit), method: "GET", path: v1 + "/profit", reply: "profit.json"},
		{name: "ProfitAll", call: do((*apiclient.Client).ProfitAll), method: "GET", path: v1 + "/profit_all", reply: "profit_all.json"},
		{name: "Stats", call: do((*apiclient.Client).Stats), method: "GET", path: v1 + "/stats", reply: "stats.json"},
		{name: "Daily", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.PeriodicProfit, error) {
			return c.Daily(ctx, 3)
		}),
			method: "GET", path: v1 + "/daily", query: q("timescale", "3"), reply: "daily.json"},
		{name: "Weekly", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.PeriodicProfit, error) {
			return c.Weekly(ctx, 0)
		}),
			method: "GET", path: v1 + "/weekly", reply: "daily.json"},
		{name: "Monthly", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.PeriodicProfit, error) {
			return c.Monthly(ctx, 2)
		}),
			method: "GET", path: v1 + "/monthly", query: q("timescale", "2"), reply: "daily.json"},
		{name: "Whitelist", call: do((*apiclient.Client).Whitelist), method: "GET", path: v1 + "/whitelist", reply: "whitelist.json"},
		{name: "Blacklist", call: do((*apiclient.Client).Blacklist), method: "GET", path: v1 + "/blacklist", reply: "blacklist.json"},
		{name: "AddBlacklist", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.Blacklist, error) {
			return c.AddBlacklist(ctx, "XRP/.*", "DOGE/BTC")
		}), method: "POST", path: v1 + "/blacklist", body: `{"blacklist":["XRP/.*","DOGE/BTC"]}`, reply: "blacklist.json"},
		{name: "DeleteBlacklist", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.Blacklist, error) {
			return c.DeleteBlacklist(ctx, "A/B", "C/D")
		}), method: "DELETE", path: v1 + "/blacklist", query: q("pairs_to_delete", "A/B", "pairs_to_delete", "C/D"), reply: "blacklist.json"},
		{name: "PairCandles", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.PairHistory, error) {
			return c.PairCandles(ctx, apiclient.PairCandlesRequest{Pair: "ETH/BTC", Timeframe: "5m", Limit: apiclient.Ptr(2)})
		}), method: "GET", path: v1 + "/pair_candles", query: q("pair", "ETH/BTC", "timeframe", "5m", "limit", "2"), reply: "pair_candles.json"},
		{name: "PairCandles/columns", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.PairHistory, error) {
			return c.PairCandles(ctx, apiclient.PairCandlesRequest{Pair: "ETH/BTC", Timeframe: "5m", Columns: []string{"rsi"}})
		}), method: "POST", path: v1 + "/pair_candles", body: `{"pair":"ETH/BTC","timeframe":"5m","columns":["rsi"]}`, reply: "pair_candles.json"},
		{name: "Start", call: do((*apiclient.Client).Start), method: "POST", path: v1 + "/start", reply: `{"status": "starting trader ..."}`},
		{name: "Stop", call: do((*apiclient.Client).Stop), method: "POST", path: v1 + "/stop", reply: `{"status": "stopping trader ..."}`},
		{name: "Pause", call: do((*apiclient.Client).Pause), method: "POST", path: v1 + "/pause", reply: "pause.json"},
		{name: "StopBuy", call: do((*apiclient.Client).StopBuy), method: "POST", path: v1 + "/stopbuy", reply: "pause.json"},
		{name: "ReloadConfig", call: do((*apiclient.Client).ReloadConfig), method: "POST", path: v1 + "/reload_config", reply: "reload_config.json"},
		{name: "Locks", call: do((*apiclient.Client).Locks), method: "GET", path: v1 + "/locks", reply: "locks.json"},
		{name: "AddLocks", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.Locks, error) {
			until := apiclient.FormatAwareTime(time.Date(2024, 3, 30, 16, 0, 0, 0, time.UTC))
			return c.AddLocks(ctx, apiclient.LockRequest{Pair: "ETH/BTC", Side: "*", Until: until, Reason: apiclient.Ptr("manual")})
		}), method: "POST", path: v1 + "/locks", body: `[{"pair":"ETH/BTC","side":"*","until":"2024-03-30 16:00:00Z","reason":"manual"}]`, reply: "locks.json"},
		{name: "DeleteLock", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.Locks, error) { return c.DeleteLock(ctx, 7) }),
			method: "DELETE", path: v1 + "/locks/7", reply: "locks.json"},
		{name: "DeleteLocks", call: do(func(c *apiclient.Client, ctx context.Context) (apiclient.Locks, error) {
			return c.DeleteLocks(ctx, apiclient.DeleteLocksRequest{Pair: apiclient.Ptr("ETH/BTC")})
		}), method: "POST", path: v1 + "/locks/delete", body: `{"pair":"ETH/BTC"}`, reply: "locks.json"},
		{name: "Login", call: do((*apiclient.Client).Login), method: "POST", path: v1 + "/token/login", reply: "login.json"},
		{name: "Refresh", call: do((*apiclient.Client).Refresh), method: "POST", path: v1 + "/token/refresh",
			reply: `{"access_token": "new.access.token"}`, auth: "Bearer old.refresh.token",
			want: apiclient.Tokens{AccessToken: "new.access.token", RefreshToken: "old.refresh.token"}, // not rotated
			opts: []apiclient.Option{apiclient.WithTokens(apiclient.Tokens{AccessToken: "a.b.c", RefreshToken: "old.refresh.token"})}},
	}
}

// replyBody loads a fixture ("name.json", or "name.json#i" for element i of
// a JSON array) or returns a literal body.
func replyBody(t *testing.T, reply string) []byte {
	t.Helper()
	file, idx, hasIdx := strings.Cut(reply, "#")
	if !strings.HasSuffix(file, ".json") {
		return []byte(reply)
	}
	data := readFixture(t, file)
	if !hasIdx {
		return data
	}
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil || idx != "0" || len(items) == 0 {
		t.Fatalf("fixture %s: %v", reply, err)
	}
	return items[0]
}

func TestRoutes(t *testing.T) {
	t.Parallel()
	for _, tc := range routeCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			bot := &recordingBot{reply: replyBody(t, tc.reply)}
			srv := httptest.NewServer(bot)
			t.Cleanup(srv.Close)
			opts := append([]apiclient.Option{apiclient.WithBasicAuth("u", "p")}, tc.opts...)
			c, err := apiclient.New(srv.URL, opts...)
			if err != nil {
				t.Fatal(err)
			}
			got, err := tc.call(context.Background(), c)
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			reqs := bot.requests()
			if len(reqs) != 1 {
				t.Fatalf("server saw %d requests, want 1", len(reqs))
			}
			checkRequest(t, tc, reqs[0])
			if tc.want != nil {
				if !reflect.DeepEqual(got, tc.want) {
					t.Errorf("result = %+v, want %+v", got, tc.want)
				}
				return
			}
			checkDecoded(t, bot.reply, got)
		})
	}
}

func checkRequest(t *testing.T, tc routeCase, r recorded) {
	t.Helper()
	if r.method != tc.method || r.path != tc.path {
		t.Errorf("request = %s %s, want %s %s", r.method, r.path, tc.method, tc.path)
	}
	if len(r.query) != 0 || len(tc.query) != 0 {
		if !reflect.DeepEqual(r.query, tc.query) {
			t.Errorf("query = %v, want %v", r.query, tc.query)
		}
	}
	wantAuth := tc.auth
	if wantAuth == "" {
		wantAuth = "Basic dTpw" // u:p
	}
	if r.auth != wantAuth {
		t.Errorf("Authorization = %q, want %q", r.auth, wantAuth)
	}
	if r.accept != "application/json" {
		t.Errorf("Accept = %q", r.accept)
	}
	if tc.body == "" {
		if len(r.body) != 0 || r.contentType != "" {
			t.Errorf("unexpected body %q (Content-Type %q)", r.body, r.contentType)
		}
		return
	}
	if r.contentType != "application/json" {
		t.Errorf("Content-Type = %q", r.contentType)
	}
	var got, want any
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatalf("request body %q: %v", r.body, err)
	}
	if err := json.Unmarshal([]byte(tc.body), &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("body = %s, want %s", r.body, tc.body)
	}
}

// checkDecoded asserts that got equals the reply decoded into got's type,
// and is not the zero value.
func checkDecoded(t *testing.T, reply []byte, got any) {
	t.Helper()
	want := reflect.New(reflect.TypeOf(got))
	if err := json.Unmarshal(reply, want.Interface()); err != nil {
		t.Fatalf("decode reply as %T: %v", got, err)
	}
	if !reflect.DeepEqual(got, want.Elem().Interface()) {
		t.Errorf("result = %+v\nwant %+v", got, want.Elem().Interface())
	}
	if reflect.ValueOf(got).IsZero() {
		t.Errorf("result is the zero %T", got)
	}
}

// TestRoutesCoverEveryMethod keeps TestRoutes honest: every exported Client
// method declared in routes_*.go (plus Login and Refresh) has a row.
func TestRoutesCoverEveryMethod(t *testing.T) {
	t.Parallel()
	covered := map[string]bool{}
	for _, tc := range routeCases() {
		name, _, _ := strings.Cut(tc.name, "/")
		covered[name] = true
	}
	want := []string{"Login", "Refresh"}
	files, err := filepath.Glob("routes_*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("glob routes_*.go: %v (%d files)", err, len(files))
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv != nil && fn.Name.IsExported() {
				want = append(want, fn.Name.Name)
			}
		}
	}
	for _, name := range want {
		if !covered[name] {
			t.Errorf("Client.%s has no row in routeCases", name)
		}
	}
}
