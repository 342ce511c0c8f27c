package periodic

import (
	"slices"
	"strconv"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/panes/plot"
)

// wideWidth is the inner width from which the table and the charts stand
// side by side.
const wideWidth = 90

// Table column indexes.
const (
	colDate = iota
	colProfit
	colRatio
	colTrades
	colBalance
)

// columns returns the table's columns; the balance goes first when the
// pane is narrow, then the ratio and the trade count.
func columns() []panes.Column {
	return []panes.Column{
		colDate:    {Title: "Date"},
		colProfit:  {Title: "Profit", Right: true},
		colRatio:   {Title: "%", Right: true, Drop: 2},
		colTrades:  {Title: "Trades", Right: true, Drop: 1},
		colBalance: {Title: "Balance", Right: true, Drop: 3},
	}
}

// render lays the table and the two charts out in the inner size: side by
// side when wide, stacked otherwise.
func (m *Model) render() []string {
	iw, ih := m.Inner()
	if iw <= 0 || ih <= 0 {
		return nil
	}
	if !m.hasData() {
		return m.NoData(iw)
	}
	if iw >= wideWidth {
		tw := min(iw/2, 60)
		return beside(m.table(tw, ih), m.charts(iw-tw-1, ih), tw)
	}
	th := min(m.rows()+1, max(ih/3, 3))
	return append(m.table(iw, th), m.charts(iw, ih-th)...)
}

// hasData reports whether anything to draw has come.
func (m *Model) hasData() bool {
	_, ok := m.periods[m.unit]
	return ok || m.closed != nil
}

// beside joins two columns of lines of one height with a space between.
func beside(left, right []string, lw int) []string {
	out := make([]string, len(left))
	for i := range left {
		r := ""
		if i < len(right) {
			r = right[i]
		}
		out[i] = panes.Fit(left[i], lw) + " " + r
	}
	return out
}

// table renders the periods, newest first, from the scroll position: a
// header and h-1 rows, each w cells.
func (m *Model) table(w, h int) []string {
	p := m.periods[m.unit]
	cells := make([][]string, len(p.Data))
	for i, row := range p.Data {
		cells[i] = periodCells(row)
	}
	layout := panes.NewLayout(panes.Planned(columns(), cells), cells, w)
	paints := panes.NewRowPaints(*m.Styles())
	lines := make([]string, 0, h)
	lines = append(lines, layout.Header(m.Styles().Table.Header, w))
	for i := m.top; i < len(p.Data) && len(lines) < h; i++ {
		row := p.Data[i]
		paint := func(col int) (panes.Paint, bool) {
			if col == colProfit || col == colRatio {
				return *paints.PnL(row.AbsProfit), true
			}
			return panes.Paint{}, false
		}
		lines = append(lines, layout.Row(cells[i], w, false, panes.Paint{}, paint))
	}
	return pad(lines, w, h)
}

// periodCells formats one period's row.
func periodCells(p apiclient.PeriodProfit) []string {
	return []string{
		colDate:    panes.Sanitize(p.Date),
		colProfit:  panes.FormatSignedMoney(p.AbsProfit),
		colRatio:   panes.FormatPercent(p.RelProfit),
		colTrades:  strconv.Itoa(p.TradeCount),
		colBalance: panes.FormatMoney(p.StartingBalance),
	}
}

// charts renders the bar chart over the cumulative line in w×h cells.
func (m *Model) charts(w, h int) []string {
	bh := h / 2
	return append(m.bars(w, bh), m.cumulative(w, h-bh)...)
}

// bars renders the caption and the bar chart of profit by period, oldest
// on the left, in w×h cells.
func (m *Model) bars(w, h int) []string {
	if h <= 0 {
		return nil
	}
	data := m.periods[m.unit].Data
	data = data[:min(len(data), plot.MaxBars(w))]
	values := make([]float64, len(data))
	for i, p := range data {
		values[len(data)-1-i] = p.AbsProfit
	}
	caption := " Profit by " + unitName(m.unit)
	if n := len(data); n > 0 {
		caption += " · " + panes.Sanitize(data[n-1].Date) + " → " + panes.Sanitize(data[0].Date)
	}
	st := m.Styles()
	chart := plot.SignedBars(values, w, h-1, plot.BarStyles{Up: st.Profit, Down: st.Loss, Axis: st.Muted})
	if chart == nil {
		chart = plot.TooSmall(*st, w, h-1, plot.BarsMinWidth, plot.BarsMinHeight)
	}
	return pad(append([]string{st.Muted.Render(caption)}, chart...), w, h)
}

// cumulative renders the caption and the cumulative profit line over the
// loaded closed trades in w×h cells.
func (m *Model) cumulative(w, h int) []string {
	if h <= 0 {
		return nil
	}
	st := m.Styles()
	points := m.points()
	caption := " Cumulative profit"
	if m.stake != "" {
		caption += " (" + panes.Sanitize(m.stake) + ")"
	}
	caption += " · " + strconv.Itoa(len(m.closed))
	if m.closedTotal > len(m.closed) {
		caption += " of " + strconv.Itoa(m.closedTotal)
	}
	caption += " closed trades"
	var chart []string
	switch {
	case len(points) < 2:
		chart = []string{st.Muted.Render(" Not enough closed trades for a line")}
	default:
		chart = plot.Line(points, w, h-1, plot.LineStyles{Line: st.Info, Axis: st.Muted, Label: st.Muted}, panes.FormatMoney)
		if chart == nil {
			chart = plot.TooSmall(*st, w, h-1, plot.LineMinWidth, plot.LineMinHeight)
		}
	}
	return pad(append([]string{st.Muted.Render(caption)}, chart...), w, h)
}

// points is the cumulative closed profit after each loaded trade, oldest
// first. When the bot's closed profit is known the line ends at it, so a
// partial history shows the right level; otherwise it starts at zero.
func (m *Model) points() []plot.Point {
	trades := slices.Clone(m.closed)
	slices.SortStableFunc(trades, func(a, b apiclient.RawTrade) int {
		return a.ClosedAt().Compare(b.ClosedAt())
	})
	sum := 0.0
	points := make([]plot.Point, 0, len(trades))
	for _, t := range trades {
		if t.ClosedAt().IsZero() {
			continue
		}
		abs, _, _ := t.RealisedProfit()
		sum += abs
		points = append(points, plot.Point{At: t.ClosedAt(), Value: sum})
	}
	if m.profit != nil && len(points) > 0 {
		shift := m.profit.ProfitClosedCoin - sum
		for i := range points {
			points[i].Value += shift
		}
	}
	return points
}

// pad fits lines to w cells and h lines.
func pad(lines []string, w, h int) []string {
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = panes.Fit(l, w)
	}
	blank := strings.Repeat(" ", max(w, 0))
	for len(lines) < h {
		lines = append(lines, blank)
	}
	return lines
}
