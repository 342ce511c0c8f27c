package feed

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

func row(ts float64, msg string) apiclient.LogRow {
	return apiclient.LogRow{Date: "2024-05-01 12:00:00", Timestamp: ts, Logger: "freqtrade.worker", Level: "INFO", Message: msg}
}

func TestLogDedup(t *testing.T) {
	t.Parallel()
	d := newLogDedup()
	first, overlap := d.fresh([]apiclient.LogRow{row(1, "a"), row(2, "b")})
	if len(first) != 2 || overlap {
		t.Fatalf("first batch: %d rows, overlap %v", len(first), overlap)
	}
	// freqtrade trimmed its buffer and added rows: only the new ones pass.
	next, overlap := d.fresh([]apiclient.LogRow{row(2, "b"), row(3, "c"), row(3, "c2")})
	if len(next) != 2 || next[0].Message != "c" || next[1].Message != "c2" || !overlap {
		t.Fatalf("second batch = %+v, overlap %v", next, overlap)
	}
	if d.seenAny([]apiclient.LogRow{row(4, "d")}) || !d.seenAny([]apiclient.LogRow{row(1, "a")}) {
		t.Fatal("seenAny is wrong")
	}
}

func TestLogDedupIsBounded(t *testing.T) {
	t.Parallel()
	d := newLogDedup()
	for i := range 3 * dedupMemory {
		d.fresh([]apiclient.LogRow{row(float64(i), "x")})
	}
	if len(d.seen) != dedupMemory {
		t.Fatalf("dedup remembers %d keys, want %d", len(d.seen), dedupMemory)
	}
	if rows, _ := d.fresh([]apiclient.LogRow{row(float64(3*dedupMemory-1), "x")}); len(rows) != 0 {
		t.Fatal("the newest key was forgotten")
	}
}

func TestLogBatchDropsOldest(t *testing.T) {
	t.Parallel()
	b := logBatch{limit: 3}
	b.add([]apiclient.LogRow{row(1, "a"), row(2, "b")})
	b.add([]apiclient.LogRow{row(3, "c"), row(4, "d"), row(5, "e")})
	rows, dropped := b.take()
	if dropped != 2 || len(rows) != 3 || rows[0].Message != "c" || rows[2].Message != "e" {
		t.Fatalf("rows %+v dropped %d", rows, dropped)
	}
	if rows, dropped := b.take(); len(rows) != 0 || dropped != 0 {
		t.Fatal("take did not empty the batch")
	}
}

// testFeed is a started feed on src whose timers never fire during a
// test: an hour of refresh, and a pinned clock. Nothing was fetched yet.
func testFeed(t *testing.T, src Source) *Feed {
	t.Helper()
	f := New(t.Context(), 0, src, Options{
		Name: "b", Refresh: time.Hour, LogsRefresh: time.Hour, LogsRefreshPushed: time.Hour,
		Debounce: time.Millisecond, LogFlush: time.Hour, RetryMin: time.Hour, RetryMax: time.Hour,
		Timeout: 5 * time.Second, Clock: func() time.Time { return time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC) },
	})
	f.started = true
	return f
}

// logRows returns the log rows of the LogsMsg values in outs.
func logRows(outs ...Out) []apiclient.LogRow {
	var rows []apiclient.LogRow
	for _, o := range outs {
		for _, d := range o.Data {
			if l, ok := d.(panes.LogsMsg); ok {
				rows = append(rows, l.Rows...)
			}
		}
	}
	return rows
}

// logsAPI answers /logs from a fixed buffer and records the limits asked.
type logsAPI struct {
	Source
	rows   []apiclient.LogRow
	limits []int
}

func (a *logsAPI) Logs(_ context.Context, limit int) (apiclient.Logs, error) {
	a.limits = append(a.limits, limit)
	rows := a.rows
	if limit > 0 && len(rows) > limit {
		rows = rows[len(rows)-limit:]
	}
	return apiclient.Logs{LogCount: len(rows), Logs: rows}, nil
}

// TestLogsGapFetchesWholeBuffer: an incremental /logs answer that shares no
// row with what was seen makes the feed fetch the whole buffer; rows are
// delivered once, in order.
func TestLogsGapFetchesWholeBuffer(t *testing.T) {
	t.Parallel()
	api := &logsAPI{}
	f := testFeed(t, api)
	for i := range 10 {
		api.rows = append(api.rows, row(float64(i), fmt.Sprint("old ", i)))
	}
	first, _ := f.Update(f.fetchLogs(0)().(Msg))
	for i := range 2 * logsIncrement {
		api.rows = append(api.rows, row(float64(100+i), fmt.Sprint("new ", i)))
	}
	_, cmd := f.Update(logsTickMsg{origin: origin{0}, tag: f.logsTag})
	gap := cmd().(logsFetchedMsg)
	if gap.req.limit != logsIncrement {
		t.Fatalf("incremental poll asked limit %d", gap.req.limit)
	}
	gapOut, cmd := f.Update(gap)
	full, ok := cmd().(logsFetchedMsg)
	if !ok || full.req.limit != 0 {
		t.Fatalf("a gap did not fetch the whole buffer: %T %+v", cmd(), full.req)
	}
	last, _ := f.Update(full)
	rows := logRows(first, gapOut, last)
	if len(rows) != 10+2*logsIncrement || rows[10].Message != "new 0" || rows[len(rows)-1].Message != fmt.Sprint("new ", 2*logsIncrement-1) {
		t.Fatalf("got %d rows, first new %q", len(rows), rows[10].Message)
	}
}

// TestStaleResultDropped: an older answer that arrives after a newer one
// is not applied, and does not reach the panes.
func TestStaleResultDropped(t *testing.T) {
	t.Parallel()
	f := testFeed(t, nil)
	tradesOf := func(ids ...int) *fetchResults {
		res := &fetchResults{}
		for _, id := range ids {
			res.trades = append(res.trades, apiclient.OpenTrade{Trade: apiclient.Trade{TradeCore: apiclient.TradeCore{TradeID: id, Pair: "X/Y"}}})
		}
		return res
	}
	f.Update(fetchedMsg{req: fetchRequest{seq: 2, want: 1 << resStatus}, res: tradesOf(1, 2)})
	out, _ := f.Update(fetchedMsg{req: fetchRequest{seq: 1, want: 1 << resStatus}, res: tradesOf(1, 2, 3)})
	if n := len(f.Data().Trades); n != 2 {
		t.Fatalf("stale answer applied: %d trades", n)
	}
	if len(out.Data) != 0 {
		t.Fatalf("the stale answer reached the panes: %+v", out.Data)
	}
}
