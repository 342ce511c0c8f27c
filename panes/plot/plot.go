// Package plot draws the console's charts with ntcharts
// (github.com/NimbleMarkets/ntcharts, the Bubble Tea v1 line): signed bars
// (profit and loss by period), a line over time (cumulative profit), and
// the canvas rendering and "too small" note the chart panes share.
//
// Boundary: it imports panes (styles, fitting) and ntcharts; never tui or
// server. Charts are drawn once per change of data or size and cached by
// the panes: ntcharts renders every cell with its own lipgloss style, which
// is too slow to repeat on every frame.
package plot

import (
	"fmt"
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/charmbracelet/lipgloss"

	"github.com/freqdeck/freqdeck/panes"
)

// Lines renders a canvas as its lines, each exactly the canvas's width.
// Runs of cells in one style are painted together, each style reduced to a
// panes.Paint once: the canvas's own View renders every cell through
// lipgloss, which costs about 20 ms for a 200×60 chart.
func Lines(c *canvas.Model) []string {
	w, h := c.Width(), c.Height()
	if w <= 0 || h <= 0 {
		return nil
	}
	paints := map[styleKey]panes.Paint{}
	lines := make([]string, h)
	var b, run strings.Builder
	for y := range h {
		b.Reset()
		var cur styleKey
		var curStyle lipgloss.Style
		flush := func() {
			if run.Len() == 0 {
				return
			}
			p, ok := paints[cur]
			if !ok {
				p = panes.NewPaint(curStyle)
				paints[cur] = p
			}
			b.WriteString(p.Wrap(run.String()))
			run.Reset()
		}
		for x := range w {
			cell := c.Cell(canvas.Point{X: x, Y: y})
			r := cell.Rune
			if r == 0 {
				r = ' '
			}
			k, ok := keyOf(cell.Style)
			if !ok {
				flush()
				b.WriteString(cell.Style.Render(string(r)))
				continue
			}
			if k != cur || run.Len() == 0 {
				flush()
				cur, curStyle = k, cell.Style
			}
			run.WriteRune(r)
		}
		flush()
		lines[y] = b.String()
	}
	return lines
}

// styleKey identifies what a canvas cell's style draws: its colours and
// text attributes (canvas styles carry nothing else).
type styleKey struct {
	fg, bg                          lipgloss.TerminalColor
	bold, faint, italic, under, rev bool
}

// keyOf returns the key of st; ok is false for colours of a type the key
// cannot compare, which are then rendered cell by cell.
func keyOf(st lipgloss.Style) (styleKey, bool) {
	fg, bg := st.GetForeground(), st.GetBackground()
	if !comparable(fg) || !comparable(bg) {
		return styleKey{}, false
	}
	return styleKey{
		fg: fg, bg: bg, bold: st.GetBold(), faint: st.GetFaint(), italic: st.GetItalic(),
		under: st.GetUnderline(), rev: st.GetReverse(),
	}, true
}

// comparable reports whether c is one of lipgloss's colour types, all of
// which can be map keys.
func comparable(c lipgloss.TerminalColor) bool {
	switch c.(type) {
	case nil, lipgloss.NoColor, lipgloss.Color, lipgloss.ANSIColor, lipgloss.AdaptiveColor,
		lipgloss.CompleteColor, lipgloss.CompleteAdaptiveColor:
		return true
	}
	return false
}

// TooSmall returns h lines of w cells saying the chart needs at least
// minW×minH cells, for a chart that would otherwise draw garbage.
func TooSmall(st panes.Styles, w, h, minW, minH int) []string {
	if w <= 0 || h <= 0 {
		return nil
	}
	note := fmt.Sprintf(" too small (chart needs %d×%d)", minW, minH)
	lines := make([]string, h)
	lines[0] = panes.Fit(st.Muted.Render(note), w)
	for i := 1; i < h; i++ {
		lines[i] = strings.Repeat(" ", w)
	}
	return lines
}
