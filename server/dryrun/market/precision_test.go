package market

import (
	"strconv"
	"testing"
	"time"
)

func TestPrecision(t *testing.T) {
	t.Parallel()
	btc := PrecisionFor(60000)
	if btc.Tick != 0.1 || btc.Step != 1e-05 {
		t.Fatalf("BTC precision %+v", btc)
	}
	doge := PrecisionFor(0.15)
	if doge.Tick != 1e-06 || doge.Step != 1 {
		t.Fatalf("DOGE precision %+v", doge)
	}
	sol := PrecisionFor(110.8)
	for in, want := range map[float64]string{110.81200000000001: "110.812", 110.8125: "110.813", 0.1 + 0.2: "0.3"} {
		if got := strconv.FormatFloat(sol.Price(in), 'f', -1, 64); got != want {
			t.Errorf("price %v: %s, want %s", in, got, want)
		}
	}
	for in, want := range map[float64]string{1.99999: "1.999", 0.1 + 0.2: "0.3", 2.0004: "2"} {
		if got := strconv.FormatFloat(sol.Amount(in), 'f', -1, 64); got != want {
			t.Errorf("amount %v: %s, want %s", in, got, want)
		}
	}
	if got := Clean(221.624 / 2); got != 110.812 {
		t.Errorf("Clean: %v", got)
	}
}

func TestCandleGrid(t *testing.T) {
	t.Parallel()
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	if n := NextCandle(at, 5*time.Minute); !n.Equal(at.Add(5 * time.Minute)) {
		t.Fatalf("next candle after a boundary: %v", n)
	}
	if s := CandleStart(at.Add(-time.Millisecond), 5*time.Minute); !s.Equal(at.Add(-5 * time.Minute)) {
		t.Fatalf("candle start %v", s)
	}
	// Weekly candles sit on the epoch's grid (Thursdays), as ccxt rounds.
	if w := CandleStart(at, 7*24*time.Hour); w.Weekday() != time.Thursday {
		t.Fatalf("weekly candle opens on %v", w.Weekday())
	}
}
