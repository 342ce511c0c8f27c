package dryrun

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// heapAfterGC is the live heap after a full collection.
func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// TestMemoryStaysFlat runs the default bot on a file database for four
// days of its clock (a tick per candle, with the events drained as the
// server does) and checks that nothing it keeps grows with its history:
// only open trades stay in memory, the analyzed frames, logs and locks are
// bounded, and the live heap after the fourth day is within a small margin
// of the heap after the second, though the closed trades kept growing (in
// SQLite). The first two days fill the bounded buffers (an analyzed frame
// reaches its 2000 rows after 28 hours of 1m candles). It is not parallel,
// so no other test shares the heap while it measures.
func TestMemoryStaysFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("four days of candles take a few seconds")
	}
	ctx := context.Background()
	clock := newTestClock(wall)
	b, err := New(ctx, DefaultConfig(), WithDBPath(filepath.Join(t.TempDir(), "mem.sqlite")), WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	go func() {
		for range b.Events() {
		}
	}()
	day := func() {
		t.Helper()
		for range 24 * 60 {
			clock.add(time.Minute)
			if err := b.Tick(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	day()
	day()
	closedBefore, _ := b.db.CountClosedTrades(ctx)
	heapBefore := heapAfterGC()
	day()
	day()
	closedAfter, _ := b.db.CountClosedTrades(ctx)
	heapAfter := heapAfterGC()
	grown := int64(heapAfter) - int64(heapBefore)
	t.Logf("closed trades: %d after day 2, %d after day 4; live heap %d KiB after day 2, %d KiB after day 4 (%+d KiB)",
		closedBefore, closedAfter, heapBefore>>10, heapAfter>>10, grown>>10)
	if closedAfter-closedBefore < 100 {
		t.Fatalf("only %d trades closed in two days: the scenario is too quiet to show growth", closedAfter-closedBefore)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.open) > b.cfg.MaxOpenTrades || len(b.openBy) != len(b.open) || len(b.dirty) != 0 || len(b.closedBars) != 0 {
		t.Fatalf("in memory: %d open trades, %d by pair, %d dirty, %d unsaved candles", len(b.open), len(b.openBy), len(b.dirty), len(b.closedBars))
	}
	for p, d := range b.pairs {
		if d.frame.Len() > 2000 {
			t.Fatalf("%s keeps %d analyzed rows", p, d.frame.Len())
		}
	}
	if len(b.logs.rows) > logCapacity || len(b.logs.pending) > logKeep || len(b.locks) > len(b.pairs)+1 {
		t.Fatalf("%d log rows, %d pending, %d locks", len(b.logs.rows), len(b.logs.pending), len(b.locks))
	}
	// 256 KiB is far less than the closed trades would take in memory
	// (about 2 KiB each), and well above the collector's noise.
	if grown > 256<<10 {
		t.Fatalf("the live heap grew by %d KiB over two days (%d trades closed)", grown>>10, closedAfter-closedBefore)
	}
}
