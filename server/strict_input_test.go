package server

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// strictServer serves a fresh server over the fake bot on 127.0.0.1.
func strictServer(t *testing.T) (*httptest.Server, *rpctest.Bot) {
	t.Helper()
	s, bot := newTestServer(t, testConfig())
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv, bot
}

// over sends one authenticated request over the network and returns the
// status and body.
func over(t *testing.T, srv *httptest.Server, method, target, body string) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, srv.URL+target, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", basicAuth(testUser, testPass))
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, data
}

// TestStrictInputRejected: each input the hardening issue saw accepted is
// answered 422, naming the field, and never reaches the bot.
func TestStrictInputRejected(t *testing.T) {
	t.Parallel()
	srv, bot := strictServer(t)
	lock := func(fields string) string { return `[{` + fields + `}]` }
	many := func(n int, item string) string {
		return "[" + strings.TrimSuffix(strings.Repeat(item+",", n), ",") + "]"
	}
	cases := []struct {
		name, method, target, body string
		typ                        string // the problem's type
		loc                        string // its loc, as JSON
	}{
		// Item 1: counts, limits and offsets are capped.
		{"daily above cap", get, "/api/v1/daily?timescale=366", "", "less_than_equal", `["query","timescale"]`},
		{"weekly ten million", get, "/api/v1/weekly?timescale=10000000", "", "less_than_equal", `["query","timescale"]`},
		{"monthly beyond int64", get, "/api/v1/monthly?timescale=99999999999999999999999", "", "less_than_equal", `["query","timescale"]`},
		{"trades limit", get, "/api/v1/trades?limit=501", "", "less_than_equal", `["query","limit"]`},
		{"trades offset", get, "/api/v1/trades?offset=10000001", "", "less_than_equal", `["query","offset"]`},
		{"custom-data limit", get, "/api/v1/trades/open/custom-data?limit=501", "", "less_than_equal", `["query","limit"]`},
		{"custom-data offset", get, "/api/v1/trades/open/custom-data?offset=-1", "", "greater_than_equal", `["query","offset"]`},
		{"logs limit", get, "/api/v1/logs?limit=1001", "", "less_than_equal", `["query","limit"]`},
		{"logs negative", get, "/api/v1/logs?limit=-1", "", "greater_than_equal", `["query","limit"]`},
		{"candles limit", get, "/api/v1/pair_candles?pair=ETH/BTC&timeframe=5m&limit=1501", "", "less_than_equal", `["query","limit"]`},
		{"candles negative", get, "/api/v1/pair_candles?pair=ETH/BTC&timeframe=5m&limit=-1", "", "greater_than_equal", `["query","limit"]`},
		{"candles body limit", post, "/api/v1/pair_candles", `{"pair": "ETH/BTC", "timeframe": "5m", "limit": 100000}`, "less_than_equal", `["body","limit"]`},
		{"candles limit beyond int64", post, "/api/v1/pair_candles", `{"pair": "ETH/BTC", "timeframe": "5m", "limit": 99999999999999999999}`, "less_than_equal", `["body","limit"]`},
		{"lock id beyond int64", post, "/api/v1/locks/delete", `{"lockid": 99999999999999999999}`, "int_parsing_size", `["body","lockid"]`},
		{"lock id beyond float64", post, "/api/v1/locks/delete", `{"lockid": 1e400}`, "finite_number", `["body","lockid"]`},
		{"candles columns", post, "/api/v1/pair_candles", `{"pair": "ETH/BTC", "timeframe": "5m", "columns": ` + many(501, `"c"`) + `}`, "too_long", `["body","columns"]`},
		{"blacklist entries", post, "/api/v1/blacklist", `{"blacklist": ` + many(501, `"A/B"`) + `}`, "too_long", `["body","blacklist"]`},
		{"locks per request", post, "/api/v1/locks", many(501, `{"pair": "A/B", "until": "2024-06-01T00:00:00Z"}`), "too_long", `["body"]`},
		{"delete blacklist entries", del, "/api/v1/blacklist?" + strings.Repeat("pairs_to_delete=A/B&", 501), "", "too_long", `["query","pairs_to_delete"]`},
		// Item 3: amounts and prices.
		{"stake -5", post, "/api/v1/forceenter", `{"pair": "ETH/BTC", "stakeamount": -5}`, "greater_than", `["body","stakeamount"]`},
		{"stake 0", post, "/api/v1/forceenter", `{"pair": "ETH/BTC", "stakeamount": 0}`, "greater_than", `["body","stakeamount"]`},
		{"price -1", post, "/api/v1/forceenter", `{"pair": "ETH/BTC", "ordertype": "limit", "price": -1}`, "greater_than", `["body","price"]`},
		{"price 0", post, "/api/v1/forceenter", `{"pair": "ETH/BTC", "price": 0}`, "greater_than", `["body","price"]`},
		{"price 1e300", post, "/api/v1/forceenter", `{"pair": "ETH/BTC", "ordertype": "limit", "price": 1e300}`, "less_than_equal", `["body","price"]`},
		{"price beyond float64", post, "/api/v1/forceenter", `{"pair": "ETH/BTC", "price": 1e999}`, "finite_number", `["body","price"]`},
		{"price inf string", post, "/api/v1/forceenter", `{"pair": "ETH/BTC", "price": "inf"}`, "float_parsing", `["body","price"]`},
		{"price NaN string", post, "/api/v1/forceenter", `{"pair": "ETH/BTC", "price": "NaN"}`, "float_parsing", `["body","price"]`},
		{"leverage 0", post, "/api/v1/forceenter", `{"pair": "ETH/BTC", "leverage": 0}`, "greater_than", `["body","leverage"]`},
		{"exit amount -1", post, "/api/v1/forceexit", `{"tradeid": 1, "amount": -1}`, "greater_than", `["body","amount"]`},
		{"exit amount 0", post, "/api/v1/forceexit", `{"tradeid": 1, "amount": 0}`, "greater_than", `["body","amount"]`},
		{"exit price -1", post, "/api/v1/forceexit", `{"tradeid": 1, "ordertype": "limit", "price": -1}`, "greater_than", `["body","price"]`},
		// Item 3: locks.
		{"until 9999", post, "/api/v1/locks", lock(`"pair": "A/B", "until": "9999-12-31T00:00:00Z"`), "less_than_equal", `["body",0,"until"]`},
		{"until year 1", post, "/api/v1/locks", lock(`"pair": "A/B", "until": "0001-01-01T00:00:00Z"`), "datetime_future", `["body",0,"until"]`},
		{"until past", post, "/api/v1/locks", lock(`"pair": "A/B", "until": "2024-05-01T11:59:59Z"`), "datetime_future", `["body",0,"until"]`},
		{"until 11 years", post, "/api/v1/locks", lock(`"pair": "A/B", "until": "2035-05-01T12:00:00Z"`), "less_than_equal", `["body",0,"until"]`},
		{"lock pair empty", post, "/api/v1/locks", lock(`"pair": "", "until": "2024-06-01T00:00:00Z"`), "string_too_short", `["body",0,"pair"]`},
		{"lock pair 50 KB", post, "/api/v1/locks", lock(`"pair": "` + strings.Repeat("A", 50<<10) + `/B", "until": "2024-06-01T00:00:00Z"`), "string_too_long", `["body",0,"pair"]`},
		{"lock pair no quote", post, "/api/v1/locks", lock(`"pair": "BTCUSDT", "until": "2024-06-01T00:00:00Z"`), "string_pattern_mismatch", `["body",0,"pair"]`},
		{"lock pair control", post, "/api/v1/locks", lock(`"pair": "BTC/USDT\u001b[2J", "until": "2024-06-01T00:00:00Z"`), "string_pattern_mismatch", `["body",0,"pair"]`},
		{"lock side", post, "/api/v1/locks", lock(`"pair": "A/B", "side": "both", "until": "2024-06-01T00:00:00Z"`), "enum", `["body",0,"side"]`},
		{"lock second of two", post, "/api/v1/locks", `[{"pair": "A/B", "until": "2024-06-01T00:00:00Z"}, {"pair": "A/B", "until": "3024-06-01T00:00:00Z"}]`, "less_than_equal", `["body",1,"until"]`},
		{"force-enter pair", post, "/api/v1/forceenter", `{"pair": "ETH BTC"}`, "string_pattern_mismatch", `["body","pair"]`},
		{"blacklist entry length", post, "/api/v1/blacklist", `{"blacklist": ["` + strings.Repeat("A", 256) + `"]}`, "string_too_long", `["body","blacklist",0]`},
		// Item 3: text that is not UTF-8, anywhere.
		{"force-enter pair bytes", post, "/api/v1/forceenter", "{\"pair\": \"ETH/BT\xff\"}", "string_unicode", `["body","pair"]`},
		{"force-enter pair surrogate", post, "/api/v1/forceenter", `{"pair": "ETH/BT\ud800"}`, "string_unicode", `["body","pair"]`},
		{"entry tag bytes", post, "/api/v1/forceenter", "{\"pair\": \"ETH/BTC\", \"entry_tag\": \"\xc3\x28\"}", "string_unicode", `["body","entry_tag"]`},
		{"lock pair bytes", post, "/api/v1/locks", lock("\"pair\": \"\xfe/B\", \"until\": \"2024-06-01T00:00:00Z\""), "string_unicode", `["body",0,"pair"]`},
		{"blacklist bytes", post, "/api/v1/blacklist", "{\"blacklist\": [\"A/B\", \"\xff/B\"]}", "string_unicode", `["body","blacklist",1]`},
		{"delete locks bytes", post, "/api/v1/locks/delete", "{\"pair\": \"\xff\"}", "string_unicode", `["body","pair"]`},
		{"candles pair bytes", get, "/api/v1/pair_candles?pair=%FF/B&timeframe=5m", "", "string_unicode", `["query","pair"]`},
		{"candles body pair bytes", post, "/api/v1/pair_candles", "{\"pair\": \"\xff/B\", \"timeframe\": \"5m\"}", "string_unicode", `["body","pair"]`},
		{"entries pair bytes", get, "/api/v1/entries?pair=%C3%28", "", "string_unicode", `["query","pair"]`},
		{"delete blacklist bytes", del, "/api/v1/blacklist?pairs_to_delete=A/B&pairs_to_delete=%FF", "", "string_unicode", `["query","pairs_to_delete",1]`},
		{"custom-data key bytes", get, "/api/v1/trades/1/custom-data?key=%FF", "", "string_unicode", `["query","key"]`},
		{"plot config bytes", get, "/api/v1/plot_config?strategy=%FF", "", "string_unicode", `["query","strategy"]`},
		{"strategy path bytes", get, "/api/v1/strategy/%FF", "", "string_unicode", `["path","strategy"]`},
		{"markets bytes", get, "/api/v1/markets?base=%FF", "", "string_unicode", `["query","base"]`},
	}
	for _, tc := range cases {
		status, body := over(t, srv, tc.method, tc.target, tc.body)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422: %.300s", tc.name, status, body)
			continue
		}
		var vb struct {
			Detail []struct {
				Type string          `json:"type"`
				Loc  json.RawMessage `json:"loc"`
				Msg  string          `json:"msg"`
			} `json:"detail"`
		}
		if err := json.Unmarshal(body, &vb); err != nil || len(vb.Detail) != 1 {
			t.Errorf("%s: want one problem: %.300s", tc.name, body)
			continue
		}
		if p := vb.Detail[0]; p.Type != tc.typ || string(p.Loc) != tc.loc {
			t.Errorf("%s: problem %s at %s (%q), want %s at %s", tc.name, p.Type, p.Loc, p.Msg, tc.typ, tc.loc)
		}
	}
	if calls := bot.Calls(); len(calls) != 0 {
		t.Fatalf("rejected requests reached the bot: %d calls, first %s", len(calls), calls[0].Method)
	}
}

// TestStrictInputBodies: the 422 bodies are byte for byte FastAPI's with
// pydantic v2's messages and ctx (a float bound in ctx is a Python float).
func TestStrictInputBodies(t *testing.T) {
	t.Parallel()
	srv, bot := strictServer(t)
	cases := []struct{ method, target, body, want string }{
		{get, "/api/v1/daily?timescale=366", "", `{"detail":[{"type":"less_than_equal","loc":["query","timescale"],` +
			`"msg":"Input should be less than or equal to 365","input":"366","ctx":{"le":365}}]}`},
		{post, "/api/v1/forceenter", `{"pair": "ETH/BTC", "stakeamount": 0}`, `{"detail":[{"type":"greater_than","loc":["body","stakeamount"],` +
			`"msg":"Input should be greater than 0","input":0,"ctx":{"gt":0.0}}]}`},
		{post, "/api/v1/forceenter", `{"pair": "ETH/BTC", "price": 1e300}`, `{"detail":[{"type":"less_than_equal","loc":["body","price"],` +
			`"msg":"Input should be less than or equal to 1000000000000000","input":1e300,"ctx":{"le":1000000000000000.0}}]}`},
		{post, "/api/v1/locks", `[{"pair": "", "until": "2024-06-01T00:00:00Z"}]`, `{"detail":[{"type":"string_too_short","loc":["body",0,"pair"],` +
			`"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}}]}`},
		{post, "/api/v1/locks", `[{"pair": "A/B", "until": "9999-12-31T00:00:00Z"}]`, `{"detail":[{"type":"less_than_equal","loc":["body",0,"until"],` +
			`"msg":"Input should be less than or equal to 2034-05-01T12:00:00Z","input":"9999-12-31T00:00:00Z","ctx":{"le":"2034-05-01T12:00:00Z"}}]}`},
		{post, "/api/v1/locks", `[{"pair": "A/B", "until": "2000-01-01T00:00:00Z"}]`, `{"detail":[{"type":"datetime_future","loc":["body",0,"until"],` +
			`"msg":"Input should be in the future","input":"2000-01-01T00:00:00Z"}]}`},
		{post, "/api/v1/blacklist", `{"blacklist": ["A/B", "C/D", "E/F"]}`, ""}, // under the cap: answered
		{get, "/api/v1/pair_candles?pair=BTCUSDT&timeframe=5m", "", `{"detail":[{"type":"string_pattern_mismatch","loc":["query","pair"],` +
			`"msg":"String should match pattern '^[^/: \\p{Cc}]+/[^/: \\p{Cc}]+(:[^/: \\p{Cc}]+)?$'","input":"BTCUSDT",` +
			`"ctx":{"pattern":"^[^/: \\p{Cc}]+/[^/: \\p{Cc}]+(:[^/: \\p{Cc}]+)?$"}}]}`},
		{get, "/api/v1/pair_candles?limit=5", "", `{"detail":[{"type":"missing","loc":["query","pair"],"msg":"Field required","input":null},` +
			`{"type":"missing","loc":["query","timeframe"],"msg":"Field required","input":null}]}`},
		{get, "/api/v1/entries?pair=%FF", "", `{"detail":[{"type":"string_unicode","loc":["query","pair"],` +
			`"msg":"Input should be a valid string, unable to parse raw data as a unicode string","input":"\ufffd"}]}`},
	}
	for _, tc := range cases {
		status, body := over(t, srv, tc.method, tc.target, tc.body)
		if tc.want == "" {
			if status != http.StatusOK {
				t.Errorf("%s %s: status %d: %s", tc.method, tc.target, status, body)
			}
			continue
		}
		if status != http.StatusUnprocessableEntity || string(body) != tc.want {
			t.Errorf("%s %s %s:\n got %d %s\nwant 422 %s", tc.method, tc.target, tc.body, status, body, tc.want)
		}
	}
	if n := len(bot.Calls()); n != 1 {
		t.Fatalf("%d bot calls, want only the blacklist one", n)
	}
}

// TestStrictInputCaps: a value at its cap is answered, and the bot gets
// exactly that value.
func TestStrictInputCaps(t *testing.T) {
	t.Parallel()
	srv, bot := strictServer(t)
	cases := []struct {
		target, method string
		want           any // the bot call's arguments after the context
	}{
		{"/api/v1/daily?timescale=365", "PeriodicProfit", []any{apiclient.Daily, 365}},
		{"/api/v1/weekly?timescale=365", "PeriodicProfit", []any{apiclient.Weekly, 365}},
		{"/api/v1/monthly?timescale=365", "PeriodicProfit", []any{apiclient.Monthly, 365}},
		{"/api/v1/daily", "PeriodicProfit", []any{apiclient.Daily, 7}},
		{"/api/v1/trades?limit=500&offset=10000000", "Trades", []any{apiclient.TradesQuery{Limit: 500, Offset: 10_000_000, OrderByID: apiclient.Ptr(true)}}},
		{"/api/v1/logs?limit=1000", "Logs", []any{1000}},
		{"/api/v1/logs", "Logs", []any{0}},
		{"/api/v1/pair_candles?pair=BTC/USDT:USDT&timeframe=5m&limit=1500", "PairCandles",
			[]any{apiclient.PairCandlesRequest{Pair: "BTC/USDT:USDT", Timeframe: "5m", Limit: apiclient.Ptr(1500)}}},
	}
	for _, tc := range cases {
		before := len(bot.CallsTo(tc.method))
		if status, body := over(t, srv, get, tc.target, ""); status != http.StatusOK {
			t.Errorf("%s: status %d: %s", tc.target, status, body)
			continue
		}
		calls := bot.CallsTo(tc.method)
		if len(calls) != before+1 {
			t.Errorf("%s: %d calls to %s", tc.target, len(calls)-before, tc.method)
			continue
		}
		if got := toJSON(t, calls[len(calls)-1].Args); got != toJSON(t, tc.want) {
			t.Errorf("%s: bot got %s, want %s", tc.target, got, toJSON(t, tc.want))
		}
	}
}

// TestStrictInputAccepted: what is valid still passes, tags are cut to
// freqtrade's 255 characters (as freqtrade cuts them), and a lock's end
// reaches the bot unchanged.
func TestStrictInputAccepted(t *testing.T) {
	t.Parallel()
	srv, bot := strictServer(t)
	tag := strings.Repeat("é", 300) + "tail"
	status, body := over(t, srv, post, "/api/v1/forceenter",
		`{"pair": "币安人生/USDT", "price": 1e15, "stakeamount": 1e-8, "entry_tag": "`+tag+`", "leverage": 3}`)
	if status != http.StatusOK {
		t.Fatalf("force enter: %d %s", status, body)
	}
	req, _ := bot.CallsTo("ForceEnter")[0].Args[0].(apiclient.ForceEnterRequest)
	if got := apiclient.Deref(req.EntryTag); utf8.RuneCountInString(got) != 255 || got != strings.Repeat("é", 255) {
		t.Fatalf("entry tag reached the bot as %d characters", utf8.RuneCountInString(got))
	}
	reason := strings.Repeat("r", 1000)
	status, body = over(t, srv, post, "/api/v1/locks", `[{"pair": "*", "until": "2034-05-01T12:00:00Z", "reason": "`+reason+`"},
		{"pair": "BTC/USD:BTC-240628-60000-C", "side": "short", "until": "2024-05-01T12:00:01+02:00"}]`)
	if status != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"datetime_future"`) {
		t.Fatalf("a lock ending 2 h ago (+02:00) passed: %d %s", status, body)
	}
	status, body = over(t, srv, post, "/api/v1/locks", `[{"pair": "*", "until": "2034-05-01T12:00:00Z", "reason": "`+reason+`"},
		{"pair": "BTC/USD:BTC-240628-60000-C", "side": "short", "until": "2024-05-01T14:00:01+02:00"}]`)
	if status != http.StatusOK {
		t.Fatalf("locks: %d %s", status, body)
	}
	specs, _ := bot.CallsTo("AddLocks")[0].Args[0].([]rpc.LockSpec)
	if len(specs) != 2 || len(specs[0].Reason) != 255 || specs[1].Until.Unix() != testNow().Unix()+1 {
		t.Fatalf("locks reached the bot as %+v", specs)
	}
	for _, target := range []string{"/api/v1/forceexit", "/api/v1/forcesell"} {
		if status, body := over(t, srv, post, target, `{"tradeid": "all", "amount": 1e-12, "price": 0.5}`); status != http.StatusOK {
			t.Fatalf("%s: %d %s", target, status, body)
		}
	}
}
