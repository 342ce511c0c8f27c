package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// TestClosedKeyFollowsClosedTrades: the key changes when a trade closes or
// a closed trade is deleted, and not when an open trade changes.
func TestClosedKeyFollowsClosedTrades(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "bot.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	key := func() ClosedKey {
		t.Helper()
		k, err := s.ClosedKey(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	empty := key()
	open := sampleTrade()
	saveTrade(t, s, open)
	if k := key(); k != empty {
		t.Fatalf("an open trade changed the key: %+v, was %+v", k, empty)
	}
	saveTrade(t, s, closedTrade("ETH/USDT", t0, 1))
	one := key()
	if one == empty || one.Count != 1 {
		t.Fatalf("a closed trade: key %+v", one)
	}
	open.CloseRate = p(101.0)
	if err := s.Write(ctx, func(w *Writer) error { return w.UpdateTrade(open) }); err != nil {
		t.Fatal(err)
	}
	if k := key(); k != one {
		t.Fatalf("an open trade's update changed the key: %+v, was %+v", k, one)
	}
	closeAt := t0.Add(time.Hour)
	open.IsOpen, open.CloseDate, open.CloseProfitAbs = false, &closeAt, p(2.0)
	if err := s.Write(ctx, func(w *Writer) error { return w.UpdateTrade(open) }); err != nil {
		t.Fatal(err)
	}
	two := key()
	if two == one || two.Count != 2 {
		t.Fatalf("a trade closed: key %+v, was %+v", two, one)
	}
	if err := s.Write(ctx, func(w *Writer) error { return w.DeleteTrade(open.ID) }); err != nil {
		t.Fatal(err)
	}
	if k := key(); k == two || k.Count != 1 {
		t.Fatalf("a closed trade deleted: key %+v, was %+v", k, two)
	}
}
