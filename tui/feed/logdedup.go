package feed

import "github.com/freqdeck/freqdeck/apiclient"

// logKey identifies a log row: freqtrade has no row ids, but the float
// millisecond timestamp plus the text is unique in practice.
type logKey struct {
	ts      float64
	logger  string
	level   string
	message string
}

func keyOf(r apiclient.LogRow) logKey {
	return logKey{ts: r.Timestamp, logger: r.Logger, level: r.Level, message: r.Message}
}

// dedupMemory is how many row keys logDedup remembers. It is more than
// freqtrade's whole buffer (1000 rows), so every row a /logs answer can
// hold that was seen before is still remembered.
const dedupMemory = 4096

// logDedup filters log rows already delivered, whichever source (the /logs
// poll, the freqdeck_log push) brought them first. It remembers the newest
// dedupMemory keys in a ring, which grows as rows come; memory is bounded.
type logDedup struct {
	seen  map[logKey]struct{}
	ring  []logKey
	next  int
	count int // rows ever accepted
}

func newLogDedup() *logDedup {
	return &logDedup{seen: map[logKey]struct{}{}}
}

// primed reports whether any row was accepted yet.
func (d *logDedup) primed() bool { return d.count > 0 }

// fresh returns the rows of batch not seen before, in order, and remembers
// them. overlap reports whether batch held at least one row seen before: a
// limited /logs answer without overlap may have missed rows in between.
func (d *logDedup) fresh(batch []apiclient.LogRow) (rows []apiclient.LogRow, overlap bool) {
	for _, r := range batch {
		k := keyOf(r)
		if _, ok := d.seen[k]; ok {
			overlap = true
			continue
		}
		d.remember(k)
		rows = append(rows, r)
	}
	return rows, overlap
}

func (d *logDedup) remember(k logKey) {
	if len(d.ring) < dedupMemory {
		d.ring = append(d.ring, k)
		d.seen[k] = struct{}{}
		d.count++
		return
	}
	delete(d.seen, d.ring[d.next])
	d.ring[d.next] = k
	d.next = (d.next + 1) % dedupMemory
	d.seen[k] = struct{}{}
	d.count++
}

// logBatch collects rows between flushes to the logs pane, bounded: when
// full, the oldest rows are dropped and counted.
type logBatch struct {
	rows    []apiclient.LogRow
	dropped int
	limit   int
	armed   bool // a flush is scheduled
}

// add appends rows, dropping the oldest beyond the limit.
func (b *logBatch) add(rows []apiclient.LogRow) {
	b.rows = append(b.rows, rows...)
	if over := len(b.rows) - b.limit; over > 0 {
		b.dropped += over
		b.rows = append(b.rows[:0:0], b.rows[over:]...)
	}
}

// take empties the batch.
func (b *logBatch) take() (rows []apiclient.LogRow, dropped int) {
	rows, dropped = b.rows, b.dropped
	b.rows, b.dropped = nil, 0
	return rows, dropped
}

// seenAny reports whether any row of batch was seen before.
func (d *logDedup) seenAny(batch []apiclient.LogRow) bool {
	for _, r := range batch {
		if _, ok := d.seen[keyOf(r)]; ok {
			return true
		}
	}
	return false
}
