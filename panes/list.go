package panes

import (
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// ListSpec is what a table pane tells List about its rows.
type ListSpec[T any] struct {
	// Title names the pane; the border shows it with the row count.
	Title string
	// Empty is the line shown when there are no rows.
	Empty string
	// Columns are the table's columns, in display order.
	Columns []Column
	// ID identifies a row across refreshes, so the selection follows it.
	ID func(T) int
	// Cells formats a row's cells at a time.
	Cells func(T, time.Time) []string
	// Paint returns the paint of column col of a row, one of the pane's
	// row paints p, or nil for none.
	Paint func(p *RowPaints, row *T, cells []string, col int) *Paint
}

// List is a table pane's selectable list of rows: a selection that follows
// the row's ID across refreshes, keyboard navigation, and a render cache so
// View only joins the visible lines. A pane embeds it for every Pane method
// but Update, which routes the pane's data to SetRows, SetClock or Tick, and
// HandleKey, which tries Navigate first.
type List[T any] struct {
	Base
	spec   ListSpec[T]
	now    time.Time
	rows   []T
	cursor Cursor
	// selID is the selected row's ID; hasSel is false with no rows.
	selID  int
	hasSel bool
	// loaded is set by the first SetRows: until then the pane has no data
	// (rather than no rows).
	loaded bool

	// seen holds, per column, the widest cell the list has shown: the
	// planned widths that decide which columns fit, so columns never come
	// and go as values change.
	seen []int

	// Render cache, rebuilt when data, clock, size or selection change.
	cells  [][]string
	layout Layout
	header string
	lines  []string
	paints RowPaints
}

// NewList returns an empty list for a pane built from c whose help comes
// from keys.
func NewList[T any](c Common, keys help.KeyMap, spec ListSpec[T]) List[T] {
	l := List[T]{Base: NewBase(c, keys), spec: spec, paints: NewRowPaints(c.Styles)}
	l.now = l.Now()
	return l
}

// SetSize implements Pane.
func (l *List[T]) SetSize(width, height int) {
	if !l.Resize(width, height) {
		return
	}
	l.cursor.Clamp(len(l.rows), l.visibleRows())
	l.relayout()
}

// Title implements Pane.
func (l *List[T]) Title() string { return l.spec.Title }

// View implements Pane.
func (l *List[T]) View() string {
	return l.FrameLines(l.countedTitle(), l.body())
}

// countedTitle is the title with the row count, "Locks (3)", built in one
// allocation: View runs on every frame. Without data there is no count.
func (l *List[T]) countedTitle() string {
	if !l.loaded {
		return l.spec.Title
	}
	buf := make([]byte, 0, 64)
	buf = append(append(buf, l.spec.Title...), " ("...)
	buf = strconv.AppendInt(buf, int64(len(l.rows)), 10)
	return string(append(buf, ')'))
}

// Len returns the number of rows shown.
func (l *List[T]) Len() int { return len(l.rows) }

// Selected returns the selected row, if any.
func (l *List[T]) Selected() (T, bool) {
	if !l.hasSel || l.cursor.Index >= len(l.rows) {
		var zero T
		return zero, false
	}
	return l.rows[l.cursor.Index], true
}

// SelectedID returns the selected row's ID, if a row is selected.
func (l *List[T]) SelectedID() (int, bool) {
	r, ok := l.Selected()
	if !ok {
		return 0, false
	}
	return l.spec.ID(r), true
}

// Prefer selects the row of id once rows arrive (SetRows), if it is there:
// a console reopened where it was.
func (l *List[T]) Prefer(id int) { l.selID, l.hasSel = id, true }

// SetRows replaces the rows, formatted at the clock's time, keeping the
// selection on the same ID; when that row is gone the selection stays at the
// same position, which is the nearest remaining row.
func (l *List[T]) SetRows(rows []T) {
	l.rows, l.loaded = rows, true
	l.now = l.Now()
	if l.hasSel {
		for i, r := range rows {
			if l.spec.ID(r) == l.selID {
				l.cursor.Index = i
				break
			}
		}
	}
	l.hasSel = len(rows) > 0
	l.cursor.Clamp(len(rows), l.visibleRows())
	if l.hasSel {
		l.selID = l.spec.ID(rows[l.cursor.Index])
	}
	l.rebuild()
}

// Navigate moves the selection for a navigation key (Top and Bottom go to
// the first and last row) and reports whether msg was one.
func (l *List[T]) Navigate(msg tea.KeyMsg, k NavKeys) bool {
	if delta, ok := k.Scroll(msg, max(l.visibleRows()-1, 1)); ok {
		l.move(delta)
		return true
	}
	switch {
	case key.Matches(msg, k.Top):
		l.move(-len(l.rows))
	case key.Matches(msg, k.Bottom):
		l.move(len(l.rows))
	default:
		return false
	}
	return true
}

// move moves the selection and re-renders the two rows that changed.
func (l *List[T]) move(delta int) {
	if len(l.rows) == 0 {
		return
	}
	old := l.cursor.Index
	l.cursor.Move(delta, len(l.rows), l.visibleRows())
	l.selID = l.spec.ID(l.rows[l.cursor.Index])
	l.renderLine(old)
	l.renderLine(l.cursor.Index)
}

// Notice returns the intent that puts text on the status bar.
func Notice(text string) Intent { return NoticeMsg{Text: text} }
