package logs

import (
	"sort"
	"strconv"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// entry is one log line, prepared for display and search when it arrives.
type entry struct {
	seq    int
	time   string // "15:04:05"
	level  string
	rank   int
	logger string // last dotted component
	text   string // first line, sanitised
	more   int    // further lines of a multi-line message
	lower  string // lower-cased message, for search
	gap    bool   // a "… N lines dropped" marker
	row    apiclient.LogRow
}

// ring is a fixed-size ring of entries addressed by sequence number: entry
// seq lives in slot seq % size. Appending is O(1) and overwrites the oldest
// entry once full. Its slots grow as entries come, so a console of many
// quiet bots does not hold each one's whole buffer from the start.
type ring struct {
	slots []entry
	size  int
	total int // entries ever appended; the next seq
	n     int // entries held
}

// newRing returns a ring holding up to size entries.
func newRing(size int) *ring { return &ring{size: max(size, 1)} }

// oldest returns the seq of the oldest entry held.
func (r *ring) oldest() int { return r.total - r.n }

// push appends e, giving it the next seq, and reports whether an entry was
// overwritten (and which).
func (r *ring) push(e entry) (evicted entry, ok bool) {
	e.seq = r.total
	if len(r.slots) < r.size {
		// Not full yet: seqs are consecutive, so slot total is the next.
		r.slots = append(r.slots, entry{})
	}
	slot := &r.slots[r.total%r.size]
	if r.n == r.size {
		evicted, ok = *slot, true
	} else {
		r.n++
	}
	*slot = e
	r.total++
	return evicted, ok
}

// get returns the entry with sequence number seq; seq must be held.
func (r *ring) get(seq int) *entry { return &r.slots[seq%r.size] }

// seqList is an ascending list of seqs that drops from the front cheaply.
type seqList struct {
	seqs []int
	head int
}

func (l *seqList) len() int     { return len(l.seqs) - l.head }
func (l *seqList) at(i int) int { return l.seqs[l.head+i] }
func (l *seqList) add(seq int)  { l.seqs = append(l.seqs, seq) }
func (l *seqList) reset()       { l.seqs, l.head = l.seqs[:0], 0 }
func (l *seqList) empty() bool  { return l.len() == 0 }

// dropBefore removes seqs below oldest, compacting once half is dead so
// memory stays bounded by the ring.
func (l *seqList) dropBefore(oldest int) {
	for l.head < len(l.seqs) && l.seqs[l.head] < oldest {
		l.head++
	}
	if l.head > 0 && l.head >= len(l.seqs)/2 {
		n := copy(l.seqs, l.seqs[l.head:])
		l.seqs, l.head = l.seqs[:n], 0
	}
}

// search returns the position of the first seq >= seq.
func (l *seqList) search(seq int) int {
	live := l.seqs[l.head:]
	return sort.SearchInts(live, seq)
}

// levelRank orders log levels; unknown levels rank as INFO.
func levelRank(level string) int {
	switch level {
	case "DEBUG":
		return 10
	case "WARNING", "WARN":
		return 30
	case "ERROR":
		return 40
	case "CRITICAL", "FATAL":
		return 50
	default:
		return 20
	}
}

// newEntry prepares a log row for display.
func newEntry(row apiclient.LogRow) entry {
	first, rest, multi := strings.Cut(row.Message, "\n")
	e := entry{
		time:   clockPart(row.Date),
		level:  panes.Sanitize(row.Level),
		rank:   levelRank(row.Level),
		logger: shortLogger(panes.Sanitize(row.Logger)),
		text:   panes.Sanitize(strings.TrimRight(first, "\r")),
		lower:  strings.ToLower(row.Message),
		row:    row,
	}
	if multi {
		e.more = strings.Count(rest, "\n") + 1
	}
	return e
}

// gapEntry is the marker for rows lost before a batch.
func gapEntry(dropped int) entry {
	return entry{gap: true, rank: 100, text: "… " + strconv.Itoa(dropped) + " lines dropped"}
}

// clockPart returns the time of a "2006-01-02 15:04:05" date.
func clockPart(date string) string {
	if _, t, ok := strings.Cut(date, " "); ok {
		return panes.Sanitize(t)
	}
	return panes.Sanitize(date)
}

// shortLogger keeps a logger name's last dotted component:
// "freqtrade.freqtradebot" becomes "freqtradebot".
func shortLogger(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 && i < len(name)-1 {
		return name[i+1:]
	}
	return name
}
