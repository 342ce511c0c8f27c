package dryrun

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSimulatedMarketIsDeterministic(t *testing.T) {
	t.Parallel()
	pairs := []string{"BTC/USDT", "ETH/USDT", "NEW/USDT"}
	start := wall
	a := newSimMarket(pairs, 42, 5*time.Minute, start)
	b := newSimMarket(pairs, 42, 5*time.Minute, start)
	c := newSimMarket(pairs, 43, 5*time.Minute, start)
	wa, wb := a.warmup(50), b.warmup(50)
	if len(wa["BTC/USDT"]) != 50 || !wa["BTC/USDT"][49].Date.Equal(start.Add(-5*time.Minute)) {
		t.Fatalf("warmup: %d candles, last %v", len(wa["BTC/USDT"]), wa["BTC/USDT"][49].Date)
	}
	if wa["ETH/USDT"][10] != wb["ETH/USDT"][10] {
		t.Fatal("warmup differs for the same seed")
	}
	c.warmup(50)
	differs := false
	for i := range 500 {
		da, ca, _ := a.next()
		_, cb, _ := b.next()
		_, cc, _ := c.next()
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

func writeOHLCV(t *testing.T, dir, name string, rows string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(rows), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestReplayMarket(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	t0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	var rows []string
	for i := range 40 {
		ms := t0 + int64(i)*300000
		p := 100 + float64(i)
		rows = append(rows, "["+itoa(ms)+","+ftoa(p)+","+ftoa(p+2)+","+ftoa(p-1)+","+ftoa(p+1)+",5]")
	}
	writeOHLCV(t, dir, "BTC_USDT-5m.json", "["+strings.Join(rows, ",")+"]")
	writeOHLCV(t, dir, "ETH_USDT-5m.json", "[["+itoa(t0+10*300000)+",10,11,9,10.5,1]]")

	cfg := testConfig()
	cfg.Pairs = []string{"BTC/USDT", "ETH/USDT"}
	cfg.Market = Market{Mode: "replay", DataDir: dir, Speed: 1, WarmupCandles: 5}
	ctx := context.Background()
	b, err := New(ctx, cfg, WithClock(fixedClock))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if !b.now.Equal(time.UnixMilli(t0 + 5*300000).UTC()) {
		t.Fatalf("after 5 warmup candles the bot clock is %v", b.now)
	}
	steps := 0
	for ; steps < 100 && !b.exhaust; steps++ {
		if err := b.Step(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if steps != 36 { // 35 candles left, then one step that finds none
		t.Fatalf("replay took %d steps", steps)
	}
	ph, err := b.PairCandles(ctx, pairCandles("BTC/USDT", 0))
	if err != nil || ph.Length != 40 || ph.Data[39][4] != 140.0 || ph.DataStartTS != t0 {
		t.Fatalf("pair candles: length %d last close %v start %d, %v", ph.Length, ph.Data[39][4], ph.DataStartTS, err)
	}
	if eth, _ := b.PairCandles(ctx, pairCandles("ETH/USDT", 0)); eth.Length != 1 {
		t.Fatalf("ETH candles %d, want 1", eth.Length)
	}
}

func TestReplayMissingFileNamesIt(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeOHLCV(t, dir, "BTC_USDT-5m.json", "[[1672531200000,1,1,1,1,1]]")
	cfg := testConfig()
	cfg.Pairs = []string{"BTC/USDT", "ETH/USDT"}
	cfg.Market = Market{Mode: "replay", DataDir: dir, Speed: 1}
	_, err := New(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "ETH_USDT-5m.json")) {
		t.Fatalf("error %v, want it to name ETH_USDT-5m.json", err)
	}
	writeOHLCV(t, dir, "ETH_USDT-5m.json", "[[1,2,3]]")
	if _, err := New(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "row 0 has 3 values") {
		t.Fatalf("short row: %v", err)
	}
}

func TestIndicators(t *testing.T) {
	t.Parallel()
	e := newEMA(3)
	var got []float64
	for _, x := range []float64{1, 2, 3, 4, 6} {
		got = append(got, e.update(x))
	}
	// Seeded with SMA(1,2,3) = 2, then alpha = 0.5.
	if !math.IsNaN(got[1]) || got[2] != 2 || got[3] != 3 || got[4] != 4.5 {
		t.Fatalf("ema %v", got)
	}
	r := newRSI(2)
	var rs []float64
	for _, x := range []float64{1, 2, 1, 2, 3} {
		rs = append(rs, r.update(x))
	}
	// Changes +1, -1: averages 0.5/0.5 → 50; then +1: gain (0.5+1)/2, loss 0.25 → 75.
	if !math.IsNaN(rs[1]) || rs[2] != 50 || rs[3] != 75 || !(rs[4] > 75) {
		t.Fatalf("rsi %v", rs)
	}
	up := newRSI(3)
	var last float64
	for i := range 10 {
		last = up.update(float64(i))
	}
	if last != 100 {
		t.Fatalf("rsi of a steady rise = %v, want 100", last)
	}
}
