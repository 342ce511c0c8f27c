package panes

import "time"

// SetClock moves the clock and re-formats every row, for tables where the
// time shows in several cells or changes the layout.
func (l *List[T]) SetClock(now time.Time) {
	l.now = now
	l.rebuild()
}

// Tick moves the clock for a table whose only time-dependent cells are in
// column col, formatted by format: only rows whose text there changed are
// re-rendered, and the layout is redone only when a cell outgrows the
// column (most durations change once a minute).
func (l *List[T]) Tick(now time.Time, col int, format func(T, time.Time) string) {
	l.now = now
	shown := l.layout.Kept(col)
	var changed []int
	outgrown := false
	for i, r := range l.rows {
		text := format(r, now)
		if text == l.cells[i][col] {
			continue
		}
		l.cells[i][col] = text
		changed = append(changed, i)
		outgrown = outgrown || shown && Width(text) > l.layout.Widths[col]
	}
	switch {
	case !shown:
		// The column is not drawn: nothing to redraw.
	case outgrown:
		l.relayout()
	default:
		for _, i := range changed {
			l.renderLine(i)
		}
	}
}

// rebuild recomputes every row's cells, then the layout and lines.
func (l *List[T]) rebuild() {
	l.cells = l.cells[:0]
	for _, r := range l.rows {
		l.cells = append(l.cells, l.spec.Cells(r, l.now))
	}
	l.relayout()
}

// relayout sizes the columns for the inner width and renders every line.
func (l *List[T]) relayout() {
	iw, _ := l.Inner()
	l.layout = NewLayout(l.plannedColumns(), l.cells, iw)
	l.header = l.layout.Header(l.Styles().Table.Header, iw)
	l.lines = make([]string, len(l.cells))
	for i := range l.cells {
		l.renderLine(i)
	}
}

// plannedColumns are the spec's columns planned at the widest cell each
// has shown (or its own planned width, if wider).
func (l *List[T]) plannedColumns() []Column {
	cols := l.spec.Columns
	if l.seen == nil {
		l.seen = make([]int, len(cols))
	}
	for _, row := range l.cells {
		for i := range min(len(row), len(cols)) {
			l.seen[i] = max(l.seen[i], Width(row[i]))
		}
	}
	planned := make([]Column, len(cols))
	for i, c := range cols {
		c.Width = max(c.Width, l.seen[i])
		planned[i] = c
	}
	return planned
}

// renderLine renders row i into the cache.
func (l *List[T]) renderLine(i int) {
	if i < 0 || i >= len(l.lines) {
		return
	}
	row, cells := &l.rows[i], l.cells[i]
	cellPaint := func(col int) (Paint, bool) {
		if p := l.spec.Paint(&l.paints, row, cells, col); p != nil {
			return *p, true
		}
		return Paint{}, false
	}
	iw, _ := l.Inner()
	selected := l.hasSel && i == l.cursor.Index
	l.lines[i] = l.layout.Row(cells, iw, selected, l.paints.Selected, cellPaint)
}

// visibleRows is the number of rows shown under the header.
func (l *List[T]) visibleRows() int {
	_, ih := l.Inner()
	return max(ih-1, 0)
}

// body returns the header and the visible rows, each fitted to the inner
// width, or the empty line, or why there is no data.
func (l *List[T]) body() []string {
	iw, _ := l.Inner()
	if !l.loaded {
		return l.NoData(iw)
	}
	if len(l.rows) == 0 {
		return []string{Fit(l.Styles().Muted.Render(l.spec.Empty), iw)}
	}
	from, to := l.cursor.Window(len(l.lines), l.visibleRows())
	out := make([]string, 0, to-from+1)
	out = append(out, l.header)
	return append(out, l.lines[from:to]...)
}
