package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "bot.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func p[T any](v T) *T { return &v }

var t0 = time.Date(2024, 5, 1, 12, 0, 0, 123456000, time.UTC)

func sampleTrade() *Trade {
	return &Trade{
		Exchange: "binance", Pair: "BTC/USDT", BaseCurrency: p("BTC"), StakeCurrency: p("USDT"),
		IsOpen: true, FeeOpen: 0.001, FeeClose: 0.001, OpenRate: 60000, OpenRateRequested: p(60000.0),
		OpenTradeValue: 100.1, StakeAmount: 100, Amount: 100.0 / 60000, AmountRequested: p(100.0 / 60000),
		OpenDate: t0, StopLoss: p(57000.0), StopLossPct: p(-0.05), Strategy: p("FreqdeckEmaRsi"),
		EnterTag: p("ema_cross"), Timeframe: p(5), TradingMode: p("SPOT"), Leverage: p(1.0),
		RecordVersion: 2,
		Orders: []*Order{{
			Side: "buy", Pair: "BTC/USDT", IsOpen: false, FtAmount: 100.0 / 60000, FtPrice: 60000,
			OrderID: "dry_run_buy_1", Status: p("closed"), Symbol: p("BTC/USDT"), OrderType: p("limit"),
			OrderSide: p("buy"), Price: p(60000.0), Average: p(60000.0), Amount: p(100.0 / 60000),
			Filled: p(100.0 / 60000), Remaining: p(0.0), Cost: p(100.0), OrderDate: p(t0),
			FilledDate: p(t0.Add(time.Minute)), Tag: p("ema_cross"),
		}},
	}
}

func saveTrade(t *testing.T, s *Store, tr *Trade) {
	t.Helper()
	err := s.Write(context.Background(), func(w *Writer) error {
		if err := w.InsertTrade(tr); err != nil {
			return err
		}
		for _, o := range tr.Orders {
			if err := w.InsertOrder(o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenAppliesDurabilityPragmas(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	ctx := context.Background()
	var mode string
	var sync, busy int
	db := s.DB()
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" || sync != 2 || busy <= 0 {
		t.Fatalf("journal_mode=%s synchronous=%d busy_timeout=%d, want wal, 2 (FULL), > 0", mode, sync, busy)
	}
	if v, err := s.Version(ctx); err != nil || v != SchemaVersion {
		t.Fatalf("version = %d, %v; want %d", v, err, SchemaVersion)
	}
}

func TestTradeRoundTrip(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	ctx := context.Background()
	tr := sampleTrade()
	saveTrade(t, s, tr)
	if tr.ID == 0 || tr.Orders[0].ID == 0 || tr.Orders[0].TradeID != tr.ID {
		t.Fatalf("ids not set: trade %d order %d/%d", tr.ID, tr.Orders[0].ID, tr.Orders[0].TradeID)
	}

	closeAt := t0.Add(2 * time.Hour)
	tr.IsOpen, tr.CloseDate, tr.CloseRate, tr.ExitReason = false, &closeAt, p(61000.0), p("roi")
	tr.CloseProfit, tr.CloseProfitAbs = p(0.0146), p(1.46)
	err := s.Write(ctx, func(w *Writer) error { return w.UpdateTrade(tr) })
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Trades(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d trades", len(got))
	}
	g := got[0]
	if g.Pair != "BTC/USDT" || g.IsOpen || !g.OpenDate.Equal(t0) || g.CloseDate == nil || !g.CloseDate.Equal(closeAt) {
		t.Fatalf("trade fields: %+v", g)
	}
	if *g.ExitReason != "roi" || *g.CloseProfitAbs != 1.46 || *g.Timeframe != 5 || g.BaseCurrency == nil || *g.BaseCurrency != "BTC" {
		t.Fatalf("nullable fields: exit %v profit %v tf %v", *g.ExitReason, *g.CloseProfitAbs, *g.Timeframe)
	}
	if g.MinRate != nil || g.LiquidationPrice != nil {
		t.Fatal("NULL columns must read as nil")
	}
	if len(g.Orders) != 1 || g.Orders[0].OrderID != "dry_run_buy_1" || !g.Orders[0].FilledDate.Equal(t0.Add(time.Minute)) {
		t.Fatalf("orders: %+v", g.Orders)
	}
	open, err := s.Trades(ctx, true)
	if err != nil || len(open) != 0 {
		t.Fatalf("open trades = %d, %v; want 0", len(open), err)
	}
	if err := s.Write(ctx, func(w *Writer) error { return w.DeleteTrade(tr.ID) }); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Trades(ctx, false); len(got) != 0 {
		t.Fatal("trade not deleted")
	}
	if n, _ := s.MaxOrderID(ctx); n != 0 {
		t.Fatalf("orders left: max id %d", n)
	}
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	ctx := context.Background()
	tr := sampleTrade()
	saveTrade(t, s, tr)
	dup := sampleTrade() // same (ft_pair, order_id): violates the unique constraint
	err := s.Write(ctx, func(w *Writer) error {
		if err := w.InsertTrade(dup); err != nil {
			return err
		}
		return w.InsertOrder(dup.Orders[0])
	})
	if err == nil {
		t.Fatal("duplicate order id accepted")
	}
	got, _ := s.Trades(ctx, false)
	if len(got) != 1 {
		t.Fatalf("rolled-back trade is visible: %d trades", len(got))
	}
}

func TestLocksAndKeyValues(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	ctx := context.Background()
	active := &Lock{Pair: "ETH/USDT", Side: "*", Reason: p("cooldown"), LockTime: t0, LockEndTime: t0.Add(time.Hour), Active: true}
	expired := &Lock{Pair: "*", Side: "*", LockTime: t0, LockEndTime: t0.Add(time.Minute), Active: true}
	err := s.Write(ctx, func(w *Writer) error {
		if err := w.InsertLock(active); err != nil {
			return err
		}
		if err := w.InsertLock(expired); err != nil {
			return err
		}
		return w.SetKV(KV{Key: KeyBotStartTime, Type: "datetime", Datetime: p(t0)})
	})
	if err != nil {
		t.Fatal(err)
	}
	now := t0.Add(10 * time.Minute)
	locks, err := s.Locks(ctx, now)
	if err != nil || len(locks) != 1 || locks[0].ID != active.ID || *locks[0].Reason != "cooldown" {
		t.Fatalf("active locks = %+v, %v", locks, err)
	}
	active.Active = false
	if err := s.Write(ctx, func(w *Writer) error { return w.UpdateLock(active) }); err != nil {
		t.Fatal(err)
	}
	if locks, _ := s.Locks(ctx, now); len(locks) != 0 {
		t.Fatalf("deactivated lock still active: %+v", locks)
	}
	if all, _ := s.Locks(ctx, time.Time{}); len(all) != 2 {
		t.Fatalf("all locks = %d, want 2", len(all))
	}

	later := t0.Add(time.Hour)
	if err := s.Write(ctx, func(w *Writer) error {
		return w.SetKV(KV{Key: KeyBotStartTime, Type: "datetime", Datetime: &later})
	}); err != nil {
		t.Fatal(err)
	}
	kv, err := s.KV(ctx, KeyBotStartTime)
	if err != nil || kv == nil || !kv.Datetime.Equal(later) {
		t.Fatalf("kv = %+v, %v", kv, err)
	}
	if kv, err := s.KV(ctx, "missing"); kv != nil || err != nil {
		t.Fatalf("missing key = %+v, %v", kv, err)
	}
}

func TestCustomData(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	ctx := context.Background()
	tr := sampleTrade()
	saveTrade(t, s, tr)
	err := s.Write(ctx, func(w *Writer) error {
		for _, c := range []*CustomData{
			{TradeID: tr.ID, Key: "Note", Type: "str", Value: "hi", CreatedAt: t0},
			{TradeID: tr.ID, Key: "count", Type: "int", Value: "3", CreatedAt: t0, UpdatedAt: p(t0.Add(time.Hour))},
		} {
			if err := w.InsertCustomData(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.CustomData(ctx, tr.ID, "")
	if err != nil || len(all) != 2 || all[1].UpdatedAt == nil || !all[1].UpdatedAt.Equal(t0.Add(time.Hour)) {
		t.Fatalf("custom data = %+v, %v", all, err)
	}
	one, _ := s.CustomData(ctx, tr.ID, "NOTE")
	if len(one) != 1 || one[0].Value != "hi" {
		t.Fatalf("key lookup is not case-insensitive: %+v", one)
	}
	if err := s.Write(ctx, func(w *Writer) error { return w.DeleteTrade(tr.ID) }); err != nil {
		t.Fatal(err)
	}
	if left, _ := s.CustomData(ctx, tr.ID, ""); len(left) != 0 {
		t.Fatal("custom data outlived its trade")
	}
}

func TestReopenKeepsDataAndSchema(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "bot.sqlite")
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	saveTrade(t, s, sampleTrade())
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Trades(ctx, true)
	if err != nil || len(got) != 1 || len(got[0].Orders) != 1 {
		t.Fatalf("after reopen: %d trades, %v", len(got), err)
	}
}

func TestMemoryDatabase(t *testing.T) {
	t.Parallel()
	s, err := Open(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	saveTrade(t, s, sampleTrade())
	got, err := s.Trades(context.Background(), false)
	if err != nil || len(got) != 1 {
		t.Fatalf("in-memory trades = %d, %v", len(got), err)
	}
}
