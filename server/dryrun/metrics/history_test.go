package metrics

import (
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/server/store"
)

func TestWalletHistoryThinsLongHistories(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	var closed []store.ClosedProfitPoint
	for i := range 100 {
		closed = append(closed, store.ClosedProfitPoint{CloseDate: t0.Add(time.Duration(i+1) * time.Minute), Profit: 1})
	}
	h := WalletHistory(1000, t0, closed, t0.Add(3*time.Hour), 1234, 10)
	if h.Length != 10 || len(h.Data) != 10 || h.Columns[1] != "__date_ts" || h.Columns[2] != "total_quote" {
		t.Fatalf("%d rows, columns %v", h.Length, h.Columns)
	}
	first, last := h.Data[0], h.Data[9]
	if first[0] != "2024-05-01 00:00:00+00:00" || first[2] != 1000.0 || last[2] != 1234.0 || *h.CaptureStartTS != first[1] {
		t.Fatalf("first %v, last %v", first, last)
	}
	for i := 1; i < len(h.Data); i++ {
		if h.Data[i][1].(int64) <= h.Data[i-1][1].(int64) {
			t.Fatalf("rows out of order at %d", i)
		}
	}
}
