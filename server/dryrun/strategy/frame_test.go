package strategy

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
)

var params = Params{EMAFast: 3, EMASlow: 5, RSIPeriod: 3, RSIBuy: 35, RSIEntryMax: 70, RSIExit: 75,
	TagCross: "cross", TagRebound: "rebound"}

func TestFrameTrimsAndKeepsIndexes(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	f := NewFrame("A/USDT", params)
	if f.Last() != nil || f.Len() != 0 {
		t.Fatal("a new frame is not empty")
	}
	for i := range 2100 {
		p := 100 + 10*math.Sin(float64(i)/7)
		date := t0.Add(time.Duration(i) * 5 * time.Minute)
		f.Add(market.Candle{Date: date, Open: p, High: p, Low: p, Close: p}, date.Add(5*time.Minute))
	}
	// The 2001st row trims the frame back to 1500 rows: 1600 are left,
	// and the first kept row is row 500 of the dataframe.
	rows, first := f.Tail(0)
	if f.Len() != 1600 || len(rows) != 1600 || first != 500 {
		t.Fatalf("%d rows from index %d", len(rows), first)
	}
	if rows, first := f.Tail(10); len(rows) != 10 || first != 2090 || rows[9] != *f.Last() {
		t.Fatalf("tail: %d rows from index %d", len(rows), first)
	}
	entries, exits := 0, 0
	for _, r := range rows {
		if r.EnterLong {
			entries++
		}
		if r.ExitLong {
			exits++
		}
		if r.EnterLong && r.ExitLong {
			t.Fatal("a row both enters and exits")
		}
	}
	if entries == 0 || exits == 0 {
		t.Fatalf("a sine wave gave %d entries and %d exits", entries, exits)
	}
	g := f.Reanalyze(Params{EMAFast: 4, EMASlow: 9, RSIPeriod: 5, RSIBuy: 30, RSIEntryMax: 70, RSIExit: 80}, 5*time.Minute)
	if _, gFirst := g.Tail(0); g.Len() != f.Len() || gFirst != 500 || !g.LastAnalyzed().Equal(f.LastAnalyzed()) ||
		g.Pair() != "A/USDT" || g.Last().EMAFast == f.Last().EMAFast {
		t.Fatalf("reanalyzed: %d rows from %d, analyzed %v", g.Len(), gFirst, g.LastAnalyzed())
	}
}

// TestSnapshotStaysAsTaken: a snapshot reads the same rows, index,
// analysis time and provisional row after the frame goes on, through a
// trim, while another goroutine reads it (go test -race checks the
// sharing).
func TestSnapshotStaysAsTaken(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	f := NewFrame("A/USDT", params)
	add := func(i int) {
		p := 100 + 10*math.Sin(float64(i)/7)
		date := t0.Add(time.Duration(i) * 5 * time.Minute)
		f.Add(market.Candle{Date: date, Open: p, High: p, Low: p, Close: p}, date.Add(5*time.Minute))
	}
	for i := range 1990 {
		add(i)
	}
	snap := f.Snapshot()
	live := market.Candle{Date: t0.Add(1990 * 5 * time.Minute), Open: 90, High: 90, Low: 90, Close: 90}
	wantDF, wantProv := snap.AnalyzedDF("5m", 0), snap.Provisional(live)
	done := make(chan apiclient.AnalyzedDF)
	go func() {
		for range 20 {
			snap.AnalyzedDF("5m", 50)
		}
		done <- snap.AnalyzedDF("5m", 0)
	}()
	for i := 1990; i < 2100; i++ { // trims at 2000
		add(i)
	}
	got := <-done
	if !reflect.DeepEqual(got, wantDF) || !reflect.DeepEqual(snap.AnalyzedDF("5m", 0), wantDF) {
		t.Fatal("the snapshot's analyzed frame changed as the frame went on")
	}
	if snap.Provisional(live) != wantProv || snap.Len() != 1990 || f.Len() != 1600 {
		t.Fatalf("provisional row or lengths changed: snapshot %d rows, frame %d", snap.Len(), f.Len())
	}
}
