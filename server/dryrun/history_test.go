package dryrun

import (
	"encoding/json"
	"slices"
	"testing"
	"time"
)

// TestHistoricBalanceAsFreqUIReadsIt reads /historic_balance the way
// FreqUI's WalletHistoryChart does: the "__date_ts" and "total_quote"
// columns by name, the first row as the starting balance, and
// capture_start_ts against the first row's date.
func TestHistoricBalanceAsFreqUIReadsIt(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	h.step(map[string]float64{"AAA/USDT": 100, "BBB/USDT": 100})
	h.forceEnter("AAA/USDT")
	h.forceEnter("BBB/USDT")
	h.step(map[string]float64{"AAA/USDT": 105, "BBB/USDT": 96}) // AAA exits by ROI
	h.step(map[string]float64{"AAA/USDT": 105, "BBB/USDT": 94}) // BBB by its stoploss
	h.forceEnter("AAA/USDT")                                    // open: valued at the current rate
	h.step(map[string]float64{"AAA/USDT": 102, "BBB/USDT": 94})
	h.clock.add(30 * time.Second)

	hist, err := h.b.HistoricBalance(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(hist)
	if err != nil {
		t.Fatal(err)
	}
	var wire struct {
		Columns        []string `json:"columns"`
		Data           [][]any  `json:"data"`
		Length         int      `json:"length"`
		CaptureStartTS *float64 `json:"capture_start_ts"`
	}
	if err := json.Unmarshal(raw, &wire); err != nil {
		t.Fatal(err)
	}
	colDate, colTotal := slices.Index(wire.Columns, "__date_ts"), slices.Index(wire.Columns, "total_quote")
	if colDate < 0 || colTotal < 0 || wire.Length != len(wire.Data) || len(wire.Data) != 4 {
		t.Fatalf("columns %v, %d rows (length %d); want __date_ts, total_quote and 4 rows", wire.Columns, len(wire.Data), wire.Length)
	}
	start := wire.Data[0]
	if start[colTotal] != 1000.0 || wire.CaptureStartTS == nil || *wire.CaptureStartTS != start[colDate] {
		t.Fatalf("first row %v, capture_start_ts %v", start, wire.CaptureStartTS)
	}
	closed, _ := h.b.Trades(h.ctx, tradesByID())
	wallet := 1000.0
	for i, tr := range closed.Trades {
		wallet += *tr.CloseProfitAbs
		row := wire.Data[i+1]
		if row[colDate] != float64(*tr.CloseTimestamp) || !near(row[colTotal].(float64), wallet) {
			t.Fatalf("row %d %v, want trade %d's close at %d with the wallet at %v", i+1, row, tr.TradeID, *tr.CloseTimestamp, wallet)
		}
	}
	bal, _ := h.b.Balance(h.ctx)
	last := wire.Data[3]
	if last[colDate] != float64(h.clock.now().UnixMilli()) || !near(last[colTotal].(float64), bal.Total) || bal.Total == wallet {
		t.Fatalf("last row %v, want now with the balance total %v", last, bal.Total)
	}
}
