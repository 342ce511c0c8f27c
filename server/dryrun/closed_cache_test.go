package dryrun

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/store"
)

// TestClosedCache: the statistics' closed trades are read again once a
// trade closed, and what a caller does to its copies never reaches the
// next caller.
func TestClosedCache(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "bot.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.Date(2026, 12, 5, 8, 0, 0, 0, time.UTC)
	closeOne := func(pair string, abs float64) {
		t.Helper()
		tr := &store.Trade{Exchange: "binance", Pair: pair, OpenRate: 100, StakeAmount: 100, Amount: 1, OpenDate: at,
			CloseDate: apiclient.Ptr(at.Add(time.Hour)), CloseProfitAbs: &abs, RecordVersion: 2}
		if err := db.Write(ctx, func(w *store.Writer) error { return w.InsertTrade(tr) }); err != nil {
			t.Fatal(err)
		}
	}
	var c closedCache
	closeOne("BTC/USDT", 1.5)
	first, err := c.get(ctx, db)
	if err != nil || len(first) != 1 {
		t.Fatalf("first read: %d trades, %v", len(first), err)
	}
	first[0].Pair = "changed by a caller"
	again, err := c.get(ctx, db)
	if err != nil || len(again) != 1 || again[0].Pair != "BTC/USDT" {
		t.Fatalf("second read: %+v, %v", again, err)
	}
	closeOne("ETH/USDT", -0.5)
	after, err := c.get(ctx, db)
	if err != nil || len(after) != 2 || after[1].Pair != "ETH/USDT" {
		t.Fatalf("after a close: %d trades, %v", len(after), err)
	}
}
