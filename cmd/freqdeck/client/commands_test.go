package client

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/fakebot"
)

func compactJSON(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatalf("bad JSON %q: %v", s, err)
	}
	return b.String()
}

func jsonEqual(t *testing.T, got []byte, want string) bool {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		return false
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want JSON %q: %v", want, err)
	}
	return reflect.DeepEqual(g, w)
}

// clientCase is one client command run against the fake bot.
type clientCase struct {
	args   []string
	method string
	path   string
	query  url.Values // nil means none
	body   string     // "" means no body
	resp   string     // the bot's answer
	out    string     // expected stdout JSON; "" means resp
}

const (
	tradeJSON = `{"trade_id":3,"pair":"BTC/USDT","base_currency":"BTC","quote_currency":"USDT","is_open":true,"is_short":false,` +
		`"exchange":"binance","amount":0.01,"stake_amount":640,"strategy":"S","enter_tag":"ema","timeframe":5,` +
		`"open_date":"2024-05-01 12:00:00","open_timestamp":1714564800000,"open_rate":64000,"open_trade_value":640.6,` +
		`"profit_ratio":0.01,"profit_pct":1.0,"profit_abs":6.4,"realized_profit":0,"has_open_orders":false,` +
		`"nr_of_successful_entries":1,"nr_of_successful_exits":0,"orders":[],"current_rate":64640,"total_profit_abs":6.4}`
	locksJSON  = `{"lock_count":1,"locks":[{"id":7,"active":true,"lock_end_time":"2024-05-01 14:00:00","lock_end_timestamp":1714572000000,"lock_time":"2024-05-01 12:00:00","lock_timestamp":1714564800000,"pair":"BTC/USDT","side":"*","reason":"manual"}]}`
	statusJSON = `{"status":"ok"}`
	tagJSON    = `"profit_ratio":0.01,"profit_pct":1.0,"profit_abs":6.4,"count":1}]`
	periodJSON = `{"data":[{"date":"2024-05-01","abs_profit":6.4,"rel_profit":0.0064,"starting_balance":1000,"fiat_value":0,"trade_count":1}],"fiat_display_currency":"","stake_currency":"USDT"}`
	blackJSON  = `{"blacklist":["DOGE/USDT"],"blacklist_expanded":["DOGE/USDT"],"errors":{},"length":1,"method":["StaticPairList"]}`
	candleJSON = `{"strategy":"S","pair":"BTC/USDT","timeframe":"5m","timeframe_ms":300000,"columns":["date","close"],"all_columns":["date","close"],"data":[["2024-05-01T12:00:00Z",64000]],"length":1,"buy_signals":0,"sell_signals":0,"enter_long_signals":0,"exit_long_signals":0,"enter_short_signals":0,"exit_short_signals":0,"last_analyzed":"2024-05-01T12:00:00Z","last_analyzed_ts":1714564800,"data_start_ts":1714564800000,"data_start":"2024-05-01 12:00:00+00:00","data_stop":"2024-05-01 12:00:00+00:00","data_stop_ts":1714564800000}`
)

func query(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

func clientCases() map[string]clientCase {
	return map[string]clientCase{
		"start":         {args: []string{"start"}, method: "POST", path: "/start", resp: statusJSON},
		"stop":          {args: []string{"stop"}, method: "POST", path: "/stop", resp: statusJSON},
		"stopbuy":       {args: []string{"stopbuy"}, method: "POST", path: "/stopbuy", resp: statusJSON},
		"reload_config": {args: []string{"reload_config"}, method: "POST", path: "/reload_config", resp: statusJSON},
		"balance": {args: []string{"balance"}, method: "GET", path: "/balance",
			resp: `{"currencies":[{"currency":"USDT","free":900,"balance":1000,"used":100,"est_stake":1000,"stake":"USDT","side":"long","is_position":false,"position":0,"is_bot_managed":true}],"total":1000,"symbol":"USD","value":1000,"stake":"USDT","note":""}`},
		"count":    {args: []string{"count"}, method: "GET", path: "/count", resp: `{"current":2,"max":5,"total_stake":1280.5}`},
		"entries":  {args: []string{"entries", "BTC/USDT"}, method: "GET", path: "/entries", query: query("pair", "BTC/USDT"), resp: `[{"enter_tag":"ema",` + tagJSON},
		"exits":    {args: []string{"exits"}, method: "GET", path: "/exits", resp: `[{"exit_reason":"roi",` + tagJSON},
		"mix_tags": {args: []string{"mix_tags", "pair=ETH/USDT"}, method: "GET", path: "/mix_tags", query: query("pair", "ETH/USDT"), resp: `[{"mix_tag":"ema roi",` + tagJSON},
		"locks":    {args: []string{"locks"}, method: "GET", path: "/locks", resp: locksJSON},
		"delete_lock": {args: []string{"delete_lock", "7"}, method: "DELETE", path: "/locks/7",
			resp: `{"lock_count":0,"locks":[]}`},
		"lock_add": {args: []string{"lock_add", "BTC/USDT", "2024-03-30 16:00:00Z", "side=long", "reason=manual pause"},
			method: "POST", path: "/locks", body: `[{"pair":"BTC/USDT","side":"long","until":"2024-03-30 16:00:00Z","reason":"manual pause"}]`,
			resp: locksJSON},
		"lock_add defaults": {args: []string{"lock_add", "BTC/USDT", "2024-03-30 16:00:00Z"},
			method: "POST", path: "/locks", body: `[{"pair":"BTC/USDT","side":"*","until":"2024-03-30 16:00:00Z","reason":""}]`,
			resp: locksJSON},
		"daily":        {args: []string{"daily", "5"}, method: "GET", path: "/daily", query: query("timescale", "5"), resp: periodJSON},
		"daily bare":   {args: []string{"daily"}, method: "GET", path: "/daily", resp: periodJSON},
		"weekly":       {args: []string{"weekly", "weeks=2"}, method: "GET", path: "/weekly", query: query("timescale", "2"), resp: periodJSON},
		"monthly":      {args: []string{"monthly", "3"}, method: "GET", path: "/monthly", query: query("timescale", "3"), resp: periodJSON},
		"edge":         {args: []string{"edge"}, method: "GET", path: "/edge", resp: `[{"Pair":"BTC/USDT"}]`},
		"profit":       {args: []string{"profit"}, method: "GET", path: "/profit", resp: `{"profit_all_coin":12.5,"trade_count":3,"profit_factor":null,"best_pair":"BTC/USDT","an_unknown_newer_key":1}`},
		"stats":        {args: []string{"stats"}, method: "GET", path: "/stats", resp: `{"exit_reasons":{"roi":{"wins":2,"losses":0,"draws":0}},"durations":{"wins":300.5,"draws":null,"losses":null}}`},
		"performance":  {args: []string{"performance"}, method: "GET", path: "/performance", resp: `[{"pair":"BTC/USDT","profit":1.5,"profit_ratio":0.015,"profit_pct":1.5,"profit_abs":3,"count":2}]`},
		"status":       {args: []string{"status"}, method: "GET", path: "/status", resp: "[" + tradeJSON + "]"},
		"version":      {args: []string{"version"}, method: "GET", path: "/version", resp: `{"version":"2025.6"}`},
		"show_config":  {args: []string{"show_config"}, method: "GET", path: "/show_config", resp: `{"bot_name":"b","state":"running","dry_run":true,"stake_amount":"100","api_version":2.48}`},
		"ping running": {args: []string{"ping"}, method: "GET", path: "/show_config", resp: `{"state":"running"}`, out: `{"status":"pong"}`},
		"ping stopped": {args: []string{"ping"}, method: "GET", path: "/show_config", resp: `{"state":"stopped"}`, out: `{"status":"not_running"}`},
		"logs": {args: []string{"logs", "10"}, method: "GET", path: "/logs", query: query("limit", "10"),
			resp: `{"log_count":1,"logs":[["2024-05-01 12:00:00",1714564800000.5,"freqtrade.worker","INFO","Bot heartbeat."]]}`},
		"trades": {args: []string{"trades", "limit=10", "offset=5", "order_by_id=false"}, method: "GET", path: "/trades",
			query: query("limit", "10", "offset", "5", "order_by_id", "false"),
			resp:  `{"trades":[],"trades_count":0,"offset":5,"total_trades":0}`},
		"trades positional": {args: []string{"trades", "10", "0", "true"}, method: "GET", path: "/trades", query: query("limit", "10"),
			resp: `{"trades":[],"trades_count":0,"offset":0,"total_trades":0}`},
		"list_open_trades_custom_data": {args: []string{"list_open_trades_custom_data", "key=k"}, method: "GET",
			path: "/trades/open/custom-data", query: query("key", "k", "limit", "100"),
			resp: `[{"trade_id":1,"custom_data":[{"key":"k","type":"str","value":"v","created_at":"2024-05-01T12:00:00","updated_at":null}]}]`},
		"list_custom_data": {args: []string{"list_custom_data", "3", "k"}, method: "GET", path: "/trades/3/custom-data", query: query("key", "k"),
			resp: `[{"trade_id":3,"custom_data":[]}]`},
		"trade": {args: []string{"trade", "3"}, method: "GET", path: "/trade/3", resp: tradeJSON},
		"delete_trade": {args: []string{"delete_trade", "3"}, method: "DELETE", path: "/trades/3",
			resp: `{"cancel_order_count":0,"result":"success","result_msg":"Deleted trade #3 for pair BTC/USDT. Closed 0 open orders.","trade_id":3}`},
		"cancel_open_order": {args: []string{"cancel_open_order", "3"}, method: "DELETE", path: "/trades/3/open-order", resp: tradeJSON},
		"whitelist":         {args: []string{"whitelist"}, method: "GET", path: "/whitelist", resp: `{"whitelist":["BTC/USDT","ETH/USDT"],"length":2,"method":["StaticPairList"]}`},
		"blacklist":         {args: []string{"blacklist"}, method: "GET", path: "/blacklist", resp: blackJSON},
		"blacklist add": {args: []string{"blacklist", "DOGE/USDT", "XRP/.*"}, method: "POST", path: "/blacklist",
			body: `{"blacklist":["DOGE/USDT","XRP/.*"]}`, resp: blackJSON},
		"forcebuy": {args: []string{"forcebuy", "BTC/USDT", "63000"}, method: "POST", path: "/forcebuy",
			body: `{"pair":"BTC/USDT","price":63000}`, resp: tradeJSON},
		"forceenter": {args: []string{"forceenter", "BTC/USDT", "short", "price=100", "order_type=limit", "stake_amount=50", "leverage=2", "enter_tag=manual"},
			method: "POST", path: "/forceenter",
			body: `{"pair":"BTC/USDT","side":"short","price":100,"ordertype":"limit","stakeamount":50,"leverage":2,"entry_tag":"manual"}`,
			resp: tradeJSON},
		"forceenter no trade": {args: []string{"forceenter", "BTC/USDT", "long"}, method: "POST", path: "/forceenter",
			body: `{"pair":"BTC/USDT","side":"long"}`, resp: `{"status":"Error entering long trade for pair BTC/USDT."}`},
		"forceexit": {args: []string{"forceexit", "3", "limit", "0.5", "price=65000"}, method: "POST", path: "/forceexit",
			body: `{"tradeid":"3","ordertype":"limit","amount":0.5,"price":65000}`, resp: `{"result":"Created exit order for trade 3."}`},
		"forceexit all": {args: []string{"forceexit", "all"}, method: "POST", path: "/forceexit",
			body: `{"tradeid":"all"}`, resp: `{"result":"Created exit orders for all open trades."}`},
		"strategies":          {args: []string{"strategies"}, method: "GET", path: "/strategies", resp: `{"strategies":["S"]}`},
		"strategy":            {args: []string{"strategy", "S"}, method: "GET", path: "/strategy/S", resp: `{"strategy":"S","timeframe":"5m","code":"class S: pass"}`},
		"pairlists_available": {args: []string{"pairlists_available"}, method: "GET", path: "/pairlists/available", resp: `{"pairlists":[]}`},
		"plot_config":         {args: []string{"plot_config"}, method: "GET", path: "/plot_config", resp: `{"main_plot":{"ema":{"color":"red"}},"subplots":{}}`},
		"available_pairs": {args: []string{"available_pairs", "5m"}, method: "GET", path: "/available_pairs",
			query: query("timeframe", "5m", "stake_currency", ""), resp: `{"length":0,"pairs":[],"pair_interval":[]}`},
		"pair_candles": {args: []string{"pair_candles", "BTC/USDT", "5m", "limit=1"}, method: "GET", path: "/pair_candles",
			query: query("pair", "BTC/USDT", "timeframe", "5m", "limit", "1"), resp: candleJSON},
		"pair_candles columns": {args: []string{"pair_candles", "BTC/USDT", "5m", "columns=close,rsi"}, method: "POST", path: "/pair_candles",
			body: `{"pair":"BTC/USDT","timeframe":"5m","columns":["close","rsi"]}`, resp: candleJSON},
		"pair_history": {args: []string{"pair_history", "BTC/USDT", "5m", "S", "20240101-"}, method: "GET", path: "/pair_history",
			query: query("pair", "BTC/USDT", "timeframe", "5m", "strategy", "S", "timerange", "20240101-"), resp: candleJSON},
		"sysinfo": {args: []string{"sysinfo"}, method: "GET", path: "/sysinfo", resp: `{"cpu_pct":[1.5,2],"ram_pct":40.1}`},
		"health": {args: []string{"health"}, method: "GET", path: "/health",
			resp: `{"last_process":"2024-05-01T12:00:00+00:00","last_process_ts":1714564800,"bot_start":null,"bot_start_ts":null,"bot_startup":null,"bot_startup_ts":null}`},
	}
}

func TestClientCommands(t *testing.T) {
	t.Parallel()
	for name, tc := range clientCases() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fb := fakebot.New(t, http.StatusOK, tc.resp)
			env := map[string]string{"FREQDECK_PASSWORD": "pw"}
			args := append([]string{"client", "--url", fb.URL, "--username", "ft"}, tc.args...)
			code, out, errOut := runCLI(t, env, args...)
			if code != 0 {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			reqs := fb.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1: %+v", len(reqs), reqs)
			}
			r := reqs[0]
			if r.Method != tc.method || r.Path != "/api/v1"+tc.path {
				t.Fatalf("request %s %s, want %s /api/v1%s", r.Method, r.Path, tc.method, tc.path)
			}
			if r.User != "ft" || r.Pass != "pw" {
				t.Fatalf("basic auth %q:%q, want ft:pw", r.User, r.Pass)
			}
			wantQ := tc.query
			if wantQ == nil {
				wantQ = url.Values{}
			}
			if !reflect.DeepEqual(r.Query, wantQ) {
				t.Fatalf("query %v, want %v", r.Query, wantQ)
			}
			if tc.body == "" && len(r.Body) != 0 {
				t.Fatalf("unexpected body %s", r.Body)
			}
			if tc.body != "" && !jsonEqual(t, r.Body, tc.body) {
				t.Fatalf("body %s, want %s", r.Body, tc.body)
			}
			want := tc.out
			if want == "" {
				want = tc.resp
			}
			if got := strings.TrimSuffix(out, "\n"); got != compactJSON(t, want) {
				t.Fatalf("stdout\n %s\nwant\n %s", got, compactJSON(t, want))
			}
		})
	}
}

// TestClientCommandsAllCovered keeps the table above honest: every client
// command has a case, and there is no case for a command that does not
// exist.
func TestClientCommandsAllCovered(t *testing.T) {
	t.Parallel()
	covered := map[string]bool{}
	for _, tc := range clientCases() {
		covered[tc.args[0]] = true
	}
	want := strings.Fields(`start stop stopbuy reload_config balance count entries exits mix_tags locks
		delete_lock lock_add daily weekly monthly edge profit stats performance status version
		show_config ping logs trades list_open_trades_custom_data list_custom_data trade delete_trade
		cancel_open_order whitelist blacklist forcebuy forceenter forceexit strategies strategy
		pairlists_available plot_config available_pairs pair_candles pair_history sysinfo health`)
	names := map[string]bool{}
	for _, cc := range clientCommands() {
		names[cc.name] = true
		if !covered[cc.name] {
			t.Errorf("client command %q has no test case", cc.name)
		}
	}
	for _, n := range want {
		if !names[n] {
			t.Errorf("freqtrade-client command %q is missing", n)
		}
	}
	if len(names) != len(want) {
		t.Errorf("%d commands, want %d", len(names), len(want))
	}
}
