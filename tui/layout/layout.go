// Package layout places the console's four panes and its status bar on the
// terminal. It is pure: the same size and chrome always give the same
// rectangles, so the root model can recompute it only when the terminal size
// or the chrome changes, and tests can check it without a terminal.
package layout

// The panes, in focus order (the 1..4 keys).
const (
	Trades = iota
	Profit
	Locks
	Logs
	// NumPanes is the number of panes.
	NumPanes
)

// The smallest terminal the console draws panes in; below it the root shows
// a "terminal too small" note.
const (
	MinWidth  = 30
	MinHeight = 6
)

// Thresholds between the arrangements.
const (
	wideMinWidth     = 100
	wideMinHeight    = 24
	stackedMinWidth  = 60
	stackedMinHeight = 18
	minPaneHeight    = 3
)

// Mode names an arrangement of the panes.
type Mode int

// The arrangements, from the roomiest to the most cramped.
const (
	// Wide puts trades and profit side by side over locks and logs.
	Wide Mode = iota
	// Stacked puts trades on top, profit and locks side by side, then logs.
	Stacked
	// Single shows only the focused pane.
	Single
	// TooSmall shows no pane at all.
	TooSmall
)

// String implements fmt.Stringer.
func (m Mode) String() string {
	switch m {
	case Wide:
		return "wide"
	case Stacked:
		return "stacked"
	case Single:
		return "single"
	case TooSmall:
		return "too small"
	}
	return "unknown"
}

// Rect is an area of the terminal in cells. A zero-sized Rect is hidden.
type Rect struct {
	X, Y, W, H int
}

// Visible reports whether the rectangle has an area.
func (r Rect) Visible() bool { return r.W > 0 && r.H > 0 }

// Chrome is what the root draws besides the panes.
type Chrome struct {
	// StatusLines is the height of the status bar at the bottom.
	StatusLines int
	// Focused is the pane shown in Single mode.
	Focused int
}

// Layout is the placement of every part of the screen.
type Layout struct {
	Mode Mode
	// Panes is indexed by Trades, Profit, Locks and Logs. Hidden panes have
	// a zero Rect.
	Panes [NumPanes]Rect
	// Tabs is the strip naming a screen's panes above the one shown alone
	// (ComputeScreen); hidden on the trade desk.
	Tabs Rect
	// Status is the status bar.
	Status Rect
	// Width and Height are the terminal size the layout was computed for.
	Width, Height int
}

// Compute places the panes and the status bar on a w×h terminal. The
// visible rectangles never overlap, never leave the terminal, and (outside
// TooSmall) tile it exactly.
func Compute(w, h int, c Chrome) Layout {
	w, h = max(w, 0), max(h, 0)
	status := min(max(c.StatusLines, 0), h)
	l := Layout{Width: w, Height: h, Status: Rect{X: 0, Y: h - status, W: w, H: status}}
	area := h - status
	switch {
	case w < MinWidth || area < minPaneHeight || h < MinHeight:
		l.Mode = TooSmall
	case w >= wideMinWidth && h >= wideMinHeight:
		l.Mode = Wide
		wide(&l, w, area)
	case w >= stackedMinWidth && h >= stackedMinHeight:
		l.Mode = Stacked
		stacked(&l, w, area)
	default:
		l.Mode = Single
		f := c.Focused
		if f < 0 || f >= NumPanes {
			f = Trades
		}
		l.Panes[f] = Rect{W: w, H: area}
	}
	return l
}

// wide: trades | profit on top, locks | logs below.
func wide(l *Layout, w, area int) {
	top := max(area*55/100, 8)
	bottom := area - top
	profitW := clamp(w*32/100, 36, 50)
	locksW := clamp(w*30/100, 30, 60)
	l.Panes[Trades] = Rect{X: 0, Y: 0, W: w - profitW, H: top}
	l.Panes[Profit] = Rect{X: w - profitW, Y: 0, W: profitW, H: top}
	l.Panes[Locks] = Rect{X: 0, Y: top, W: locksW, H: bottom}
	l.Panes[Logs] = Rect{X: locksW, Y: top, W: w - locksW, H: bottom}
}

// stacked: trades, then profit | locks, then logs.
func stacked(l *Layout, w, area int) {
	trades := max(area*40/100, minPaneHeight)
	mid := max(area*27/100, 5)
	logs := area - trades - mid
	if logs < minPaneHeight {
		mid -= minPaneHeight - logs
		logs = minPaneHeight
	}
	half := w / 2
	l.Panes[Trades] = Rect{X: 0, Y: 0, W: w, H: trades}
	l.Panes[Profit] = Rect{X: 0, Y: trades, W: half, H: mid}
	l.Panes[Locks] = Rect{X: half, Y: trades, W: w - half, H: mid}
	l.Panes[Logs] = Rect{X: 0, Y: trades + mid, W: w, H: logs}
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }
