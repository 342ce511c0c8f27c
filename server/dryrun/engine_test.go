package dryrun

import (
	"testing"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/metrics"
)

func TestEntryThenROIExit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	h.step(map[string]float64{"AAA/USDT": 100})
	tr := h.forceEnter("AAA/USDT")
	if tr.Amount != 1 || tr.OpenRate != 100 || !tr.IsOpen || tr.NrOfSuccessfulEntries != 1 {
		t.Fatalf("entry: amount %v rate %v open %v entries %d", tr.Amount, tr.OpenRate, tr.IsOpen, tr.NrOfSuccessfulEntries)
	}
	if *tr.EnterTag != "force_entry" || *tr.StopLossAbs != 95 {
		t.Fatalf("entry tag %q stop %v", *tr.EnterTag, *tr.StopLossAbs)
	}
	h.step(map[string]float64{"AAA/USDT": 103}) // 2.6 % after fees: below the 4 % ROI
	if !h.trade(tr.TradeID).IsOpen {
		t.Fatal("exited below the ROI")
	}
	h.step(map[string]float64{"AAA/USDT": 105})
	got := h.trade(tr.TradeID)
	if got.IsOpen || *got.ExitReason != "roi" || *got.CloseRate != 105 {
		t.Fatalf("after 105: open %v reason %v rate %v", got.IsOpen, got.ExitReason, got.CloseRate)
	}
	// freqtrade: close value 1*105*(1-0.001), open value 1*100*(1+0.001).
	if !near(*got.CloseProfitAbs, 4.795) || !near(*got.CloseProfit, metrics.Round8(4.795/100.1)) {
		t.Fatalf("profit abs %v ratio %v", *got.CloseProfitAbs, *got.CloseProfit)
	}
	want := []apiclient.MessageType{apiclient.MsgEntry, apiclient.MsgEntryFill, apiclient.MsgExit, apiclient.MsgExitFill}
	if typ := h.types(); !equalTypes(typ, want) {
		t.Fatalf("events %v, want %v", typ, want)
	}
	rows, err := h.b.db.Trades(h.ctx, false)
	if err != nil || len(rows) != 1 || rows[0].IsOpen || len(rows[0].Orders) != 2 {
		t.Fatalf("stored: %d trades, %v", len(rows), err)
	}
}

func TestEntryThenStoploss(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	h.step(map[string]float64{"AAA/USDT": 100})
	tr := h.forceEnter("AAA/USDT")
	h.step(map[string]float64{"AAA/USDT": 96})
	h.step(map[string]float64{"AAA/USDT": 94})
	got := h.trade(tr.TradeID)
	if got.IsOpen || *got.ExitReason != "stop_loss" || *got.CloseRate != 94 {
		t.Fatalf("open %v reason %v rate %v", got.IsOpen, apiclient.Deref(got.ExitReason), apiclient.Deref(got.CloseRate))
	}
	if *got.CloseProfitAbs >= 0 || *got.MinRate != 94 || *got.MaxRate != 100 {
		t.Fatalf("profit %v min %v max %v", *got.CloseProfitAbs, *got.MinRate, *got.MaxRate)
	}
}

func TestTrailingStoploss(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.TrailingStop = true
	cfg.MinimalROI = map[string]float64{"0": 1} // out of reach
	h := newHarness(t, cfg)
	h.step(map[string]float64{"AAA/USDT": 100})
	tr := h.forceEnter("AAA/USDT")
	h.step(map[string]float64{"AAA/USDT": 120})
	if got := h.trade(tr.TradeID); *got.StopLossAbs != 114 || *got.InitialStopLossAbs != 95 {
		t.Fatalf("stop %v initial %v, want 114 and 95", *got.StopLossAbs, *got.InitialStopLossAbs)
	}
	h.step(map[string]float64{"AAA/USDT": 113})
	got := h.trade(tr.TradeID)
	if got.IsOpen || *got.ExitReason != "trailing_stop_loss" || *got.CloseProfitAbs <= 0 {
		t.Fatalf("open %v reason %v profit %v", got.IsOpen, apiclient.Deref(got.ExitReason), apiclient.Deref(got.CloseProfitAbs))
	}
}

func TestPartialThenFullForceExit(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.MinimalROI = map[string]float64{"0": 1}
	h := newHarness(t, cfg)
	h.step(map[string]float64{"AAA/USDT": 100})
	tr := h.forceEnter("AAA/USDT")
	h.step(map[string]float64{"AAA/USDT": 110})
	h.types()

	_, err := h.b.ForceExit(h.ctx, apiclient.ForceExitRequest{TradeID: apiclient.TradeRefID(tr.TradeID), Amount: apiclient.Ptr(0.99)})
	if msg := rpcMsg(err); len(msg) < 20 || msg[:20] != "Remaining amount of " {
		t.Fatalf("too-small partial exit: %v", err)
	}
	res, err := h.b.ForceExit(h.ctx, apiclient.ForceExitRequest{TradeID: apiclient.TradeRefID(tr.TradeID), Amount: apiclient.Ptr(0.4)})
	if err != nil || res.Result != "Created exit order for trade 1." {
		t.Fatalf("partial exit: %+v, %v", res, err)
	}
	got := h.trade(tr.TradeID)
	realized := metrics.Round8(0.4*110*0.999 - 0.4*100*1.001)
	if !got.IsOpen || !near(got.Amount, 0.6) || !near(got.RealizedProfit, realized) || got.NrOfSuccessfulExits != 1 {
		t.Fatalf("after partial: open %v amount %v realized %v (want %v)", got.IsOpen, got.Amount, got.RealizedProfit, realized)
	}
	fills := h.find(apiclient.MsgExitFill)
	if len(fills) != 1 || !fills[0].(apiclient.ExitMsg).SubTrade || fills[0].(apiclient.ExitMsg).IsFinalExit {
		t.Fatalf("partial exit_fill: %+v", fills)
	}
	h.got = nil

	h.step(map[string]float64{"AAA/USDT": 120})
	if _, err := h.b.ForceExit(h.ctx, apiclient.ForceExitRequest{TradeID: apiclient.TradeRefID(tr.TradeID)}); err != nil {
		t.Fatal(err)
	}
	got = h.trade(tr.TradeID)
	final := metrics.Round8(0.6*120*0.999 - 0.6*100*1.001)
	total := metrics.Round8(realized + final)
	if got.IsOpen || *got.ExitReason != "force_exit" || !near(*got.CloseProfitAbs, total) {
		t.Fatalf("after full exit: open %v reason %v profit %v (want %v)", got.IsOpen, apiclient.Deref(got.ExitReason), apiclient.Deref(got.CloseProfitAbs), total)
	}
	if !near(*got.CloseProfit, metrics.Round8(total/100.1)) {
		t.Fatalf("close_profit %v, want %v", *got.CloseProfit, metrics.Round8(total/100.1))
	}
	last := h.find(apiclient.MsgExitFill)
	if len(last) != 1 || !last[0].(apiclient.ExitMsg).IsFinalExit || !near(last[0].(apiclient.ExitMsg).CumulativeProfit, total) {
		t.Fatalf("final exit_fill: %+v", last)
	}
}

func TestLimitOrdersFillWhenCrossedAndTimeOut(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.OrderTypes.ForceEntry = "limit"
	h := newHarness(t, cfg)
	h.step(map[string]float64{"AAA/USDT": 100, "BBB/USDT": 50})
	a, err := h.b.ForceEnter(h.ctx, apiclient.ForceEnterRequest{Pair: "AAA/USDT", Price: apiclient.Ptr(95.0)})
	if err != nil || !a.Trade.HasOpenOrders || a.Trade.NrOfSuccessfulEntries != 0 {
		t.Fatalf("limit entry: %+v, %v", a.Trade, err)
	}
	b, err := h.b.ForceEnter(h.ctx, apiclient.ForceEnterRequest{Pair: "BBB/USDT", Price: apiclient.Ptr(40.0)})
	if err != nil {
		t.Fatal(err)
	}
	h.step(map[string]float64{"AAA/USDT": 97, "BBB/USDT": 50})
	if h.trade(a.Trade.TradeID).NrOfSuccessfulEntries != 0 {
		t.Fatal("filled before the price crossed")
	}
	h.types()
	h.step(map[string]float64{"AAA/USDT": 94, "BBB/USDT": 50}) // 10 minutes: BBB's order times out
	got := h.trade(a.Trade.TradeID)
	if got.NrOfSuccessfulEntries != 1 || got.OpenRate != 95 || got.HasOpenOrders {
		t.Fatalf("crossed limit: entries %d rate %v", got.NrOfSuccessfulEntries, got.OpenRate)
	}
	if _, err := h.b.Trade(h.ctx, b.Trade.TradeID); err == nil {
		t.Fatal("timed-out entry left its trade behind")
	}
	cancels := h.find(apiclient.MsgEntryCancel)
	if len(cancels) != 1 || cancels[0].(apiclient.EntryCancelMsg).Reason != "cancelled due to timeout" {
		t.Fatalf("entry_cancel: %+v", cancels)
	}
}

func TestExitTimeoutCancelsAndRetries(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.OrderTypes.Exit = "limit"
	h := newHarness(t, cfg)
	h.step(map[string]float64{"AAA/USDT": 100})
	tr := h.forceEnter("AAA/USDT")
	// A limit exit above the price stays open...
	ex := apiclient.ForceExitRequest{TradeID: apiclient.TradeRefID(tr.TradeID), OrderType: apiclient.Ptr("limit"), Price: apiclient.Ptr(104.0)}
	if _, err := h.b.ForceExit(h.ctx, ex); err != nil {
		t.Fatal(err)
	}
	h.step(map[string]float64{"AAA/USDT": 101})
	if !h.trade(tr.TradeID).HasOpenOrders {
		t.Fatal("no open exit order")
	}
	h.step(map[string]float64{"AAA/USDT": 101}) // ...until it times out, 10 minutes later
	cancels := h.find(apiclient.MsgExitCancel)
	if len(cancels) != 1 || apiclient.Deref(cancels[0].(apiclient.ExitCancelMsg).ExitReason) != "force_exit" {
		t.Fatalf("exit_cancel: %+v", cancels)
	}
	if got := h.trade(tr.TradeID); got.HasOpenOrders || !got.IsOpen {
		t.Fatalf("after the timeout: open orders %v, open %v", got.HasOpenOrders, got.IsOpen)
	}
	// The ROI exit that follows is a limit order at the price: it crosses
	// and fills at once.
	h.step(map[string]float64{"AAA/USDT": 107})
	if got := h.trade(tr.TradeID); got.IsOpen || *got.ExitReason != "roi" || *got.CloseRate != 107 {
		t.Fatalf("retried exit: open %v reason %v rate %v", got.IsOpen, apiclient.Deref(got.ExitReason), apiclient.Deref(got.CloseRate))
	}
}
