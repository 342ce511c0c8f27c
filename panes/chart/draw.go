package chart

import (
	"math"
	"strings"
	"time"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/graph"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/charmbracelet/lipgloss"

	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/panes/plot"
)

// The smallest chart area drawn: room for price labels, a few candles and
// the time axis.
const (
	minWidth  = 24
	minHeight = 6
)

// xLabelEvery is the spacing of the time labels, in columns.
const xLabelEvery = 12

// render draws the body: a legend line over the chart, fitted to the inner
// size.
func (m *Model) render() []string {
	iw, ih := m.Inner()
	if iw <= 0 || ih <= 0 {
		return nil
	}
	st := m.Styles()
	switch {
	case m.pair == "" && m.Health().Problem != "":
		return m.NoData(iw)
	case m.pair == "":
		return []string{panes.Fit(st.Muted.Render(" No pair chosen: n picks the first of the whitelist"), iw)}
	case len(m.candles) == 0 && m.load.Pending():
		return []string{panes.Fit(st.Muted.Render(" Waiting for candles…"), iw)}
	case len(m.candles) == 0:
		return []string{panes.Fit(st.Muted.Render(" No candles for "+panes.Sanitize(m.pair)), iw)}
	case iw < minWidth || ih < minHeight+1:
		return plot.TooSmall(*st, iw, ih, minWidth, minHeight+1)
	}
	p := m.plan(iw, ih-1)
	lines := []string{panes.Fit(m.legend(p), iw)}
	return append(lines, m.draw(p)...)
}

// plan is what one drawing shows: the candles that fit, the price range
// and the lines and markers within it.
type plan struct {
	w, h    int
	candles []Candle
	lo, hi  float64
	open    *level // the open trade's open rate
	stop    *level // its stoploss
	marks   []mark
}

// level is a horizontal line at a price; out says it lies off the chart.
type level struct {
	price float64
	out   bool
}

// mark is an entry or exit of one of the bot's trades on the pair.
type mark struct {
	at    time.Time
	price float64
	entry bool
	short bool
	pnl   float64
}

// plan fits the newest candles into w×h cells: as many as the graph has
// columns once the price labels take their width.
func (m *Model) plan(w, h int) plan {
	p := plan{w: w, h: h}
	n := min(len(m.candles), w)
	for range 3 {
		p.candles = m.candles[len(m.candles)-n:]
		p.lo, p.hi = m.priceRange(p.candles)
		gw := m.graphWidth(p)
		if gw >= n {
			break
		}
		n = max(gw, 1)
	}
	p.open, p.stop = m.levels(&p)
	p.marks = m.marks(p.candles)
	return p
}

// graphWidth is the width of p's graph: its width less the price labels
// and the axis. The labels' width does not depend on the chart's width, so
// it is measured on a chart one column wide, which costs a column of cells
// instead of the whole canvas.
func (m *Model) graphWidth(p plan) int {
	narrow := p
	narrow.w = 1
	lc := m.chart(narrow)
	return p.w - 1 + lc.GraphWidth()
}

// priceRange is the lowest low and highest high of cs, widened a little so
// the extremes and markers stay inside.
func (m *Model) priceRange(cs []Candle) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, c := range cs {
		lo, hi = math.Min(lo, c.Low), math.Max(hi, c.High)
	}
	pad := (hi - lo) * 0.04
	if pad == 0 {
		pad = math.Max(math.Abs(hi)*0.001, 1e-9)
	}
	return lo - pad, hi + pad
}

// levels returns the open trade's open rate and stoploss on the pair. The
// open rate widens the range; a stoploss far off it would squash the
// candles, so it is only drawn when near, else named as off the chart.
func (m *Model) levels(p *plan) (open, stop *level) {
	for i := range m.trades {
		t := &m.trades[i]
		if t.Pair != m.pair {
			continue
		}
		open = &level{price: t.OpenRate}
		p.lo, p.hi = math.Min(p.lo, t.OpenRate), math.Max(p.hi, t.OpenRate)
		if t.StopLossAbs != nil && *t.StopLossAbs > 0 {
			s := *t.StopLossAbs
			span := p.hi - p.lo
			stop = &level{price: s, out: s < p.lo-span/4 || s > p.hi+span/4}
			if !stop.out {
				p.lo, p.hi = math.Min(p.lo, s), math.Max(p.hi, s)
			}
		}
		return open, stop
	}
	return nil, nil
}

// marks are the entries and exits of the bot's trades on the pair within
// the candles' time.
func (m *Model) marks(cs []Candle) []mark {
	if len(cs) == 0 {
		return nil
	}
	from, to := cs[0].At, cs[len(cs)-1].At.Add(m.candleSpan(cs))
	in := func(at time.Time) bool { return !at.Before(from) && at.Before(to) }
	var out []mark
	for i := range m.trades {
		t := &m.trades[i]
		if t.Pair == m.pair && in(t.OpenedAt()) {
			out = append(out, mark{at: t.OpenedAt(), price: t.OpenRate, entry: true, short: t.IsShort})
		}
	}
	for i := range m.closed {
		t := &m.closed[i]
		if t.Pair != m.pair {
			continue
		}
		if in(t.OpenedAt()) {
			out = append(out, mark{at: t.OpenedAt(), price: t.OpenRate, entry: true, short: t.IsShort})
		}
		if at := t.ClosedAt(); in(at) && t.CloseRate != nil {
			abs, _, _ := t.RealisedProfit()
			out = append(out, mark{at: at, price: *t.CloseRate, short: t.IsShort, pnl: abs})
		}
	}
	return out
}

// candleSpan is the time one candle covers: the gap between the last two.
func (m *Model) candleSpan(cs []Candle) time.Duration {
	if len(cs) < 2 {
		return time.Minute
	}
	return cs[len(cs)-1].At.Sub(cs[len(cs)-2].At)
}

// chart returns the empty line chart (axes and labels) of a plan.
func (m *Model) chart(p plan) linechart.Model {
	st := m.Styles()
	cs := p.candles
	layout := "15:04"
	if m.candleSpan(cs) >= 24*time.Hour {
		layout = "01-02"
	}
	xLabel := func(_ int, v float64) string {
		i := int(math.Round(v))
		if i < 0 || i >= len(cs) {
			return ""
		}
		return cs[i].At.UTC().Format(layout)
	}
	yLabel := func(_ int, v float64) string { return panes.FormatPrice(v) }
	// One unit per candle, so a column is a candle and the time labels
	// name the candle under them.
	return linechart.New(p.w, p.h, 0, float64(len(cs)), p.lo, p.hi,
		linechart.WithXYSteps(xLabelEvery, 2),
		linechart.WithStyles(st.Muted, st.Muted, st.Text),
		linechart.WithXLabelFormatter(xLabel),
		linechart.WithYLabelFormatter(yLabel),
	)
}

// legend is the line over the chart: the last candle's prices and what the
// lines and markers mean. When it is wider than the chart, the last candle
// shows its close only, so that the open rate, the stoploss and the
// markers' key stay whole.
func (m *Model) legend(p plan) string {
	st := m.Styles()
	last := p.candles[len(p.candles)-1]
	var keys []string
	if p.open != nil {
		keys = append(keys, st.Info.Render("─ open "+panes.FormatPrice(p.open.price)))
	}
	if p.stop != nil {
		text := "┄ stop " + panes.FormatPrice(p.stop.price)
		if p.stop.out {
			text += " (off the chart)"
		}
		keys = append(keys, st.Loss.Render(text))
	}
	if len(p.marks) > 0 {
		keys = append(keys, st.Muted.Render("▲ buy ▼ sell"))
	}
	sep := st.Muted.Render(" · ")
	full := strings.Join(append([]string{" " + strings.Join([]string{
		"O " + panes.FormatPrice(last.Open), "H " + panes.FormatPrice(last.High),
		"L " + panes.FormatPrice(last.Low), "C " + panes.FormatPrice(last.Close),
	}, " ")}, keys...), sep)
	if panes.Width(full) <= p.w {
		return full
	}
	return strings.Join(append([]string{" C " + panes.FormatPrice(last.Close)}, keys...), sep)
}

// candleStyles are the bullish and bearish candle styles.
func (m *Model) candleStyles() (bull, bear lipgloss.Style) {
	st := m.Styles()
	return st.Profit, st.Loss
}

// draw draws a plan's axes, levels, candles and markers and renders them.
//
// The candles are ntcharts' candlestick graph (DrawCandlestickBottomToTop)
// on its line chart's axes, one candle per column. Its time-series chart's
// DrawCandle is not used: it places candles by scaling time to columns, so
// two candles can share a column or leave one empty, and it gives no way
// to tell rising from falling candles without colour.
func (m *Model) draw(p plan) []string {
	lc := m.chart(p)
	if gw := lc.GraphWidth(); gw < len(p.candles) {
		// The levels widened the range and its labels: keep the newest.
		p.candles = p.candles[len(p.candles)-max(gw, 1):]
	}
	lc.DrawXYAxisAndLabel()
	c := &lc.Canvas
	bottom := lc.Origin().Y - 1
	x0 := lc.Origin().X + 1
	row := func(price float64) int {
		return bottom - int(math.Floor(lc.ScaleFloat64Point(canvas.Float64Point{Y: price}).Y))
	}
	bull, bear := m.candleStyles()
	for i, cd := range p.candles {
		s := bear
		if cd.Bullish() {
			s = bull
		}
		h := func(price float64) float64 { return lc.ScaleFloat64Point(canvas.Float64Point{Y: price}).Y }
		lo, hi := math.Min(cd.Open, cd.Close), math.Max(cd.Open, cd.Close)
		graph.DrawCandlestickBottomToTop(c, canvas.Point{X: x0 + i, Y: bottom}, h(cd.Low), h(lo), h(hi), h(cd.High), s)
		if m.Styles().Mono && cd.Bullish() {
			hollow(c, x0+i, row(hi), row(lo))
		}
	}
	st := m.Styles()
	if p.open != nil {
		m.drawLevel(c, x0, row(p.open.price), '─', st.Info)
	}
	if p.stop != nil && !p.stop.out {
		m.drawLevel(c, x0, row(p.stop.price), '┄', st.Loss)
	}
	for _, mk := range p.marks {
		m.drawMark(c, p, x0, bottom, row, mk)
	}
	return plot.Lines(c)
}

// hollow turns the heavy body runes of a rising candle between rows top
// and bottom into hollow ones, for colourless themes.
func hollow(c *canvas.Model, x, top, bottom int) {
	for y := top; y <= bottom; y++ {
		p := canvas.Point{X: x, Y: y}
		cell := c.Cell(p)
		switch cell.Rune {
		case '┃', '╹', '╻', '╿', '╽':
			c.SetCell(p, canvas.NewCellWithStyle('║', cell.Style))
		}
	}
}

// drawLevel draws a horizontal line across the empty cells of row y.
func (m *Model) drawLevel(c *canvas.Model, x0, y int, r rune, st lipgloss.Style) {
	for x := x0; x < c.Width(); x++ {
		p := canvas.Point{X: x, Y: y}
		if c.Cell(p).Rune == 0 {
			c.SetCell(p, canvas.NewCellWithStyle(r, st))
		}
	}
}

// drawMark puts an entry or exit marker at its candle: a buy (a long's
// entry, a short's exit) ▲ under the candle's low, a sell ▼ over its high.
func (m *Model) drawMark(c *canvas.Model, p plan, x0, bottom int, row func(float64) int, mk mark) {
	i := -1
	for j, cd := range p.candles {
		if !mk.at.Before(cd.At) {
			i = j
		}
	}
	if i < 0 {
		return
	}
	st := m.Styles()
	buy := mk.entry != mk.short
	glyph, y, style := '▼', row(p.candles[i].High)-1, st.Warning
	if buy {
		glyph, y, style = '▲', row(p.candles[i].Low)+1, st.Info
	}
	if !mk.entry {
		style = st.PnL(mk.pnl)
	}
	y = min(max(y, 0), bottom)
	c.SetCell(canvas.Point{X: x0 + i, Y: y}, canvas.NewCellWithStyle(glyph, style))
}
