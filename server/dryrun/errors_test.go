package dryrun

import (
	"errors"
	"net/http"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

func TestForceEnterErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		setup func(*Config)
		prep  func(*harness)
		req   apiclient.ForceEnterRequest
		want  string
	}{
		{"disabled", func(c *Config) { c.ForceEntryEnable = false }, nil,
			apiclient.ForceEnterRequest{Pair: "AAA/USDT"}, "Force_entry not enabled."},
		{"stopped", nil, func(h *harness) { _, _ = h.b.Stop(h.ctx) },
			apiclient.ForceEnterRequest{Pair: "AAA/USDT"}, "trader is not running"},
		{"short", nil, nil, apiclient.ForceEnterRequest{Pair: "AAA/USDT", Side: "short"}, "Can't go short on Spot markets."},
		{"unknown pair", nil, nil, apiclient.ForceEnterRequest{Pair: "ZZZ/USDT"}, "Symbol does not exist or market is not active."},
		// A pair in another quote cannot be configured: add its market
		// behind the config's back to reach the check.
		{"wrong quote", nil, func(h *harness) { h.b.pairs["AAA/BTC"] = newPairData("AAA/BTC", h.b.cfg.Strategy) },
			apiclient.ForceEnterRequest{Pair: "AAA/BTC"}, "Wrong pair selected. Only pairs with stake-currency USDT allowed."},
		{"already open", nil, func(h *harness) { h.forceEnter("AAA/USDT") },
			apiclient.ForceEnterRequest{Pair: "AAA/USDT"}, "position for AAA/USDT already open - id: 1"},
		{"open order", func(c *Config) { c.OrderTypes.ForceEntry = "limit" }, func(h *harness) {
			_, _ = h.b.ForceEnter(h.ctx, apiclient.ForceEnterRequest{Pair: "AAA/USDT", Price: apiclient.Ptr(50.0)})
		}, apiclient.ForceEnterRequest{Pair: "AAA/USDT"}, "position for AAA/USDT already open - id: 1 and has open order dry_run_buy_1"},
		{"max trades", func(c *Config) { c.MaxOpenTrades = 1 }, func(h *harness) { h.forceEnter("BBB/USDT") },
			apiclient.ForceEnterRequest{Pair: "AAA/USDT"}, "Maximum number of trades is reached."},
		{"own stake too small", func(c *Config) { c.StakeAmount = FixedStake(1) }, nil, apiclient.ForceEnterRequest{Pair: "AAA/USDT"},
			"Failed to enter position for AAA/USDT."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			cfg := testConfig()
			if c.setup != nil {
				c.setup(&cfg)
			}
			h := newHarness(t, cfg)
			h.step(map[string]float64{"AAA/USDT": 100, "BBB/USDT": 100})
			if c.prep != nil {
				c.prep(h)
			}
			_, err := h.b.ForceEnter(h.ctx, c.req)
			if got := rpcMsg(err); got != c.want {
				t.Fatalf("error %q (%v), want %q", got, err, c.want)
			}
		})
	}
}

func TestForceExitErrors(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	h.step(map[string]float64{"AAA/USDT": 100})
	tr := h.forceEnter("AAA/USDT")
	for _, id := range []apiclient.TradeRef{"abc", "99", ""} {
		_, err := h.b.ForceExit(h.ctx, apiclient.ForceExitRequest{TradeID: id})
		if rpcMsg(err) != "invalid argument" {
			t.Fatalf("tradeid %q: %v, want invalid argument", id, err)
		}
	}
	res, err := h.b.ForceExit(h.ctx, apiclient.ForceExitRequest{TradeID: apiclient.AllTrades})
	if err != nil || res.Result != "Created exit orders for all open trades." {
		t.Fatalf("all: %+v, %v", res, err)
	}
	_, err = h.b.ForceExit(h.ctx, apiclient.ForceExitRequest{TradeID: apiclient.TradeRefID(tr.TradeID)})
	if rpcMsg(err) != "invalid argument" {
		t.Fatalf("exiting a closed trade: %v", err)
	}
}

func TestForceExitOfUnfilledEntryFails(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.OrderTypes.ForceEntry = "limit"
	h := newHarness(t, cfg)
	h.step(map[string]float64{"AAA/USDT": 100})
	res, err := h.b.ForceEnter(h.ctx, apiclient.ForceEnterRequest{Pair: "AAA/USDT", Price: apiclient.Ptr(50.0)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = h.b.ForceExit(h.ctx, apiclient.ForceExitRequest{TradeID: apiclient.TradeRefID(res.Trade.TradeID)})
	if rpcMsg(err) != "Failed to exit trade." {
		t.Fatalf("got %v", err)
	}
	if _, err := h.b.Trade(h.ctx, res.Trade.TradeID); err == nil {
		t.Fatal("the cancelled entry's trade still exists")
	}
	if c := h.find(apiclient.MsgEntryCancel); len(c) != 1 || c[0].(apiclient.EntryCancelMsg).Reason != "forcesold" {
		t.Fatalf("entry_cancel: %+v", c)
	}
}

func TestTradeRouteErrors(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	h.step(map[string]float64{"AAA/USDT": 100})
	var he *rpc.HTTPError
	if _, err := h.b.Trade(h.ctx, 7); !errors.As(err, &he) || he.Status != http.StatusNotFound || he.Detail != "Trade not found." {
		t.Fatalf("trade 7: %v", err)
	}
	if _, err := h.b.DeleteTrade(h.ctx, 7); rpcMsg(err) != "Trade with id '7' not found." {
		t.Fatalf("delete 7: %v", err)
	}
	if _, err := h.b.ReloadTrade(h.ctx, 7); rpcMsg(err) != "Could not find trade with id 7." {
		t.Fatalf("reload 7: %v", err)
	}
	if _, err := h.b.CancelOpenOrder(h.ctx, 7); rpcMsg(err) != "Invalid trade_id." {
		t.Fatalf("cancel 7: %v", err)
	}
	tr := h.forceEnter("AAA/USDT")
	if _, err := h.b.CancelOpenOrder(h.ctx, tr.TradeID); rpcMsg(err) != "No open order for trade_id." {
		t.Fatalf("cancel without open order: %v", err)
	}
	if _, err := h.b.TradeCustomData(h.ctx, tr.TradeID, ""); !errors.As(err, &he) || he.Detail != "No custom-data found for Trade ID: 1." {
		t.Fatalf("custom data: %v", err)
	}
	if _, err := h.b.OpenTradesCustomData(h.ctx, apiclient.CustomDataQuery{Key: "x"}); !errors.As(err, &he) ||
		he.Detail != "No custom-data with key 'x' found for any open trades." {
		t.Fatalf("open custom data: %v", err)
	}
	del, err := h.b.DeleteTrade(h.ctx, tr.TradeID)
	if err != nil || del.ResultMsg != "Deleted trade #1 for pair AAA/USDT. Closed 0 open orders." || del.Result != "success" {
		t.Fatalf("delete: %+v, %v", del, err)
	}
	if _, err := h.b.OpenTradesCustomData(h.ctx, apiclient.CustomDataQuery{}); !errors.As(err, &he) || he.Detail != "No open trades found." {
		t.Fatalf("no open trades: %v", err)
	}
}

func TestCancelOpenOrder(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.OrderTypes.ForceEntry = "limit"
	cfg.OrderTypes.Exit = "limit"
	h := newHarness(t, cfg)
	h.step(map[string]float64{"AAA/USDT": 100, "BBB/USDT": 100})
	res, _ := h.b.ForceEnter(h.ctx, apiclient.ForceEnterRequest{Pair: "AAA/USDT", Price: apiclient.Ptr(50.0)})
	if _, err := h.b.CancelOpenOrder(h.ctx, res.Trade.TradeID); rpcMsg(err) != "no active trade" {
		t.Fatalf("cancelling the only entry order: %v", err)
	}
	if c := h.find(apiclient.MsgEntryCancel); len(c) != 1 || c[0].(apiclient.EntryCancelMsg).Reason != "user requested order cancel" {
		t.Fatalf("entry_cancel: %+v", c)
	}
	mk, err := h.b.ForceEnter(h.ctx, apiclient.ForceEnterRequest{Pair: "BBB/USDT", OrderType: apiclient.Ptr("market")})
	if err != nil {
		t.Fatal(err)
	}
	tr := mk.Trade
	// A limit exit above the price waits for it.
	ex := apiclient.ForceExitRequest{TradeID: apiclient.TradeRefID(tr.TradeID), OrderType: apiclient.Ptr("limit"), Price: apiclient.Ptr(106.0)}
	if _, err := h.b.ForceExit(h.ctx, ex); err != nil {
		t.Fatal(err)
	}
	if !h.trade(tr.TradeID).HasOpenOrders {
		t.Fatal("no open exit order")
	}
	got, err := h.b.CancelOpenOrder(h.ctx, tr.TradeID)
	if err != nil || got.HasOpenOrders || !got.IsOpen || got.ExitReason != nil {
		t.Fatalf("after cancelling the exit: %+v, %v", got.Trade.TradeCore, err)
	}
}

func TestForceEnterStakeIsCappedAtTheWallet(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	h.step(map[string]float64{"AAA/USDT": 100})
	res, err := h.b.ForceEnter(h.ctx, apiclient.ForceEnterRequest{Pair: "AAA/USDT", StakeAmount: apiclient.Ptr(5000.0)})
	if err != nil || res.Trade.StakeAmount != 1000 {
		t.Fatalf("stake %v, %v; want the whole 1000 wallet", res.Trade, err)
	}
	bal, _ := h.b.Balance(h.ctx)
	if bal.Currencies[0].Free < 0 {
		t.Fatalf("free balance went negative: %v", bal.Currencies[0].Free)
	}
}
