package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes/trades"
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

// logsAPI answers /logs from a fixed buffer and records the limits asked.
type logsAPI struct {
	API
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
// row with what was seen makes the console fetch the whole buffer; rows are
// delivered once, in order.
func TestLogsGapFetchesWholeBuffer(t *testing.T) {
	t.Parallel()
	api := &logsAPI{}
	m := newModel(t, Options{Bots: []Bot{{Name: "b", API: api}}, Clock: fixedClock})
	b := m.bots[0]
	for i := range 10 {
		api.rows = append(api.rows, row(float64(i), fmt.Sprint("old ", i)))
	}
	m.Update(m.fetchLogs(b, 0)())
	for i := range 2 * logsIncrement {
		api.rows = append(api.rows, row(float64(100+i), fmt.Sprint("new ", i)))
	}
	_, cmd := m.Update(logsTickMsg{bot: 0, tag: b.logsTag})
	gap := cmd().(logsFetchedMsg)
	if gap.req.limit != logsIncrement {
		t.Fatalf("incremental poll asked limit %d", gap.req.limit)
	}
	_, cmd = m.Update(gap)
	full, ok := cmd().(logsFetchedMsg)
	if !ok || full.req.limit != 0 {
		t.Fatalf("a gap did not fetch the whole buffer: %T %+v", cmd(), full.req)
	}
	m.Update(full)
	rows, _ := b.batch.take()
	if len(rows) != 10+2*logsIncrement || rows[10].Message != "new 0" || rows[len(rows)-1].Message != fmt.Sprint("new ", 2*logsIncrement-1) {
		t.Fatalf("got %d rows, first new %q", len(rows), rows[10].Message)
	}
}

// TestStaleResultDropped: an older answer that arrives after a newer one
// is not applied.
func TestStaleResultDropped(t *testing.T) {
	t.Parallel()
	m := newModel(t, Options{Bots: []Bot{{Name: "b", API: stubAPI{}}}, Clock: fixedClock})
	tradesOf := func(ids ...int) *fetchResults {
		res := &fetchResults{}
		for _, id := range ids {
			res.trades = append(res.trades, apiclient.OpenTrade{Trade: apiclient.Trade{TradeCore: apiclient.TradeCore{TradeID: id, Pair: "X/Y"}}})
		}
		return res
	}
	m.Update(fetchedMsg{req: fetchRequest{bot: 0, seq: 2, want: 1 << resStatus}, res: tradesOf(1, 2)})
	m.Update(fetchedMsg{req: fetchRequest{bot: 0, seq: 1, want: 1 << resStatus}, res: tradesOf(1, 2, 3)})
	if n := len(m.bots[0].trades); n != 2 {
		t.Fatalf("stale answer applied: %d trades", n)
	}
	if n := m.bots[0].panes[0].(*trades.Model).Len(); n != 2 {
		t.Fatalf("trades pane shows %d trades, want 2", n)
	}
}

func TestConnStates(t *testing.T) {
	t.Parallel()
	now := fixedClock()
	refresh := 5 * time.Second
	netErr := fmt.Errorf("GET /status: %w", io.ErrUnexpectedEOF)
	authErr := &apiclient.APIError{Status: http.StatusUnauthorized, Message: "Unauthorized"}
	srvErr := &apiclient.APIError{Status: http.StatusBadGateway, Message: "trader is not running"}

	var c conn
	if k, _ := c.state(now, refresh); k != connConnecting {
		t.Fatalf("new conn = %s", k)
	}
	c.observe(now, []error{nil, srvErr})
	if k, text := c.state(now, refresh); k != connOnline || text != "online (polling)" {
		t.Fatalf("answered = %s %q", k, text)
	}
	c.stream = apiclient.EventConnected
	if _, text := c.state(now.Add(3*time.Second), refresh); text != "online" || c.ago(now.Add(3*time.Second)) != "updated 3s ago" {
		t.Fatalf("live = %q %q", text, c.ago(now.Add(3*time.Second)))
	}
	if k, _ := c.state(now.Add(16*time.Second), refresh); k != connStale {
		t.Fatalf("after 16s = %s, want stale", k)
	}
	c.observe(now, []error{netErr, netErr})
	c.retryAt = now.Add(4 * time.Second)
	if k, text := c.state(now, refresh); k != connOffline || text != "offline (retrying in 4s)" {
		t.Fatalf("down = %s %q", k, text)
	}
	if d := c.retryDelay(time.Second, 30*time.Second); d != time.Second {
		t.Fatalf("first retry delay %s", d)
	}
	c.observe(now, []error{netErr})
	c.observe(now, []error{netErr})
	if d := c.retryDelay(time.Second, 3*time.Second); d != 3*time.Second {
		t.Fatalf("capped retry delay %s", d)
	}
	c.observe(now, []error{authErr})
	if k, _ := c.state(now, refresh); k != connAuthFailed {
		t.Fatalf("401 = %s", k)
	}
	c.observe(now, []error{nil, netErr})
	if k, _ := c.state(now, refresh); k != connOnline || !c.retrySoon() {
		t.Fatalf("partial answer = %s, retrySoon %v", k, c.retrySoon())
	}
	if classify(&apiclient.AuthError{Reason: "refused"}) != problemAuth || classify(errors.New("dial")) != problemNetwork {
		t.Fatal("classify")
	}
}
