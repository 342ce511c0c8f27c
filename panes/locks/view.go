package locks

import (
	"strconv"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// Column indexes, in display order.
const (
	colID = iota
	colPair
	colSide
	colUntil
	colLeft
	colReason
)

// expired is the "time left" of a lock whose end has passed.
const expired = "expired"

// columns returns the table's columns; the reason and the end time go
// first when the pane is narrow.
func columns() []panes.Column {
	return []panes.Column{
		colID:     {Title: "ID", Right: true, Drop: 3},
		colPair:   {Title: "Pair", Max: 18},
		colSide:   {Title: "Side", Drop: 2},
		colUntil:  {Title: "Until UTC", Drop: 4},
		colLeft:   {Title: "Left", Right: true},
		colReason: {Title: "Reason", Drop: 5},
	}
}

// rebuild recomputes every row's cells, then the layout and lines.
func (m *Model) rebuild() {
	m.cells = m.cells[:0]
	for _, l := range m.locks {
		m.cells = append(m.cells, cells(l, m.now))
	}
	m.relayout()
}

// relayout sizes the columns for the width and renders every line.
func (m *Model) relayout() {
	m.layout = panes.NewLayout(columns(), m.cells, max(m.width-2, 0))
	m.header = m.layout.Header(m.common.Styles.Table.Header, max(m.width-2, 0))
	m.lines = make([]string, len(m.cells))
	for i := range m.cells {
		m.renderLine(i)
	}
}

// renderLine renders row i into the cache.
func (m *Model) renderLine(i int) {
	if i < 0 || i >= len(m.lines) {
		return
	}
	row := m.cells[i]
	cellPaint := func(col int) (panes.Paint, bool) {
		switch {
		case col == colLeft && row[colLeft] == expired:
			return m.paints.Muted, true
		case col == colLeft:
			return m.paints.Warning, true
		case col == colReason:
			return m.paints.Muted, true
		}
		return panes.Paint{}, false
	}
	selected := m.hasSel && i == m.cursor.Index
	m.lines[i] = m.layout.Row(row, max(m.width-2, 0), selected, m.paints.Selected, cellPaint)
}

// visibleRows is the number of lock rows the pane shows.
func (m *Model) visibleRows() int { return max(m.height-3, 0) }

// body returns the header and the visible rows, each fitted to the inner
// width.
func (m *Model) body() []string {
	iw := max(m.width-2, 0)
	if len(m.locks) == 0 {
		return []string{panes.Fit(m.common.Styles.Muted.Render(" No active locks"), iw)}
	}
	from, to := m.cursor.Window(len(m.lines), m.visibleRows())
	out := make([]string, 0, to-from+1)
	out = append(out, m.header)
	return append(out, m.lines[from:to]...)
}

// cells formats one lock's row.
func cells(l apiclient.Lock, now time.Time) []string {
	c := make([]string, colReason+1)
	c[colID] = strconv.Itoa(l.ID)
	c[colPair] = panes.Sanitize(l.Pair)
	if l.Pair == "*" {
		c[colPair] = "* (all)"
	}
	c[colSide] = panes.Sanitize(l.Side)
	if l.Side == "*" || l.Side == "" {
		c[colSide] = "both"
	}
	end := lockEnd(l)
	c[colUntil] = "-"
	c[colLeft] = "-"
	if !end.IsZero() {
		c[colUntil] = end.Format("01-02 15:04")
		c[colLeft] = expired
		if left := end.Sub(now); left > 0 {
			c[colLeft] = panes.FormatDuration(left)
		}
	}
	if l.Reason != nil {
		c[colReason] = panes.Sanitize(*l.Reason)
	}
	return c
}

// lockEnd returns when the lock ends (UTC), or the zero time if unknown.
func lockEnd(l apiclient.Lock) time.Time {
	if l.LockEndTimestamp != 0 {
		return apiclient.FromMillis(l.LockEndTimestamp)
	}
	end, err := apiclient.ParseDate(l.LockEndTime)
	if err != nil {
		return time.Time{}
	}
	return end
}
