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

	"github.com/freqdeck/freqdeck/panes"
)

// Lines renders a canvas as its lines, each exactly the canvas's width.
func Lines(c *canvas.Model) []string {
	if c.Width() <= 0 || c.Height() <= 0 {
		return nil
	}
	return strings.Split(c.View(), "\n")
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
