package overview

import (
	"strconv"
	"strings"
	"time"

	"github.com/freqdeck/freqdeck/panes"
)

// columns returns the table's columns; Drop orders what goes first on a
// narrow terminal: the mode, this week, today, the state, the total. The
// last event (or why a bot is down) takes the width left (noteMin at
// least), and goes only when even that is not left.
func columns() []panes.Column {
	return []panes.Column{
		colMark:   {Title: "", Width: 1},
		colBot:    {Title: "Bot", Max: 16},
		colConn:   {Title: "Connection", Max: 12},
		colState:  {Title: "State", Drop: 3},
		colMode:   {Title: "Mode", Drop: 6},
		colTrades: {Title: "Trades", Right: true},
		colOpen:   {Title: "Open P/L", Right: true},
		colToday:  {Title: "Today", Right: true, Drop: 4},
		colWeek:   {Title: "Week", Right: true, Drop: 5},
		colTotal:  {Title: "Closed", Right: true, Drop: 2},
	}
}

// freshAge is the age of an online bot's data from which it is shown: a
// live bot's data is a few seconds old all the time (its WebSocket's
// pings), and twenty rows ticking every second would only churn the
// screen.
const freshAge = 30 * time.Second

// noteMin is the narrowest the last-event column is drawn.
const noteMin = 20

// title is "Overview (3 bots) · Closed ↓ · 2 marked".
func (m *Model) title() string {
	t := "Overview (" + strconv.Itoa(len(m.rows)) + " bots)"
	if len(m.rows) == 1 {
		t = "Overview (1 bot)"
	}
	arrow := " ↑"
	if m.desc {
		arrow = " ↓"
	}
	t += " · " + columns()[m.sortBy].Title + arrow
	if n := len(m.marked); n > 0 {
		t += " · " + strconv.Itoa(n) + " marked"
	}
	return t
}

// visibleRows is how many bot rows fit under the header, above the
// totals.
func (m *Model) visibleRows() int {
	_, ih := m.Inner()
	if t := len(totals(m.rows)); t > 0 {
		ih -= t + 1 // a rule, then a row per currency
	}
	return max(ih-1, 1)
}

// draw renders the body: the header, the bot rows in view, a rule and the
// totals, each line fitted to the inner width.
func (m *Model) draw() []string {
	iw, _ := m.Inner()
	st := m.Styles()
	if len(m.rows) == 0 {
		return []string{panes.Fit(st.Muted.Render(" No bots"), iw)}
	}
	sums := totals(m.sorted)
	cells := make([][]string, 0, len(m.sorted)+len(sums))
	for _, r := range m.sorted {
		cells = append(cells, m.cells(r))
	}
	for _, t := range sums {
		cells = append(cells, t.cells())
	}
	cols := panes.Planned(columns(), cells)
	layout := panes.NewLayout(cols, cells, iw-noteMin-panes.ColumnGap)
	noteW := iw - layout.Width() - panes.ColumnGap
	p := newPaints(*st)
	lines := []string{m.line(layout, noteW, headerCells(), st.Table.Header.Render, nil, false)}
	from, to := m.cursor.Window(len(m.sorted), m.visibleRows())
	for i := from; i < to; i++ {
		r := m.sorted[i]
		lines = append(lines, m.line(layout, noteW, cells[i], nil, p.of(r), i == m.cursor.Index))
	}
	if len(sums) > 0 {
		for len(lines) < m.visibleRows()+1 {
			lines = append(lines, "")
		}
		lines = append(lines, st.Muted.Render(strings.Repeat("─", iw)))
		for i, t := range sums {
			lines = append(lines, m.line(layout, noteW, cells[len(m.sorted)+i], nil, p.ofTotal(t), false))
		}
	}
	for i, l := range lines {
		lines[i] = panes.Fit(l, iw)
	}
	return lines
}

// headerCells are the column titles and the note's.
func headerCells() []string {
	c := make([]string, numCols)
	for i, col := range columns() {
		c[i] = col.Title
	}
	c[colNote] = "Last event"
	return c
}

// line renders one line: the table columns, then the note in noteW cells
// (left out below noteMin). whole styles the whole line (the header);
// paint colours a row's cells; a selected row is drawn reversed.
func (m *Model) line(l panes.Layout, noteW int, c []string, whole func(...string) string, paint func(int) (panes.Paint, bool), selected bool) string {
	st := m.Styles()
	sel := panes.NewPaint(st.Table.Selected)
	row := l.Row(c[:colNote], l.Width(), selected, sel, paint)
	note := ""
	if noteW >= noteMin-panes.ColumnGap {
		note = " " + panes.Fit(c[colNote], noteW)
		switch p, ok := paintOf(paint, int(colNote)); {
		case selected:
			note = sel.Wrap(note)
		case ok:
			note = " " + p.Wrap(panes.Fit(c[colNote], noteW))
		}
	}
	if whole != nil {
		return whole(row + note)
	}
	return row + note
}

// paintOf calls paint, which may be nil.
func paintOf(paint func(int) (panes.Paint, bool), col int) (panes.Paint, bool) {
	if paint == nil {
		return panes.Paint{}, false
	}
	return paint(col)
}

// cells formats one bot's row at the pane's clock.
func (m *Model) cells(r Row) []string {
	c := make([]string, numCols)
	if m.marked[r.Bot] {
		c[colMark] = "*"
	}
	c[colBot] = panes.Sanitize(r.Name)
	c[colConn] = r.Conn
	if r.Answered && (!r.Fresh || r.Age >= freshAge) {
		c[colConn] += " " + panes.FormatAge(r.Age)
	}
	c[colState] = orDash(r.State)
	c[colMode] = orDash(r.Mode)
	if r.ReadOnly {
		c[colMode] += " ro"
	}
	c[colTrades] = trades(r)
	c[colOpen], c[colToday], c[colWeek], c[colTotal] = money(r.OpenProfit), money(r.Today), money(r.Week), money(r.Total)
	switch {
	case !r.Fresh && r.Problem != "":
		c[colNote] = panes.Sanitize(r.Problem)
	case r.Event != "":
		c[colNote] = panes.FormatAge(ageOf(m.now, r.EventAt)) + " ago: " + panes.Sanitize(r.Event)
	}
	return c
}

// trades is "2/5": the open trades of the most; "2/∞" without a limit.
func trades(r Row) string {
	if !r.TradesKnown {
		return "-"
	}
	s := strconv.Itoa(r.Open)
	switch {
	case !r.MaxKnown:
	case r.Max < 0:
		s += "/∞"
	default:
		s += "/" + strconv.Itoa(r.Max)
	}
	return s
}

// money formats an amount with its sign, "-" when not known.
func money(a Amount) string {
	if !a.Known {
		return "-"
	}
	return panes.FormatSignedMoney(a.Value)
}

// orDash is s, or "-" when empty.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// paints are the overview's cell colours.
type paints struct {
	row                            panes.RowPaints
	ok, warn, bad                  panes.Paint
	running, paused, stopped, live panes.Paint
}

func newPaints(st panes.Styles) paints {
	return paints{
		row: panes.NewRowPaints(st), ok: panes.NewPaint(st.Profit), warn: panes.NewPaint(st.Warning),
		bad: panes.NewPaint(st.Error), running: panes.NewPaint(st.StateStyle("running")),
		paused: panes.NewPaint(st.StateStyle("paused")), stopped: panes.NewPaint(st.StateStyle("stopped")),
		live: panes.NewPaint(st.Mode.Live),
	}
}

// of returns the paint of each cell of bot row r.
func (p paints) of(r Row) func(int) (panes.Paint, bool) {
	return func(col int) (panes.Paint, bool) {
		switch column(col) {
		case colConn:
			switch {
			case r.Fresh:
				return p.ok, true
			case r.Conn == "connecting" || r.Conn == "stale":
				return p.warn, true
			}
			return p.bad, true
		case colState:
			switch r.State {
			case "running":
				return p.running, true
			case "paused":
				return p.paused, true
			case "stopped":
				return p.stopped, true
			}
		case colMode:
			if r.Mode == "live" {
				return p.live, true
			}
		case colOpen, colToday, colWeek, colTotal:
			return p.money(map[column]Amount{colOpen: r.OpenProfit, colToday: r.Today, colWeek: r.Week, colTotal: r.Total}[column(col)])
		case colNote:
			if !r.Fresh && r.Problem != "" {
				return p.bad, true
			}
			return p.row.Muted, true
		case colMark, colBot, colTrades, numCols:
		}
		return panes.Paint{}, false
	}
}

// ofTotal returns the paint of each cell of a totals row.
func (p paints) ofTotal(t total) func(int) (panes.Paint, bool) {
	return func(col int) (panes.Paint, bool) {
		switch column(col) {
		case colOpen:
			return p.money(t.openProfit)
		case colToday:
			return p.money(t.today)
		case colWeek:
			return p.money(t.week)
		case colTotal:
			return p.money(t.whole)
		case colNote:
			return p.warn, true
		case colMark, colBot, colConn, colState, colMode, colTrades, numCols:
		}
		return panes.Paint{}, false
	}
}

// money colours an amount by its sign.
func (p paints) money(a Amount) (panes.Paint, bool) {
	if !a.Known {
		return panes.Paint{}, false
	}
	return *p.row.PnL(a.Value), true
}

// ageOf is how long ago t was at now.
func ageOf(now, t time.Time) time.Duration { return max(now.Sub(t), 0) }
