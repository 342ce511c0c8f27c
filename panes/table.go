package panes

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// ColumnGap is the space between table columns.
const ColumnGap = 1

// SelectMarker starts the selected row of a table, so the selection shows
// without colour too; other rows start with NoMarker.
const (
	SelectMarker = "▸"
	NoMarker     = " "
)

// Column describes one table column.
type Column struct {
	// Title is the header text.
	Title string
	// Right aligns the column's cells to the right (numbers).
	Right bool
	// Drop orders columns for dropping when the width is short: 0 is never
	// dropped, and higher values go first.
	Drop int
	// Max caps the column's width (0: no cap); longer cells are cut.
	Max int
	// Width is the width the column is planned at (0: its title's): the
	// widest its cells have been. Which columns fit a pane is decided on
	// planned widths, so a value that narrows brings no column back and
	// the set stays the same at a given width (see List).
	Width int
}

// planned is the width the column counts for when columns are dropped:
// its title, or its planned Width, capped by Max.
func (c Column) planned() int {
	w := max(Width(c.Title), c.Width)
	if c.Max > 0 {
		w = max(min(w, c.Max), Width(c.Title))
	}
	return w
}

// Layout holds the computed widths of a table's columns; a width of 0 means
// the column was dropped to fit.
type Layout struct {
	Columns []Column
	Widths  []int
}

// NewLayout decides which columns fit in width (the one-cell selection
// marker included) from their planned widths, dropping the highest Drop
// first, so the set does not follow the values of the moment. The kept
// columns then take the width of their widest cell (header included,
// capped by Max); a row wider than planned is cut at the right edge.
func NewLayout(cols []Column, rows [][]string, width int) Layout {
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = c.planned()
	}
	l := Layout{Columns: cols, Widths: widths}
	for l.Width() > width {
		drop := -1
		for i, c := range cols {
			if widths[i] > 0 && c.Drop > 0 && (drop < 0 || c.Drop >= cols[drop].Drop) {
				drop = i
			}
		}
		if drop < 0 {
			break
		}
		widths[drop] = 0
	}
	for i, c := range cols {
		if widths[i] > 0 {
			widths[i] = c.contentWidth(i, rows)
		}
	}
	return l
}

// contentWidth is the width of the column's widest cell (header included),
// capped by Max.
func (c Column) contentWidth(i int, rows [][]string) int {
	w := Width(c.Title)
	for _, row := range rows {
		if i < len(row) {
			w = max(w, Width(row[i]))
		}
	}
	if c.Max > 0 {
		w = min(w, c.Max)
	}
	return w
}

// Width is the rendered width of a row: marker plus kept columns and gaps.
func (l Layout) Width() int {
	w := Width(NoMarker)
	for _, cw := range l.Widths {
		if cw > 0 {
			w += cw + ColumnGap
		}
	}
	return w
}

// Kept reports whether column i survived the width.
func (l Layout) Kept(i int) bool { return i < len(l.Widths) && l.Widths[i] > 0 }

// Header renders the header row in style st, in exactly width cells.
func (l Layout) Header(st lipgloss.Style, width int) string {
	titles := make([]string, len(l.Columns))
	for i, c := range l.Columns {
		titles[i] = c.Title
	}
	return st.Render(l.fit(l.join(NoMarker, titles, nil), width))
}

// Row renders one row in exactly width cells. Each cell is padded to its
// column and painted with what cellPaint returns for it (nothing when it
// returns false or is nil); a selected row is painted whole with sel, across
// the full width, behind the select marker and without per-cell colours.
func (l Layout) Row(cells []string, width int, selected bool, sel Paint, cellPaint func(col int) (Paint, bool)) string {
	if selected {
		return sel.Wrap(l.fit(l.join(SelectMarker, cells, nil), width))
	}
	return l.fit(l.join(NoMarker, cells, cellPaint), width)
}

// fit pads a rendered row to width cells, knowing its width from the
// layout; only a row wider than width (essential columns that do not fit)
// is measured and cut.
func (l Layout) fit(row string, width int) string {
	if w := l.Width(); w <= width {
		return row + strings.Repeat(" ", width-w)
	}
	return Fit(row, width)
}

// join renders a row's marker and kept cells, each painted with what
// cellPaint returns for it (nothing when it returns false or is nil).
func (l Layout) join(marker string, cells []string, cellPaint func(col int) (Paint, bool)) string {
	var b strings.Builder
	b.WriteString(marker)
	for i, cw := range l.Widths {
		if cw == 0 {
			continue
		}
		b.WriteString(strings.Repeat(" ", ColumnGap))
		text := l.cell(i, cells)
		if cellPaint != nil {
			if p, ok := cellPaint(i); ok {
				text = p.Wrap(text)
			}
		}
		b.WriteString(text)
	}
	return b.String()
}

// cell returns cell i padded or cut to its column width.
func (l Layout) cell(i int, cells []string) string {
	var s string
	if i < len(cells) {
		s = cells[i]
	}
	if l.Columns[i].Right {
		return PadLeft(s, l.Widths[i])
	}
	return Fit(s, l.Widths[i])
}
