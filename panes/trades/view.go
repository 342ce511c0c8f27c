package trades

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
	colAmount
	colStake
	colOpen
	colRate
	colProfit
	colProfitAbs
	colDuration
	colStop
	colTag
)

// columns returns the table's columns; Drop orders what goes first when the
// pane is narrow: the tag, the stop distance and the rates, then amounts.
func columns() []panes.Column {
	return []panes.Column{
		colID:        {Title: "ID", Right: true},
		colPair:      {Title: "Pair", Max: 18},
		colSide:      {Title: "L/S", Drop: 3},
		colAmount:    {Title: "Amount", Right: true, Drop: 5},
		colStake:     {Title: "Stake", Right: true, Drop: 4},
		colOpen:      {Title: "Open", Right: true, Drop: 7},
		colRate:      {Title: "Rate", Right: true, Drop: 6},
		colProfit:    {Title: "Profit", Right: true},
		colProfitAbs: {Title: "P/L", Right: true, Drop: 1},
		colDuration:  {Title: "Dur", Right: true, Drop: 2},
		colStop:      {Title: "Stop", Right: true, Drop: 8},
		colTag:       {Title: "Tag", Max: 16, Drop: 9},
	}
}

// rebuild recomputes every row's cells, then the layout and lines.
func (m *Model) rebuild() {
	m.cells = m.cells[:0]
	for _, t := range m.trades {
		m.cells = append(m.cells, cells(t, m.now))
	}
	m.relayout()
}

// tick moves the clock: only the duration cells change, so only rows whose
// duration text changed are re-rendered (most change once a minute), and the
// layout only when a duration outgrows its column.
func (m *Model) tick(now time.Time) {
	m.now = now
	shown := m.layout.Kept(colDuration)
	var changed []int
	outgrown := false
	for i, t := range m.trades {
		d := duration(t, now)
		if d == m.cells[i][colDuration] {
			continue
		}
		m.cells[i][colDuration] = d
		changed = append(changed, i)
		outgrown = outgrown || shown && panes.Width(d) > m.layout.Widths[colDuration]
	}
	switch {
	case !shown:
		// The column is not drawn: nothing to redraw.
	case outgrown:
		m.relayout()
	default:
		for _, i := range changed {
			m.renderLine(i)
		}
	}
}

// relayout recomputes the column widths for the current width and renders
// every line.
func (m *Model) relayout() {
	st := m.common.Styles
	m.layout = panes.NewLayout(columns(), m.cells, max(m.width-2, 0))
	m.header = m.layout.Header(st.Table.Header, max(m.width-2, 0))
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
	t := m.trades[i]
	cellPaint := func(col int) (panes.Paint, bool) {
		switch col {
		case colProfit:
			return m.paints.PnL(ptrOr(t.ProfitRatio, 0)), true
		case colProfitAbs:
			return m.paints.PnL(ptrOr(t.ProfitAbs, 0)), true
		case colTag:
			return m.paints.Muted, true
		}
		return panes.Paint{}, false
	}
	selected := m.hasSel && i == m.cursor.Index
	m.lines[i] = m.layout.Row(m.cells[i], max(m.width-2, 0), selected, m.paints.Selected, cellPaint)
}

// visibleRows is the number of trade rows the pane shows.
func (m *Model) visibleRows() int { return max(m.height-3, 0) }

// body returns the header and the visible rows, each fitted to the inner
// width.
func (m *Model) body() []string {
	iw := max(m.width-2, 0)
	if len(m.trades) == 0 {
		return []string{panes.Fit(m.common.Styles.Muted.Render(" No open trades"), iw)}
	}
	from, to := m.cursor.Window(len(m.lines), m.visibleRows())
	out := make([]string, 0, to-from+1)
	out = append(out, m.header)
	return append(out, m.lines[from:to]...)
}

// cells formats one trade's row.
func cells(t apiclient.OpenTrade, now time.Time) []string {
	id := strconv.Itoa(t.TradeID)
	if t.HasOpenOrders {
		id += "*"
	}
	side := "L"
	if t.IsShort {
		side = "S"
	}
	c := make([]string, colTag+1)
	c[colID] = id
	c[colPair] = panes.Sanitize(t.Pair)
	c[colSide] = side
	c[colAmount] = panes.FormatAmount(t.Amount)
	c[colStake] = panes.FormatMoney(t.StakeAmount)
	c[colOpen] = panes.FormatPrice(t.OpenRate)
	c[colRate] = optional(t.CurrentRate, panes.FormatPrice)
	c[colProfit] = optional(t.ProfitRatio, panes.FormatPercent)
	c[colProfitAbs] = optional(t.ProfitAbs, panes.FormatSignedMoney)
	c[colDuration] = duration(t, now)
	c[colStop] = optional(t.StoplossCurrentDistRatio, panes.FormatPercent)
	if t.EnterTag != nil {
		c[colTag] = panes.Sanitize(*t.EnterTag)
	}
	return c
}

// duration formats how long the trade has been open.
func duration(t apiclient.OpenTrade, now time.Time) string {
	at := openedAt(t)
	if at.IsZero() {
		return "-"
	}
	return panes.FormatDuration(now.Sub(at))
}

// openedAt returns when the trade opened.
func openedAt(t apiclient.OpenTrade) time.Time {
	if t.OpenTimestamp != 0 {
		return apiclient.FromMillis(t.OpenTimestamp)
	}
	at, err := apiclient.ParseDate(t.OpenDate)
	if err != nil {
		return time.Time{}
	}
	return at
}

// optional formats *v, or "-" when it is nil.
func optional(v *float64, format func(float64) string) string {
	if v == nil {
		return "-"
	}
	return format(*v)
}

// ptrOr returns *v, or def when v is nil.
func ptrOr(v *float64, def float64) float64 {
	if v == nil {
		return def
	}
	return *v
}
