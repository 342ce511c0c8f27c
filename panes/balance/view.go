package balance

import (
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// Column indexes, in display order.
const (
	colCurrency = iota
	colFree
	colUsed
	colTotal
	colStake
	colBot
)

// columns returns the table's columns; the bot's share, the used and the
// free amounts go first when the pane is narrow.
func columns(stake string) []panes.Column {
	inStake := "In stake"
	if stake != "" {
		inStake = "In " + stake
	}
	return []panes.Column{
		colCurrency: {Title: "Currency", Max: 24},
		colFree:     {Title: "Free", Right: true, Drop: 3},
		colUsed:     {Title: "Used", Right: true, Drop: 4},
		colTotal:    {Title: "Total", Right: true, Drop: 2},
		colStake:    {Title: inStake, Right: true},
		colBot:      {Title: "Bot owns", Right: true, Drop: 5},
	}
}

// render lays out the summary over the currency table, fitted to the
// inner size.
func (m *Model) render() []string {
	iw, ih := m.Inner()
	if iw <= 0 || ih <= 0 {
		return nil
	}
	if m.balance == nil {
		return m.NoData(iw)
	}
	lines := m.summary()
	for i, l := range lines {
		lines[i] = panes.Fit(l, iw)
	}
	if len(lines) >= ih {
		return lines[:ih]
	}
	return append(lines, m.table(iw, ih-len(lines))...)
}

// summary is the totals: in the stake currency and in fiat, the bot's
// share, the starting capital and the change since.
func (m *Model) summary() []string {
	st, b := m.Styles(), m.balance
	stake := panes.Sanitize(b.Stake)
	label := func(s string) string { return st.Muted.Render(" " + panes.Fit(s, 9)) }
	total := label("Total") + panes.FormatMoney(b.Total) + " " + stake
	if b.Symbol != "" && b.Value != 0 {
		total += st.Muted.Render(" ≈ ") + panes.FormatMoney(b.Value) + " " + panes.Sanitize(b.Symbol)
	}
	lines := []string{total, label("Bot") + panes.FormatMoney(b.TotalBot) + " " + stake}
	if b.StartingCapital != 0 {
		change := st.PnL(b.StartingCapitalRatio).Render(panes.FormatPercent(b.StartingCapitalRatio))
		lines = append(lines, label("Started")+panes.FormatMoney(b.StartingCapital)+" "+stake+"  "+change)
	}
	if b.Note != "" {
		lines = append(lines, st.Muted.Render(" "+panes.Sanitize(b.Note)))
	}
	return lines
}

// table renders the currencies from the scroll position: a header and up
// to h-1 rows of w cells, then blank lines.
func (m *Model) table(w, h int) []string {
	cur := m.balance.Currencies
	cells := make([][]string, len(cur))
	for i, c := range cur {
		cells[i] = currencyCells(c)
	}
	layout := panes.NewLayout(panes.Planned(columns(panes.Sanitize(m.balance.Stake)), cells), cells, w)
	lines := []string{layout.Header(m.Styles().Table.Header, w)}
	for i := m.top; i < len(cur) && len(lines) < h; i++ {
		lines = append(lines, layout.Row(cells[i], w, false, panes.Paint{}, nil))
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return lines
}

// currencyCells formats one currency's row; a futures position is marked.
func currencyCells(c apiclient.Balance) []string {
	name := panes.Sanitize(c.Currency)
	if c.IsPosition {
		name += " (" + panes.Sanitize(c.Side) + ")"
	}
	bot := "-"
	if c.EstStakeBot != nil {
		bot = panes.FormatMoney(*c.EstStakeBot)
	}
	return []string{
		colCurrency: name,
		colFree:     panes.FormatAmount(c.Free),
		colUsed:     panes.FormatAmount(c.Used),
		colTotal:    panes.FormatAmount(c.Balance),
		colStake:    panes.FormatMoney(c.EstStake),
		colBot:      bot,
	}
}
