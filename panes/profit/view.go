package profit

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/freqdeck/freqdeck/panes"
)

// item is one labelled value; value may carry styles.
type item struct {
	label string
	value string
}

// gap separates grid columns and compact items.
const gap = "   "

// render lays the items out in w×h cells: a grid of aligned label/value
// columns when they all fit, else a compact flow that keeps the most
// important items (items are in priority order).
func (m *Model) render(w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.profit == nil && m.count == nil && m.balance == nil && m.config == nil {
		return strings.Join(m.NoData(w), "\n")
	}
	items := m.items()
	if body, ok := grid(items, w, h); ok {
		return body
	}
	return flow(items, w, h)
}

// items returns what the pane shows, most important first.
func (m *Model) items() []item {
	st := *m.Styles()
	dash := st.Muted.Render("-")
	stake := m.stakeCurrency()
	it := []item{{"State", m.state()}}
	p := m.profit
	if p != nil {
		it = append(it,
			item{"All", money(st, p.ProfitAllCoin, p.ProfitAllRatio, stake)},
			item{"Closed", money(st, p.ProfitClosedCoin, p.ProfitClosedRatio, stake)},
		)
	} else {
		it = append(it, item{"All", dash}, item{"Closed", dash})
	}
	it = append(it, item{"Open", m.slots()}, item{"Balance", m.balanceText()})
	if p == nil {
		return it
	}
	return append(it,
		item{"Trades", strconv.Itoa(p.TradeCount) + " (" + strconv.Itoa(p.ClosedTradeCount) + " closed)"},
		item{"Win/loss", st.Profit.Render(strconv.Itoa(p.WinningTrades)) + "/" + st.Loss.Render(strconv.Itoa(p.LosingTrades))},
		item{"Winrate", unsignedPct(p.Winrate)},
		item{"Profit factor", m.profitFactor()},
		item{"Expectancy", st.PnL(p.Expectancy).Render(panes.FormatSignedMoney(p.Expectancy)) +
			" (ratio " + strconv.FormatFloat(p.ExpectancyRatio, 'f', 2, 64) + ")"},
		item{"Max drawdown", unsignedPct(p.MaxDrawdown) + " (" + panes.FormatMoney(p.MaxDrawdownAbs) + " " + stake + ")"},
		item{"Best pair", m.bestPair()},
	)
}

// stakeCurrency returns the stake currency from the config or balance.
func (m *Model) stakeCurrency() string {
	switch {
	case m.config != nil && m.config.StakeCurrency != "":
		return panes.Sanitize(m.config.StakeCurrency)
	case m.balance != nil:
		return panes.Sanitize(m.balance.Stake)
	}
	return ""
}

// state renders the bot state and dry/live mode.
func (m *Model) state() string {
	st := *m.Styles()
	if m.config == nil {
		return st.Muted.Render("-")
	}
	state := st.StateStyle(m.config.State).Render(panes.Sanitize(m.config.State))
	if m.config.DryRun {
		return state + " · " + st.Mode.DryRun.Render("dry run")
	}
	return state + " · " + st.Mode.Live.Render("LIVE")
}

// slots renders open trades against the maximum.
func (m *Model) slots() string {
	if m.count == nil {
		return m.Styles().Muted.Render("-")
	}
	limit := strconv.Itoa(m.count.Max)
	if m.count.Max < 0 {
		limit = "∞"
	}
	return strconv.Itoa(m.count.Current) + "/" + limit
}

// balanceText renders the bot's total balance in the stake currency.
func (m *Model) balanceText() string {
	if m.balance == nil {
		return m.Styles().Muted.Render("-")
	}
	return strings.TrimSpace(panes.FormatMoney(m.balance.Total) + " " + panes.Sanitize(m.balance.Stake))
}

// profitFactor renders the profit factor: undefined ("-") before a trade
// closed, infinite when none lost.
func (m *Model) profitFactor() string {
	if m.profit.ClosedTradeCount == 0 {
		return m.Styles().Muted.Render("-")
	}
	return panes.FormatFactor(m.profit.ProfitFactor)
}

// bestPair renders the best pair and its profit.
func (m *Model) bestPair() string {
	p := m.profit
	if p.BestPair == "" {
		return m.Styles().Muted.Render("-")
	}
	return panes.Sanitize(p.BestPair) + " " +
		m.Styles().PnL(p.BestPairProfitRatio).Render(panes.FormatPercent(p.BestPairProfitRatio))
}

// money renders "+12.30 USDT (+1.23%)" coloured by its sign.
func money(st panes.Styles, abs, ratio float64, currency string) string {
	text := strings.TrimSpace(panes.FormatSignedMoney(abs)+" "+currency) + " (" + panes.FormatPercent(ratio) + ")"
	return st.PnL(abs).Render(text)
}

// unsignedPct renders a ratio as a percentage without a sign.
func unsignedPct(ratio float64) string {
	return strconv.FormatFloat(ratio*100, 'f', 2, 64) + "%"
}

// grid lays items out in as many aligned label/value columns as fit in w,
// row by row; it fails when the rows do not fit in h.
func grid(items []item, w, h int) (string, bool) {
	lw, vw := 0, 0
	for _, it := range items {
		lw = max(lw, len(it.label))
		vw = max(vw, ansi.StringWidth(it.value))
	}
	cellW := 1 + lw + 1 + vw
	cols := max(1, (w+len(gap))/(cellW+len(gap)))
	rows := (len(items) + cols - 1) / cols
	if rows > h {
		return "", false
	}
	lines := make([]string, rows)
	for i, it := range items {
		r, c := i/cols, i%cols
		cell := " " + panes.Fit(it.label, lw) + " " + it.value
		if c > 0 {
			lines[r] += gap
		}
		if c < cols-1 && i < len(items)-1 {
			cell = panes.Fit(cell, cellW)
		}
		lines[r] += cell
	}
	return strings.Join(lines, "\n"), true
}

// flow packs "label value" items into at most h lines of w cells, in order,
// dropping what does not fit.
func flow(items []item, w, h int) string {
	var lines []string
	line, lineW := "", 0
	for _, it := range items {
		text := it.label + " " + it.value
		tw := ansi.StringWidth(text)
		switch {
		case lineW == 0:
			line, lineW = " "+text, 1+tw
		case lineW+len(gap)+tw <= w:
			line += gap + text
			lineW += len(gap) + tw
		default:
			lines = append(lines, line)
			if len(lines) == h {
				return strings.Join(lines, "\n")
			}
			line, lineW = " "+text, 1+tw
		}
	}
	lines = append(lines, line)
	return strings.Join(lines, "\n")
}
