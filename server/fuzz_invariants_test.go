package server

import (
	"math"
	"net/http"
	"net/http/httptest"
	"testing"
	"unicode/utf8"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// What a bot call may receive, whatever the request: the fuzz targets
// check every call that got through against these.

func wantText(t *testing.T, what, s string, maxChars int) {
	t.Helper()
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > maxChars {
		t.Fatalf("%s %q reached the bot (invalid UTF-8 or over %d characters)", what, s, maxChars)
	}
}

func wantPair(t *testing.T, what, s string, pattern func(string) bool) {
	t.Helper()
	wantText(t, what, s, maxPairLength)
	if !pattern(s) {
		t.Fatalf("%s %q reached the bot", what, s)
	}
}

// wantIn checks an optional number lies in (gt, le].
func wantIn(t *testing.T, what string, v *float64, gt, le float64) {
	t.Helper()
	if v != nil && (math.IsNaN(*v) || *v <= gt || *v > le) {
		t.Fatalf("%s %g reached the bot, want (%g, %g]", what, *v, gt, le)
	}
}

func checkForceEnter(t *testing.T, arg any) {
	req, _ := arg.(apiclient.ForceEnterRequest)
	wantPair(t, "pair", req.Pair, pairPattern.MatchString)
	wantIn(t, "price", req.Price, 0, 1e15)
	wantIn(t, "stakeamount", req.StakeAmount, 0, math.MaxFloat64)
	wantIn(t, "leverage", req.Leverage, 0, math.MaxFloat64)
	wantText(t, "entry_tag", apiclient.Deref(req.EntryTag), maxTagLength)
}

func checkForceExit(t *testing.T, arg any) {
	req, _ := arg.(apiclient.ForceExitRequest)
	wantIn(t, "amount", req.Amount, 0, math.MaxFloat64)
	wantIn(t, "price", req.Price, 0, 1e15)
	wantText(t, "tradeid", string(req.TradeID), math.MaxInt)
}

func checkLocks(t *testing.T, arg any) {
	specs, _ := arg.([]rpc.LockSpec)
	if len(specs) > maxListItems {
		t.Fatalf("%d locks reached the bot", len(specs))
	}
	for _, s := range specs {
		wantPair(t, "lock pair", s.Pair, lockPairPattern.MatchString)
		if !s.Until.After(testNow()) || s.Until.After(testNow().AddDate(10, 0, 0)) {
			t.Fatalf("lock until %s reached the bot", s.Until)
		}
		wantText(t, "reason", s.Reason, maxTagLength)
		if s.Side != "*" && s.Side != "long" && s.Side != "short" {
			t.Fatalf("lock side %q reached the bot", s.Side)
		}
	}
}

func checkBlacklist(t *testing.T, arg any) {
	req, _ := arg.(apiclient.BlacklistRequest)
	pairs := req.Blacklist
	if list, ok := arg.([]string); ok { // DeleteBlacklist
		pairs = list
	}
	if len(pairs) > maxListItems {
		t.Fatalf("%d blacklist entries reached the bot", len(pairs))
	}
	for _, p := range pairs {
		wantText(t, "blacklist entry", p, maxTagLength)
	}
}

func checkPairCandles(t *testing.T, arg any) {
	req, _ := arg.(apiclient.PairCandlesRequest)
	wantPair(t, "pair", req.Pair, pairPattern.MatchString)
	if l := req.Limit; l != nil && (*l < 0 || *l > 1500) {
		t.Fatalf("limit %d reached the bot", *l)
	}
}

// queryRoutes are the GET routes with query parameters, and what their bot
// call may receive.
func queryRoutes() []struct {
	path  string
	check func(t *testing.T, args []any)
} {
	intIn := func(what string, lo, hi int) func(t *testing.T, args []any) {
		return func(t *testing.T, args []any) {
			if n, _ := args[len(args)-1].(int); n < lo || n > hi {
				t.Fatalf("%s %d reached the bot", what, n)
			}
		}
	}
	return []struct {
		path  string
		check func(t *testing.T, args []any)
	}{
		{"/api/v1/daily", intIn("timescale", 1, maxTimescale)},
		{"/api/v1/monthly", intIn("timescale", 1, maxTimescale)},
		{"/api/v1/logs", intIn("limit", 0, maxLogsLimit)},
		{"/api/v1/trades", func(t *testing.T, args []any) {
			q, _ := args[0].(apiclient.TradesQuery)
			if q.Limit < 1 || q.Limit > maxTradesLimit || q.Offset < 0 || q.Offset > maxOffset {
				t.Fatalf("trades query %+v reached the bot", q)
			}
		}},
		{"/api/v1/pair_candles", func(t *testing.T, args []any) { checkPairCandles(t, args[0]) }},
		{"/api/v1/entries", func(t *testing.T, args []any) {
			s, _ := args[0].(string)
			wantText(t, "pair filter", s, maxPairLength)
		}},
		{"/api/v1/blacklist", func(t *testing.T, args []any) { checkBlacklist(t, args[0]) }},
	}
}

// FuzzQuery: any query string on a GET (or the DELETE /blacklist) route is
// answered 200 with bounded bot arguments, or 422 without a bot call.
func FuzzQuery(f *testing.F) {
	for i, q := range []string{"timescale=366", "timescale=99999999999999999999", "limit=1001", "limit=500&offset=-1",
		"pair=ETH/BTC&timeframe=5m&limit=1500", "pair=%FF", "pairs_to_delete=A/B&pairs_to_delete=%FE", "limit=%2B5"} {
		f.Add(uint8(i), q)
	}
	routes := queryRoutes()
	f.Fuzz(func(t *testing.T, which uint8, rawQuery string) {
		rt := routes[int(which)%len(routes)]
		method := get
		if rt.path == "/api/v1/blacklist" {
			method = del
		}
		s, bot := newTestServer(t, testConfig())
		req := httptest.NewRequest(method, rt.path, nil)
		req.URL.RawQuery = rawQuery // as sent: no client cleans it up
		req.Header.Set("Authorization", basicAuth(testUser, testPass))
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		calls := bot.Calls()
		switch rec.Code {
		case http.StatusOK:
			if len(calls) != 1 {
				t.Fatalf("200 with calls %v", calls)
			}
			rt.check(t, calls[0].Args)
		case http.StatusUnprocessableEntity:
			if len(calls) != 0 {
				t.Fatalf("422 %s with calls %v", rec.Body, calls)
			}
		default:
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	})
}
