package plot

import (
	"math"
	"strings"

	"github.com/NimbleMarkets/ntcharts/barchart"
	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/charmbracelet/lipgloss"

	"github.com/freqdeck/freqdeck/panes"
)

// BarStyles colour signed bars and their zero line.
type BarStyles struct {
	Up, Down, Axis lipgloss.Style
}

// The smallest signed bar chart: one row above and below the zero line.
const (
	BarsMinWidth  = 3
	BarsMinHeight = 3
)

// SignedBars draws values, oldest first, as vertical bars in w×h cells:
// positive ones in Up above a zero line, negative ones in Down below it,
// on one scale. When there are more values than columns (a bar and a gap
// each), the newest that fit are drawn. It returns nil below BarsMinWidth
// × BarsMinHeight.
//
// ntcharts' barchart draws bars up from a baseline only and clamps
// negative values to zero, so the losses are drawn by a second barchart on
// their absolute values and mirrored below the zero line. Unicode has no
// upper partial blocks but ▔ and ▀, so a mirrored bar's end is rounded to
// a quarter or a half cell.
func SignedBars(values []float64, w, h int, st BarStyles) []string {
	if w < BarsMinWidth || h < BarsMinHeight {
		return nil
	}
	if n := MaxBars(w); len(values) > n {
		values = values[len(values)-n:]
	}
	up, down := 0.0, 0.0
	for _, v := range values {
		up, down = math.Max(up, v), math.Max(down, -v)
	}
	rowsUp, rowsDown := split(h-1, up, down)
	unit := math.Max(up/float64(max(rowsUp, 1)), down/float64(max(rowsDown, 1)))
	if unit <= 0 {
		unit = 1
	}
	pos, neg := make([]float64, len(values)), make([]float64, len(values))
	for i, v := range values {
		pos[i], neg[i] = math.Max(v, 0), math.Max(-v, 0)
	}
	lines := make([]string, 0, h)
	lines = append(lines, barLines(pos, w, rowsUp, unit, st.Up, false)...)
	lines = append(lines, st.Axis.Render(strings.Repeat("─", w)))
	return append(lines, barLines(neg, w, rowsDown, unit, st.Down, true)...)
}

// MaxBars is how many bars SignedBars draws in w columns: a column and a
// gap each.
func MaxBars(w int) int { return max((w+1)/2, 0) }

// split shares rows between the bars above and below the zero line in
// proportion to their largest values; a side with bars gets a row at least.
func split(rows int, up, down float64) (rowsUp, rowsDown int) {
	switch {
	case down <= 0:
		return rows, 0
	case up <= 0:
		return 0, rows
	}
	rowsUp = int(math.Round(float64(rows) * up / (up + down)))
	rowsUp = min(max(rowsUp, 1), rows-1)
	return rowsUp, rows - rowsUp
}

// barLines draws values as bars h rows high, unit per row; mirrored bars
// hang down from the top.
func barLines(values []float64, w, h int, unit float64, st lipgloss.Style, mirrored bool) []string {
	if h <= 0 {
		return nil
	}
	data := make([]barchart.BarData, len(values))
	for i, v := range values {
		data[i] = barchart.BarData{Values: []barchart.BarValue{{Value: v, Style: st}}}
	}
	bc := barchart.New(w, h, barchart.WithNoAxis(), barchart.WithNoAutoMaxValue(),
		barchart.WithMaxValue(unit*float64(h)), barchart.WithDataSet(data), barchart.WithBarGap(1))
	bc.Draw()
	if mirrored {
		mirror(&bc.Canvas)
	}
	return fitted(Lines(&bc.Canvas), w)
}

// mirror flips a canvas of bars upside down, turning each lower block into
// the nearest upper one.
func mirror(c *canvas.Model) {
	w, h := c.Width(), c.Height()
	for y := range h / 2 {
		for x := range w {
			a, b := canvas.Point{X: x, Y: y}, canvas.Point{X: x, Y: h - 1 - y}
			ca, cb := c.Cell(a), c.Cell(b)
			c.SetCell(a, canvas.NewCellWithStyle(upper(cb.Rune), cb.Style))
			c.SetCell(b, canvas.NewCellWithStyle(upper(ca.Rune), ca.Style))
		}
	}
	if h%2 == 1 {
		for x := range w {
			p := canvas.Point{X: x, Y: h / 2}
			cell := c.Cell(p)
			c.SetCell(p, canvas.NewCellWithStyle(upper(cell.Rune), cell.Style))
		}
	}
}

// upper maps a lower block (▁ to █) to the upper block nearest its height.
func upper(r rune) rune {
	switch r {
	case '▁', '▂':
		return '▔'
	case '▃', '▄', '▅', '▆':
		return '▀'
	case '▇':
		return '█'
	}
	return r
}

// fitted pads or cuts lines to w cells.
func fitted(lines []string, w int) []string {
	for i, l := range lines {
		lines[i] = panes.Fit(l, w)
	}
	return lines
}
