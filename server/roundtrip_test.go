package server

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// clientCase is one apiclient.Client method called against the server.
type clientCase struct {
	name string
	call func(ctx context.Context, c *apiclient.Client) (any, error)
	want func(f rpctest.Fixtures) any
}

// rtServer starts a real-clock server over a fake bot on 127.0.0.1.
func rtServer(t *testing.T) (*httptest.Server, *rpctest.Bot) {
	t.Helper()
	bot := rpctest.New()
	s, err := New(bot, testConfig(), WithSysInfo(bot.SysInfo))
	if err != nil {
		t.Fatal(err)
	}
	return liveServer(t, s), bot
}

func clientFor(t *testing.T, base string, opts ...apiclient.Option) *apiclient.Client {
	t.Helper()
	c, err := apiclient.New(base, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func clientCases() []clientCase {
	fix := func(v any) func(rpctest.Fixtures) any { return func(rpctest.Fixtures) any { return v } }
	locks := func(f rpctest.Fixtures) any { return apiclient.Locks{LockCount: len(f.Locks), Locks: f.Locks} }
	status := func(s string) func(rpctest.Fixtures) any { return fix(apiclient.StatusResponse{Status: s}) }
	paused := "paused, no more entries will occur from now. Run /start to enable entries."
	return []clientCase{
		{"Ping", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Ping(ctx) }, fix(apiclient.Ping{Status: "pong"})},
		{"Version", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Version(ctx) }, fix(apiclient.Version{Version: "0.1.0-test"})},
		{"UIVersion", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.UIVersion(ctx) }, fix(apiclient.Version{Version: "not_installed"})},
		{"ShowConfig", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.ShowConfig(ctx) }, func(f rpctest.Fixtures) any { return f.ShowConfig }},
		{"Logs", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Logs(ctx, 0) }, func(f rpctest.Fixtures) any { return f.Logs }},
		{"PlotConfig", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.PlotConfig(ctx, "S") }, func(f rpctest.Fixtures) any { return f.PlotConfig }},
		{"Markets", func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.Markets(ctx, apiclient.MarketsQuery{Quote: "BTC", TradingMode: "spot", MarginMode: "cross"})
		}, func(f rpctest.Fixtures) any { return f.Markets }},
		{"Strategy", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Strategy(ctx, "SampleStrategy") }, func(f rpctest.Fixtures) any { return f.Strategy }},
		{"SysInfo", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.SysInfo(ctx) }, func(f rpctest.Fixtures) any { return f.SysInfo }},
		{"Health", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Health(ctx) }, func(f rpctest.Fixtures) any { return f.Health }},
		{"Raw", func(ctx context.Context, c *apiclient.Client) (any, error) {
			_, err := c.Raw(ctx, http.MethodGet, "/strategies", nil, nil)
			var ae *apiclient.APIError
			if !errors.As(err, &ae) || ae.Status != http.StatusServiceUnavailable {
				return nil, err
			}
			return ae.Message, nil
		}, fix("Bot is not in the correct state.")},
		{"Balance", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Balance(ctx) }, func(f rpctest.Fixtures) any { return f.Balance }},
		{"Count", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Count(ctx) }, func(f rpctest.Fixtures) any { return f.Count }},
		{"Entries", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Entries(ctx, "ETC/BTC") }, func(f rpctest.Fixtures) any { return f.Entries }},
		{"Exits", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Exits(ctx, "") }, func(f rpctest.Fixtures) any { return f.Exits }},
		{"MixTags", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.MixTags(ctx, "") }, func(f rpctest.Fixtures) any { return f.MixTags }},
		{"Performance", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Performance(ctx) }, func(f rpctest.Fixtures) any { return f.Performance }},
		{"Profit", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Profit(ctx) }, func(f rpctest.Fixtures) any { return f.Profit }},
		{"ProfitAll", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.ProfitAll(ctx) }, func(f rpctest.Fixtures) any { return apiclient.ProfitAll{All: f.Profit} }},
		{"Stats", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Stats(ctx) }, func(f rpctest.Fixtures) any { return f.Stats }},
		{"Daily", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Daily(ctx, 1) }, func(f rpctest.Fixtures) any {
			p := f.Periodic
			p.Data = p.Data[:1]
			return p
		}},
		{"Weekly", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Weekly(ctx, 0) }, func(f rpctest.Fixtures) any { return f.Periodic }},
		{"Monthly", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Monthly(ctx, 2) }, func(f rpctest.Fixtures) any { return f.Periodic }},
		{"Status", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Status(ctx) }, func(f rpctest.Fixtures) any { return f.OpenTrades }},
		{"Trades", func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.Trades(ctx, apiclient.TradesQuery{Limit: 10, OrderByID: p(false)})
		}, func(f rpctest.Fixtures) any {
			return apiclient.TradesResponse{Trades: f.ClosedTrades, TradesCount: 1, TotalTrades: 1}
		}},
		{"Trade", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Trade(ctx, 1) }, func(f rpctest.Fixtures) any { return f.OpenTrades[0] }},
		{"DeleteTrade", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.DeleteTrade(ctx, 1) }, fix(apiclient.DeleteTradeResult{
			Result: "success", ResultMsg: "Deleted trade #1 for pair ETH/BTC. Closed 0 open orders.", TradeID: 1})},
		{"CancelOpenOrder", func(ctx context.Context, c *apiclient.Client) (any, error) {
			_, err := c.CancelOpenOrder(ctx, 1)
			return errMessage(err)
		}, fix("Error querying /api/v1/trades/1/open-order: No open order for trade_id.")},
		{"ReloadTrade", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.ReloadTrade(ctx, 1) }, func(f rpctest.Fixtures) any { return f.OpenTrades[0] }},
		{"OpenTradesCustomData", func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.OpenTradesCustomData(ctx, apiclient.CustomDataQuery{Key: "note", Limit: 5})
		}, func(f rpctest.Fixtures) any { return f.CustomData }},
		{"TradeCustomData", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.TradeCustomData(ctx, 1, "") }, func(f rpctest.Fixtures) any { return f.CustomData }},
		{"ForceEnter", func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.ForceEnter(ctx, apiclient.ForceEnterRequest{Pair: "ETH/BTC", Side: "long", StakeAmount: p(1.0)})
		}, func(f rpctest.Fixtures) any { return f.ForceEnter }},
		{"ForceBuy", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.ForceBuy(ctx, "ETH/BTC", p(0.2)) }, func(f rpctest.Fixtures) any { return f.ForceEnter }},
		{"ForceExit", func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.ForceExit(ctx, apiclient.ForceExitRequest{TradeID: apiclient.TradeRefID(1)})
		}, fix(apiclient.ResultResponse{Result: "Created exit order for trade 1."})},
		{"Whitelist", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Whitelist(ctx) }, func(f rpctest.Fixtures) any { return f.Whitelist }},
		{"Blacklist", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Blacklist(ctx) }, func(f rpctest.Fixtures) any { return f.Blacklist }},
		{"AddBlacklist", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.AddBlacklist(ctx, "ADA/BTC") }, func(f rpctest.Fixtures) any {
			b := f.Blacklist
			b.Blacklist = append(b.Blacklist[:len(b.Blacklist):len(b.Blacklist)], "ADA/BTC")
			b.Length = 5
			return b
		}},
		{"DeleteBlacklist", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.DeleteBlacklist(ctx, "DOGE/BTC") }, func(f rpctest.Fixtures) any {
			b := f.Blacklist
			b.Blacklist, b.Length = []string{"HOT/BTC", "ETH/BTC", "XRP/.*"}, 3
			return b
		}},
		{"PairCandles GET", func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.PairCandles(ctx, apiclient.PairCandlesRequest{Pair: "ETH/BTC", Timeframe: "5m", Limit: p(1)})
		}, func(f rpctest.Fixtures) any {
			h := f.PairHistory
			h.Data, h.Length = h.Data[1:], 1
			return h
		}},
		{"PairCandles POST", func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.PairCandles(ctx, apiclient.PairCandlesRequest{Pair: "ETH/BTC", Timeframe: "5m", Columns: []string{"close"}})
		}, func(f rpctest.Fixtures) any { return f.PairHistory }},
		{"Start", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Start(ctx) }, status("already running")},
		{"Stop", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Stop(ctx) }, status("stopping trader ...")},
		{"Pause", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Pause(ctx) }, status(paused)},
		{"StopBuy", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.StopBuy(ctx) }, status(paused)},
		{"ReloadConfig", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.ReloadConfig(ctx) }, status("Reloading config ...")},
		{"Locks", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Locks(ctx) }, locks},
		{"AddLocks", func(ctx context.Context, c *apiclient.Client) (any, error) {
			l, err := c.AddLocks(ctx, apiclient.LockRequest{Pair: "XRP/BTC", Side: "long",
				Until: apiclient.FormatAwareTime(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC))})
			if err != nil || len(l.Locks) != 2 {
				return l, err
			}
			added := l.Locks[1]
			return []any{l.LockCount, added.Pair, added.Side, added.LockEndTime, added.Reason}, nil
		}, fix([]any{2, "XRP/BTC", "long", "2030-01-02 03:04:05", nil})},
		{"DeleteLock", func(ctx context.Context, c *apiclient.Client) (any, error) { return c.DeleteLock(ctx, 1) }, fix(apiclient.Locks{Locks: []apiclient.Lock{}})},
		{"DeleteLocks", func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.DeleteLocks(ctx, apiclient.DeleteLocksRequest{LockID: p(1)})
		}, fix(apiclient.Locks{Locks: []apiclient.Lock{}})},
	}
}

func errMessage(err error) (any, error) {
	var ae *apiclient.APIError
	if !errors.As(err, &ae) {
		return nil, err
	}
	return ae.Message, nil
}

// TestClientRoundTrip calls every apiclient.Client REST method against the
// server over real HTTP, with Basic auth and with JWTs, and compares the
// decoded value with what the fake bot returned.
func TestClientRoundTrip(t *testing.T) {
	t.Parallel()
	auths := map[string][]apiclient.Option{
		"basic": {apiclient.WithBasicAuth(testUser, testPass)},
		"jwt":   {apiclient.WithBasicAuth(testUser, testPass), apiclient.WithJWT()},
	}
	for authName, opts := range auths {
		for _, tc := range clientCases() {
			t.Run(authName+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				ts, bot := rtServer(t)
				want := tc.want(bot.Fixtures())
				ctx, cancel := context.WithTimeout(context.Background(), wsTimeout)
				defer cancel()
				got, err := tc.call(ctx, clientFor(t, ts.URL, opts...))
				if err != nil {
					t.Fatalf("%s: %v", tc.name, err)
				}
				jsonEqual(t, got, want)
			})
		}
	}
}

// TestClientRoundTripErrors: server errors reach the client as APIError
// with the server's own message.
func TestClientRoundTripErrors(t *testing.T) {
	t.Parallel()
	ts, bot := rtServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), wsTimeout)
	defer cancel()
	c := clientFor(t, ts.URL, apiclient.WithBasicAuth(testUser, testPass))
	bot.SetError("ForceExit", rpc.Errorf("invalid argument"))
	_, err := c.ForceExit(ctx, apiclient.ForceExitRequest{TradeID: "x"})
	var ae *apiclient.APIError
	if !errors.As(err, &ae) || ae.Status != http.StatusBadGateway || ae.Message != "Error querying /api/v1/forceexit: invalid argument" {
		t.Fatalf("force exit error %v", err)
	}
	_, err = c.Daily(ctx, -1) // the client sends no timescale: the server default applies
	if err != nil {
		t.Fatalf("daily: %v", err)
	}
	_, err = c.Raw(ctx, http.MethodGet, "/daily", url.Values{"timescale": {"0"}}, nil)
	if !errors.As(err, &ae) || ae.Status != http.StatusUnprocessableEntity || len(ae.Validation) != 1 || ae.Validation[0].Type != "greater_than_equal" {
		t.Fatalf("daily 0: %v", err)
	}
	bad := clientFor(t, ts.URL, apiclient.WithBasicAuth(testUser, "wrong"))
	if _, err := bad.Count(ctx); !errors.As(err, &ae) || ae.Status != http.StatusUnauthorized || ae.Message != "Unauthorized" {
		t.Fatalf("wrong password: %v", err)
	}
	badJWT := clientFor(t, ts.URL, apiclient.WithBasicAuth(testUser, "wrong"), apiclient.WithJWT())
	var authErr *apiclient.AuthError
	if _, err := badJWT.Count(ctx); !errors.As(err, &authErr) {
		t.Fatalf("wrong password with JWT: %v", err)
	}
}

// TestClientStreamRoundTrip: apiclient's Stream against the server's hub,
// with a ws_token and with an access JWT.
func TestClientStreamRoundTrip(t *testing.T) {
	t.Parallel()
	for name, opts := range map[string][]apiclient.Option{
		"ws_token": {apiclient.WithWSToken(testWS)},
		"jwt":      {apiclient.WithBasicAuth(testUser, testPass), apiclient.WithJWT()},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ts, bot := rtServer(t)
			ctx, cancel := context.WithTimeout(context.Background(), wsTimeout)
			defer cancel()
			st := clientFor(t, ts.URL, opts...).Stream(ctx, apiclient.StreamOptions{
				Types: []apiclient.MessageType{apiclient.MsgEntry, apiclient.MsgWhitelist}, Logs: true,
			})
			waitEvent(t, st, func(e apiclient.Event) bool { return e.Kind == apiclient.EventConnected })
			if err := st.RequestWhitelist(ctx); err != nil {
				t.Fatal(err)
			}
			waitEvent(t, st, func(e apiclient.Event) bool { _, ok := e.Msg.(apiclient.WhitelistMsg); return ok })
			publish(t, bot, statusMsg("not subscribed"))
			publish(t, bot, entryMsg(42))
			publish(t, bot, apiclient.LogMsg{Type: apiclient.MsgLog, Data: []apiclient.LogRow{{Message: "log line"}}})
			e := waitEvent(t, st, func(e apiclient.Event) bool { return e.Kind == apiclient.EventMessage })
			if m, ok := e.Msg.(apiclient.EntryMsg); !ok || m.TradeID != 42 {
				t.Fatalf("first message %+v", e.Msg)
			}
			e = waitEvent(t, st, func(e apiclient.Event) bool { return e.Kind == apiclient.EventMessage })
			if m, ok := e.Msg.(apiclient.LogMsg); !ok || m.Data[0].Message != "log line" {
				t.Fatalf("second message %+v", e.Msg)
			}
		})
	}
}

// waitEvent reads stream events until match, failing on timeout.
func waitEvent(t *testing.T, st *apiclient.Stream, match func(apiclient.Event) bool) apiclient.Event {
	t.Helper()
	timeout := time.After(wsTimeout)
	for {
		select {
		case e, ok := <-st.Events():
			if !ok {
				t.Fatal("stream closed")
			}
			if e.Kind == apiclient.EventAuthFailed || e.Kind == apiclient.EventBadFrame {
				t.Fatalf("stream event %v: %v", e.Kind, e.Err)
			}
			if match(e) {
				return e
			}
		case <-timeout:
			t.Fatal("timed out waiting for a stream event")
		}
	}
}
