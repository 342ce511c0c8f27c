package market

import (
	"math"
	"testing"
	"time"
)

func TestSimulatedMarketIsDeterministic(t *testing.T) {
	t.Parallel()
	pairs := []string{"BTC/USDT", "ETH/USDT", "NEW/USDT"}
	start := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	a := NewSim(pairs, 42, 5*time.Minute, start)
	b := NewSim(pairs, 42, 5*time.Minute, start)
	c := NewSim(pairs, 43, 5*time.Minute, start)
	wa, wb := a.Warmup(50), b.Warmup(50)
	if len(wa["BTC/USDT"]) != 50 || !wa["BTC/USDT"][49].Date.Equal(start.Add(-5*time.Minute)) {
		t.Fatalf("warmup: %d candles, last %v", len(wa["BTC/USDT"]), wa["BTC/USDT"][49].Date)
	}
	if wa["ETH/USDT"][10] != wb["ETH/USDT"][10] {
		t.Fatal("warmup differs for the same seed")
	}
	c.Warmup(50)
	differs := false
	for i := range 500 {
		da, ca, _ := a.Next()
		_, cb, _ := b.Next()
		_, cc, _ := c.Next()
		if !da.Equal(start.Add(time.Duration(i) * 5 * time.Minute)) {
			t.Fatalf("candle %d opens at %v", i, da)
		}
		for _, p := range pairs {
			if ca[p] != cb[p] {
				t.Fatalf("seed 42 differs at candle %d for %s", i, p)
			}
			if ca[p] != cc[p] {
				differs = true
			}
			k := ca[p]
			if k.Low > math.Min(k.Open, k.Close) || k.High < math.Max(k.Open, k.Close) || k.Low <= 0 || k.Volume <= 0 {
				t.Fatalf("bad candle %+v", k)
			}
		}
	}
	if !differs {
		t.Fatal("seeds 42 and 43 gave the same market")
	}
}
