package dryrun

import (
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/dryrun/strategy"
	"github.com/freqdeck/freqdeck/server/store"
)

// TestExitSignalAfterOpen: an exit signal on a candle that closed before
// the trade opened (the one a force entry lands on) does not close it; the
// signal of the next candle does.
func TestExitSignalAfterOpen(t *testing.T) {
	opened := time.Date(2026, 12, 5, 12, 0, 30, 0, time.UTC)
	tr := &store.Trade{OpenDate: opened, OpenRate: 100, Amount: 1}
	row := func(start time.Time) *strategy.Row {
		return &strategy.Row{Candle: market.Candle{Date: start, Close: 100}, ExitLong: true}
	}
	now := opened.Add(time.Second)
	if got := exitReason(tr, 100, row(opened.Truncate(time.Minute).Add(-time.Minute)), time.Minute, now, nil); got != "" {
		t.Fatalf("the signal of the candle closed at 12:00 exits a trade opened at 12:00:30: %q", got)
	}
	now = opened.Add(time.Minute)
	if got := exitReason(tr, 100, row(opened.Truncate(time.Minute)), time.Minute, now, nil); got != exitSignal {
		t.Fatalf("the signal of the candle closed at 12:01: %q, want %q", got, exitSignal)
	}
}
