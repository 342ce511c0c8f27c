package dryrun

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

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
	clock := newTestClock(wall)
	b, err := New(ctx, cfg, WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	// The files are shifted onto the wall clock: their 5 warmup candles
	// end where the wall clock is.
	warm, _ := b.PairCandles(ctx, pairCandles("BTC/USDT", 0))
	if !b.now.Equal(wall) || warm.Length != 5 || warm.DataStopTS != wall.Add(-5*time.Minute).UnixMilli() {
		t.Fatalf("after 5 warmup candles: bot clock %v, %d candles up to %d", b.now, warm.Length, warm.DataStopTS)
	}
	steps := 0
	for ; steps < 100 && !b.exhaust; steps++ {
		clock.add(5 * time.Minute)
		if err := b.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if steps != 35 { // the 35 candles left
		t.Fatalf("replay took %d steps", steps)
	}
	ph, err := b.PairCandles(ctx, pairCandles("BTC/USDT", 0))
	if err != nil || ph.Length != 40 || ph.Data[39][4] != 140.0 || ph.DataStartTS != wall.Add(-25*time.Minute).UnixMilli() {
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
