package tui

import (
	"slices"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes/panestest"
)

func ids(ts []apiclient.RawTrade) []int {
	out := make([]int, len(ts))
	for i, t := range ts {
		out[i] = t.TradeID
	}
	return out
}

// TestMergeClosed: pages join newest close first, a trade seen again
// replaces its copy, and the slice the panes hold never changes.
func TestMergeClosed(t *testing.T) {
	t.Parallel()
	all := panestest.ClosedTrades(10, fixedClock()) // ids 10..1
	first := mergeClosed(nil, all[:4])
	second := mergeClosed(first, all[4:8])
	if !slices.Equal(ids(second), []int{10, 9, 8, 7, 6, 5, 4, 3}) || !slices.Equal(ids(first), []int{10, 9, 8, 7}) {
		t.Fatalf("pages: %v (first %v)", ids(second), ids(first))
	}
	// Trades closed since: the first page again, overlapping what is known.
	newer := panestest.ClosedTrade(11, fixedClock().Add(time.Minute))
	changed := all[0]
	changed.ExitReason = apiclient.Ptr("changed")
	held := slices.Clone(second)
	third := mergeClosed(second, []apiclient.RawTrade{newer, changed, all[1], all[2]})
	if !slices.Equal(ids(third), []int{11, 10, 9, 8, 7, 6, 5, 4, 3}) || apiclient.Deref(third[1].ExitReason) != "changed" {
		t.Fatalf("refresh: %v", ids(third))
	}
	for i := range held {
		if apiclient.Deref(second[i].ExitReason) != apiclient.Deref(held[i].ExitReason) || second[i].TradeID != held[i].TradeID {
			t.Fatalf("the held slice changed at %d", i)
		}
	}
	// An out-of-order page (a trade deleted in between shifted the pages)
	// still sorts.
	mixed := mergeClosed(third, []apiclient.RawTrade{all[9], all[8]})
	if !slices.Equal(ids(mixed), []int{11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}) {
		t.Fatalf("mixed: %v", ids(mixed))
	}
}
