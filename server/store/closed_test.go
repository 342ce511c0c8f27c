package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// closedTrade is sampleTrade closed at close with profit abs.
func closedTrade(pair string, close time.Time, abs float64) *Trade {
	tr := sampleTrade()
	tr.Pair, tr.IsOpen, tr.CloseDate, tr.CloseProfitAbs, tr.CloseProfit = pair, false, &close, p(abs), p(abs/100)
	tr.Orders[0].Pair, tr.Orders[0].OrderID = pair, fmt.Sprintf("dry_run_buy_%s_%d", pair, close.Unix())
	return tr
}

func TestTradeIDsAreNeverReused(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "bot.sqlite")
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	first, second := sampleTrade(), closedTrade("ETH/USDT", t0, 1)
	saveTrade(t, s, first)
	saveTrade(t, s, second)
	if err := s.Write(ctx, func(w *Writer) error { return w.DeleteTrade(second.ID) }); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	// The deleted trade held the largest ids; a new trade after a restart
	// still gets new ones.
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	third := closedTrade("SOL/USDT", t0, 2)
	saveTrade(t, s, third)
	if third.ID != second.ID+1 || third.Orders[0].ID != second.Orders[0].ID+1 {
		t.Fatalf("ids after deleting trade %d (order %d): trade %d, order %d",
			second.ID, second.Orders[0].ID, third.ID, third.Orders[0].ID)
	}
}

func TestClosedTradesArePaged(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	ctx := context.Background()
	saveTrade(t, s, sampleTrade()) // open: never listed
	// Ids 2..6, closed in the order 6, 5, 4, 3, 2 (newest close: id 2).
	for i := range 5 {
		saveTrade(t, s, closedTrade(fmt.Sprintf("P%d/USDT", i), t0.Add(time.Duration(5-i)*time.Hour), float64(i)))
	}
	ids := func(ts []*Trade) []int {
		var out []int
		for _, tr := range ts {
			if len(tr.Orders) != 1 || tr.Orders[0].TradeID != tr.ID {
				t.Fatalf("trade %d has %d orders", tr.ID, len(tr.Orders))
			}
			out = append(out, tr.ID)
		}
		return out
	}
	page, err := s.ClosedTrades(ctx, ClosedQuery{Offset: 1, Limit: 2})
	if err != nil || fmt.Sprint(ids(page)) != "[3 4]" {
		t.Fatalf("by id, offset 1, limit 2: %v, %v", ids(page), err)
	}
	page, _ = s.ClosedTrades(ctx, ClosedQuery{ByCloseDate: true, Limit: 3})
	if fmt.Sprint(ids(page)) != "[2 3 4]" {
		t.Fatalf("by close date: %v", ids(page))
	}
	page, _ = s.ClosedTrades(ctx, ClosedQuery{Since: t0.Add(3 * time.Hour)})
	if fmt.Sprint(ids(page)) != "[2 3]" {
		t.Fatalf("closed after 3h: %v", ids(page))
	}
	n, _ := s.CountClosedTrades(ctx)
	sum, _ := s.ClosedProfit(ctx)
	pts, _ := s.ClosedProfits(ctx)
	if n != 5 || sum != 10 || len(pts) != 5 || pts[0].Profit != 4 || !pts[0].CloseDate.Equal(t0.Add(time.Hour)) {
		t.Fatalf("count %d, sum %v, points %+v", n, sum, pts)
	}
	if tr, err := s.Trade(ctx, 4); err != nil || tr == nil || tr.Pair != "P2/USDT" || len(tr.Orders) != 1 {
		t.Fatalf("trade 4: %+v, %v", tr, err)
	}
	if tr, err := s.Trade(ctx, 99); err != nil || tr != nil {
		t.Fatalf("trade 99: %+v, %v", tr, err)
	}
	if first, ok, err := s.FirstOpenDate(ctx); err != nil || !ok || !first.Equal(t0) {
		t.Fatalf("first open date %v %v %v", first, ok, err)
	}
}

func TestMarketStateAndCandles(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	ctx := context.Background()
	err := s.Write(ctx, func(w *Writer) error {
		var cs []PairCandle
		for i := range 5 {
			c := Candle{Date: t0.Truncate(time.Minute).Add(time.Duration(i) * time.Minute), Open: 1, High: 2, Low: 0.5, Close: float64(i), Volume: 3}
			cs = append(cs, PairCandle{Pair: "BTC/USDT", Candle: c})
		}
		if err := w.AddCandles("1m", cs); err != nil {
			return err
		}
		if err := w.SetMarketStates(map[string]string{"BTC/USDT": "old", "ETH/USDT": "eth"}); err != nil {
			return err
		}
		return w.SetMarketStates(map[string]string{"BTC/USDT": `{"price":1}`})
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Candles(ctx, "BTC/USDT", "1m", 3)
	if err != nil || len(got) != 3 || got[0].Close != 2 || got[2].Close != 4 {
		t.Fatalf("newest 3 candles: %+v, %v", got, err)
	}
	if other, _ := s.Candles(ctx, "BTC/USDT", "5m", 3); len(other) != 0 {
		t.Fatalf("another timeframe's candles: %+v", other)
	}
	if err := s.Write(ctx, func(w *Writer) error { return w.TrimCandles("1m", got[1].Date) }); err != nil {
		t.Fatal(err)
	}
	if left, _ := s.Candles(ctx, "BTC/USDT", "1m", 10); len(left) != 2 {
		t.Fatalf("after the trim: %d candles", len(left))
	}
	if st, err := s.MarketStates(ctx); err != nil || len(st) != 2 || st["BTC/USDT"] != `{"price":1}` || st["ETH/USDT"] != "eth" {
		t.Fatalf("market state %v, %v", st, err)
	}
}

func TestRaiseTradeRatesOnlyWidens(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	ctx := context.Background()
	tr := sampleTrade() // stop_loss 57000 (-5 %), no max or min rate yet
	saveTrade(t, s, tr)
	raise := func(r TradeRates) {
		t.Helper()
		if err := s.Write(ctx, func(w *Writer) error { return w.RaiseTradeRates([]TradeRates{r}) }); err != nil {
			t.Fatal(err)
		}
	}
	raise(TradeRates{ID: tr.ID, MaxRate: p(61000.0), MinRate: p(59000.0), StopLoss: p(57950.0), StopLossPct: p(-0.05), IsStopLossTrailing: true})
	// An older write arriving late: narrower rates, a lower stop.
	raise(TradeRates{ID: tr.ID, MaxRate: p(60500.0), MinRate: p(59500.0), StopLoss: p(57000.0), StopLossPct: p(-0.03)})
	raise(TradeRates{ID: 999, MaxRate: p(1.0)}) // a trade that is gone: skipped
	got, _ := s.Trade(ctx, tr.ID)
	if *got.MaxRate != 61000 || *got.MinRate != 59000 || *got.StopLoss != 57950 || *got.StopLossPct != -0.05 || !got.IsStopLossTrailing {
		t.Fatalf("rates after a late narrower write: max %v min %v stop %v (%v) trailing %v",
			*got.MaxRate, *got.MinRate, *got.StopLoss, *got.StopLossPct, got.IsStopLossTrailing)
	}
}

func TestCandlesOfManyPairsShareARow(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	ctx := context.Background()
	at := t0.Truncate(time.Minute)
	save := func(cs ...PairCandle) {
		t.Helper()
		if err := s.Write(ctx, func(w *Writer) error { return w.AddCandles("1m", cs) }); err != nil {
			t.Fatal(err)
		}
	}
	save(PairCandle{"BTC/USDT", Candle{Date: at, Open: 1, High: 2, Low: 0.5, Close: 1.5, Volume: 9}},
		PairCandle{"ETH/USDT", Candle{Date: at, Close: 7}})
	save(PairCandle{"SOL/USDT", Candle{Date: at, Close: 3}}, PairCandle{"ETH/USDT", Candle{Date: at, Close: 8}}) // joins the row
	var n int
	if err := s.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM "+tableCandles).Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d rows, %v; want one for the candle time", n, err)
	}
	btc, _ := s.Candles(ctx, "BTC/USDT", "1m", 5)
	eth, _ := s.Candles(ctx, "ETH/USDT", "1m", 5)
	sol, _ := s.Candles(ctx, "SOL/USDT", "1m", 5)
	none, _ := s.Candles(ctx, "XRP/USDT", "1m", 5)
	if len(btc) != 1 || btc[0] != (Candle{Date: at, Open: 1, High: 2, Low: 0.5, Close: 1.5, Volume: 9}) ||
		len(eth) != 1 || eth[0].Close != 8 || len(sol) != 1 || len(none) != 0 {
		t.Fatalf("btc %+v eth %+v sol %+v xrp %+v", btc, eth, sol, none)
	}
}
