package panes

import "hash/fnv"

// Index returns the selected row's position (0 with no rows).
func (l *List[T]) Index() int { return l.cursor.Index }

// PageRows is the number of rows the list shows at once.
func (l *List[T]) PageRows() int { return l.visibleRows() }

// ViewTitled is View with a title of the pane's own instead of the counted
// one ("Closed trades 500/1200").
func (l *List[T]) ViewTitled(title string) string {
	return l.FrameLines(title, l.body())
}

// SetEmpty changes the line shown when there are no rows ("No trade
// matches the filter").
func (l *List[T]) SetEmpty(text string) { l.spec.Empty = text }

// SetColumns replaces the columns (the same number, retitled or re-ranked)
// and lays the table out again.
func (l *List[T]) SetColumns(cols []Column) {
	l.spec.Columns = cols
	l.relayout()
}

// NameID turns a row's name (a pair, a tag, a pattern) into the int ID a
// List follows across refreshes.
func NameID(name string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(name))
	return int(h.Sum32())
}
