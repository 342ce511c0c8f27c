package dryrun

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// TestDefaultConfigIsLively runs the default config on the wall clock,
// ticking every second as Run does, from a few start times within a
// minute: a trade is open within 10 s and one has closed within 3 minutes.
func TestDefaultConfigIsLively(t *testing.T) {
	t.Parallel()
	for _, off := range []time.Duration{0, 17 * time.Second, 45*time.Second + 500*time.Millisecond} {
		clock := newTestClock(wall.Add(off))
		b, err := New(context.Background(), DefaultConfig(), WithClock(clock.now))
		if err != nil {
			t.Fatal(err)
		}
		open, closed := time.Duration(-1), time.Duration(-1)
		for s := time.Duration(0); s <= 3*time.Minute && closed < 0; s += time.Second {
			if s > 0 {
				clock.add(time.Second)
			}
			if err := b.Tick(context.Background()); err != nil {
				t.Fatal(err)
			}
			for len(b.events) > 0 {
				switch m := <-b.events; {
				case m.MessageType() == apiclient.MsgEntryFill && open < 0:
					open = s
				case m.MessageType() == apiclient.MsgExitFill && closed < 0 && m.(apiclient.ExitMsg).IsFinalExit:
					closed = s
				}
			}
		}
		_ = b.Close()
		t.Logf("start at +%v: first entry after %v, first closed trade after %v", off, open, closed)
		if open < 0 || open > 10*time.Second || closed < 0 {
			t.Errorf("start at +%v: first entry after %v, first exit after %v; want an entry within 10s and an exit within 3m",
				off, open, closed)
		}
	}
}

func TestLogBufferTrimsLikeFreqtrade(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	h.b.mu.Lock()
	h.b.logs = logRing{}
	for i := range 999 {
		h.b.logf(levelInfo, logBot, "line %d", i)
	}
	h.b.mu.Unlock()
	logs, _ := h.b.Logs(h.ctx, 0)
	if logs.LogCount != 999 {
		t.Fatalf("%d rows before the buffer fills", logs.LogCount)
	}
	h.b.mu.Lock()
	h.b.logf(levelWarning, logWorker, "line 999")
	h.b.mu.Unlock()
	logs, _ = h.b.Logs(h.ctx, 0)
	if logs.LogCount != 500 || logs.Logs[0].Message != "line 500" || logs.Logs[499].Message != "line 999" {
		t.Fatalf("after filling: %d rows, first %q", logs.LogCount, logs.Logs[0].Message)
	}
	last, _ := h.b.Logs(h.ctx, 2)
	r := last.Logs[1]
	want := wall.Local().Format("2006-01-02 15:04:05")
	if last.LogCount != 2 || last.Logs[0].Message != "line 998" || r.Level != "WARNING" || r.Logger != logWorker ||
		r.Date != want || r.Timestamp != float64(wall.UnixMilli()) {
		t.Fatalf("limit 2: %+v", last)
	}
}

func TestLogsArePushedInBatches(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	h.drain()
	h.got = nil
	h.step(map[string]float64{"AAA/USDT": 100})
	h.forceEnter("AAA/USDT")
	batches := h.find(apiclient.MsgLog)
	if len(batches) != 2 {
		t.Fatalf("%d log batches, want one per iteration and one per action", len(batches))
	}
	rows := batches[1].(apiclient.LogMsg).Data
	if len(rows) < 2 || !strings.HasPrefix(rows[0].Message, "Force entry on AAA/USDT") {
		t.Fatalf("action batch %+v", rows)
	}
}

func TestEventsNeverBlockTheBot(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := newTestClock(wall)
	b, err := New(ctx, DefaultConfig(), WithEventBuffer(8), WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for range 50 { // nobody reads Events
		clock.add(b.tf)
		if err := b.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if b.Dropped() == 0 || len(b.events) != 8 {
		t.Fatalf("dropped %d, queued %d", b.Dropped(), len(b.events))
	}
}

func TestRestartResumesTradesAndLocks(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "bot.sqlite")
	cfg := testConfig()
	cfg.OrderTypes.ForceEntry = "limit"
	h := newHarness(t, cfg, WithDBPath(db))
	h.step(map[string]float64{"AAA/USDT": 100, "BBB/USDT": 100})
	filledTrade := h.forceEnter("BBB/USDT")
	h.step(map[string]float64{"AAA/USDT": 100, "BBB/USDT": 99}) // fills the BBB limit at 100
	pending, err := h.b.ForceEnter(h.ctx, apiclient.ForceEnterRequest{Pair: "AAA/USDT", Price: apiclient.Ptr(90.0)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.b.AddLocks(h.ctx, []rpc.LockSpec{{Pair: "XRP/USDT", Side: "long", Until: wall.Add(time.Hour), Reason: "keep"}}); err != nil {
		t.Fatal(err)
	}
	before, _ := h.b.Status(h.ctx)
	if err := h.b.Close(); err != nil {
		t.Fatal(err)
	}

	h2 := newHarnessAt(t, cfg, h.clock.now().Add(time.Minute), WithDBPath(db))
	after, _ := h2.b.Status(h2.ctx)
	if len(after) != 2 || after[0].TradeID != filledTrade.TradeID || after[1].TradeID != pending.Trade.TradeID {
		t.Fatalf("resumed %d trades", len(after))
	}
	if after[0].OpenRate != before[0].OpenRate || after[0].Amount != before[0].Amount || !after[1].HasOpenOrders {
		t.Fatalf("resumed trades differ: %+v", after)
	}
	locks, _ := h2.b.Locks(h2.ctx)
	if locks.LockCount != 1 || locks.Locks[0].Pair != "XRP/USDT" || locks.Locks[0].Side != "long" {
		t.Fatalf("resumed locks %+v", locks)
	}
	if !h2.b.now.Equal(h.clock.now().Add(time.Minute)) {
		t.Fatalf("the bot clock is at %v after the restart, not on the wall clock", h2.b.now)
	}
	// The resumed pending entry keeps working: it fills when crossed.
	h2.step(map[string]float64{"AAA/USDT": 89, "BBB/USDT": 100})
	if got := h2.trade(pending.Trade.TradeID); got.NrOfSuccessfulEntries != 1 || got.OpenRate != 90 {
		t.Fatalf("resumed order: entries %d rate %v", got.NrOfSuccessfulEntries, got.OpenRate)
	}
	if hl, _ := h2.b.Health(h2.ctx); hl.BotStart == nil || hl.BotStart.Time.After(apiclient.FromMillis(filledTrade.OpenTimestamp)) {
		t.Fatalf("bot_start %v", hl.BotStart)
	}
}

func TestRunAnnouncesTradesAndStops(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	cfg.Market.Speed = 300000 // a candle per millisecond
	b, err := New(context.Background(), cfg, WithVersion("1.2.3"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()

	var first []apiclient.Message
	timeout := time.After(20 * time.Second)
	for filled := false; !filled; {
		select {
		case m := <-b.Events():
			if len(first) < 3 {
				first = append(first, m)
			}
			filled = m.MessageType() == apiclient.MsgExitFill
		case <-timeout:
			t.Fatal("no exit within 20 s")
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return")
	}
	w, ok := first[0].(apiclient.StatusMsg)
	if !ok || w.Type != apiclient.MsgWarning || w.Status != "Dry run is enabled. All trades are simulated." {
		t.Fatalf("first message %+v", first[0])
	}
	if s, ok := first[1].(apiclient.StatusMsg); !ok || s.Type != apiclient.MsgWarning || !strings.Contains(s.Status, "future dates") {
		t.Fatalf("second message %+v, want the speed warning", first[1])
	}
	if s, ok := first[2].(apiclient.StatusMsg); !ok || s.Type != apiclient.MsgStartup {
		t.Fatalf("third message %+v", first[2])
	}
	if err := b.Tick(context.Background()); err != errClosed {
		t.Fatalf("step after Run: %v", err)
	}
	sc, _ := b.ShowConfig(context.Background())
	if sc.Version != "1.2.3" || sc.Runmode != "dry_run" || !sc.DryRun || sc.StakeAmount != "unlimited" {
		t.Fatalf("show_config %+v", sc)
	}
}

func TestCandlesAndInfo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg := DefaultConfig()
	cfg.Timeframe = "5m"
	cfg.Market.WarmupCandles = 60
	b, err := New(ctx, cfg, WithClock(fixedClock))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	limit := 10
	ph, err := b.PairCandles(ctx, apiclient.PairCandlesRequest{Pair: "BTC/USDT", Timeframe: "5m", Limit: &limit})
	if err != nil || ph.Length != 10 || len(ph.Columns) != len(ph.Data[0]) || ph.Columns[len(ph.Columns)-5] != "__date_ts" {
		t.Fatalf("pair candles: %+v, %v", ph.Columns, err)
	}
	if ph.Strategy != StrategyName || ph.TimeframeMs != 300000 || ph.LastAnalyzedTS == 0 || !strings.HasSuffix(ph.DataStart, "+00:00") {
		t.Fatalf("pair candles header %+v", ph)
	}
	sel, _ := b.PairCandles(ctx, apiclient.PairCandlesRequest{Pair: "BTC/USDT", Timeframe: "5m", Limit: &limit, Columns: []string{"rsi"}})
	if strings.Contains(strings.Join(sel.Columns, ","), "ema_fast") || !strings.Contains(strings.Join(sel.Columns, ","), "rsi") {
		t.Fatalf("column selection %v", sel.Columns)
	}
	empty, _ := b.PairCandles(ctx, apiclient.PairCandlesRequest{Pair: "NOPE/USDT", Timeframe: "5m"})
	if empty.Length != 0 || empty.DataStart != "" || len(empty.Data) != 0 {
		t.Fatalf("unknown pair %+v", empty)
	}
	// Another timeframe: an empty frame with that timeframe's length, as
	// freqtrade answers.
	hour, _ := b.PairCandles(ctx, apiclient.PairCandlesRequest{Pair: "BTC/USDT", Timeframe: "1h"})
	if hour.Length != 0 || hour.Timeframe != "1h" || hour.TimeframeMs != 3600000 {
		t.Fatalf("another timeframe: %s, %d ms, %d rows", hour.Timeframe, hour.TimeframeMs, hour.Length)
	}
	if month, _ := b.PairCandles(ctx, apiclient.PairCandlesRequest{Pair: "BTC/USDT", Timeframe: "1M"}); month.TimeframeMs != 30*24*3600000 {
		t.Fatalf("1M: %d ms, want ccxt's 30 days", month.TimeframeMs)
	}
	var invalid *rpc.HTTPError
	if _, err := b.PairCandles(ctx, apiclient.PairCandlesRequest{Pair: "BTC/USDT", Timeframe: "7x"}); !errors.As(err, &invalid) ||
		invalid.Status != 400 || !strings.HasPrefix(invalid.Detail, "timeframe: ") {
		t.Fatalf("timeframe 7x: %v, want an rpc.Invalid naming timeframe", err)
	}
	dfs, _ := b.AnalyzedDF(ctx, "", 5)
	if len(dfs) != len(cfg.Pairs) || len(dfs[0].DF.Data) != 5 || dfs[0].DF.Index[4] != 59 {
		t.Fatalf("analyzed_df: %d frames", len(dfs))
	}
	m, _ := b.Markets(ctx, apiclient.MarketsQuery{Base: "ETH"})
	if len(m.Markets) != 1 || m.Markets["ETH/USDT"].Quote != "USDT" || m.ExchangeID != "binance" {
		t.Fatalf("markets %+v", m)
	}
	if _, err := b.Strategy(ctx, "Other"); err == nil {
		t.Fatal("another strategy was served")
	}
	s, err := b.Strategy(ctx, StrategyName)
	if err != nil || !strings.Contains(s.Code, "EMA(5)") {
		t.Fatalf("strategy %+v, %v", s, err)
	}
	pc, _ := b.PlotConfig(ctx, "")
	if _, ok := pc.MainPlot["ema_fast"]; !ok || pc.Subplots["RSI"]["rsi"] == nil {
		t.Fatalf("plot config %+v", pc)
	}
}

func ExampleNew() {
	ctx := context.Background()
	bot, err := New(ctx, DefaultConfig(), WithDBPath(""))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer bot.Close()
	sc, _ := bot.ShowConfig(ctx)
	fmt.Println(sc.State, sc.Runmode, sc.StakeCurrency)
	// Output: running dry_run USDT
}

// TestUnfilledTimeoutCountsWallTime restarts the bot with an unfilled
// entry order in its database: restarted 4 minutes after the order, the
// bot keeps it through its first candle; restarted 12 minutes after, it
// cancels it at its first price (unfilledtimeout: 10 minutes of wall time)
// and removes its trade, whose id is never handed out again.
func TestUnfilledTimeoutCountsWallTime(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "bot.sqlite")
	cfg := testConfig()
	h := newHarness(t, cfg, WithDBPath(db))
	h.step(map[string]float64{"AAA/USDT": 100})
	res, err := h.b.ForceEnter(h.ctx, apiclient.ForceEnterRequest{Pair: "AAA/USDT", OrderType: apiclient.Ptr("limit"), Price: apiclient.Ptr(90.0)})
	if err != nil || !res.Trade.HasOpenOrders {
		t.Fatalf("limit entry: %+v, %v", res.Trade, err)
	}
	placed := h.clock.now()
	_ = h.b.Close()

	for _, after := range []time.Duration{4 * time.Minute, 12 * time.Minute} {
		r := newHarnessAt(t, cfg, placed.Add(after), WithDBPath(db))
		r.step(map[string]float64{"AAA/USDT": 100})
		_, err := r.b.Trade(r.ctx, res.Trade.TradeID)
		cancels := r.find(apiclient.MsgEntryCancel)
		switch {
		case after < 10*time.Minute && (err != nil || len(cancels) != 0):
			t.Fatalf("%v after the order: trade %v, cancels %+v; want it kept", after, err, cancels)
		case after > 10*time.Minute && (err == nil || len(cancels) != 1 || cancels[0].(apiclient.EntryCancelMsg).Reason != reasonTimeout):
			t.Fatalf("%v after the order: trade %v, cancels %+v; want it cancelled by the timeout", after, err, cancels)
		}
		if after > 10*time.Minute {
			if next := r.forceEnter("AAA/USDT"); next.TradeID <= res.Trade.TradeID {
				t.Fatalf("trade id %d handed out again after trade %d was removed", next.TradeID, res.Trade.TradeID)
			}
		}
		_ = r.b.Close()
	}
}

// TestRestartContinuesTheMarket restarts the default bot on its database
// (Close, then New two seconds later): the candles before are the same, the
// candle in progress keeps its open, high and low, and the price goes on
// from where it was (a couple of one-second steps away), not from the
// seed's history again.
func TestRestartContinuesTheMarket(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "bot.sqlite")
	clock := newTestClock(wall.Add(7 * time.Second))
	b, err := New(ctx, DefaultConfig(), WithDBPath(db), WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	for range 10*60 + 20 { // ten minutes and twenty seconds, a tick a second
		clock.add(time.Second)
		if err := b.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := b.PairCandles(ctx, apiclient.PairCandlesRequest{Pair: "AVAX/USDT", Timeframe: "1m", Limit: apiclient.Ptr(5)})
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	clock.add(2 * time.Second)
	r, err := New(ctx, DefaultConfig(), WithDBPath(db), WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	after, _ := r.PairCandles(ctx, apiclient.PairCandlesRequest{Pair: "AVAX/USDT", Timeframe: "1m", Limit: apiclient.Ptr(5)})
	if len(before.Data) != 5 || len(after.Data) != 5 {
		t.Fatalf("%d and %d rows", len(before.Data), len(after.Data))
	}
	for i := range 4 { // the closed candles: the same
		for c := range 6 {
			if before.Data[i][c] != after.Data[i][c] {
				t.Fatalf("closed candle %d column %d: %v before the restart, %v after", i, c, before.Data[i][c], after.Data[i][c])
			}
		}
	}
	live0, live1 := before.Data[4], after.Data[4]
	if live0[0] != live1[0] || live0[1] != live1[1] || live1[2].(float64) < live0[2].(float64) || live1[3].(float64) > live0[3].(float64) {
		t.Fatalf("the candle in progress: %v before the restart, %v after", live0[:5], live1[:5])
	}
	if p0, p1 := live0[4].(float64), live1[4].(float64); math.Abs(p1/p0-1) > 0.01 {
		t.Fatalf("the price jumped from %v to %v over a restart", p0, p1)
	}
}
