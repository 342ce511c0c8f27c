package performance

import (
	"strconv"
	"time"

	"github.com/freqdeck/freqdeck/panes"
)

// Column indexes, in display order.
const (
	colName = iota
	colCount
	colProfit
	colProfitAbs
	colWinrate
	colDuration
	numCols
)

// columns returns the table's columns for a grouping; the duration, the
// winrate and the ratio go first when the pane is narrow.
func columns(k panes.StatsKind) []panes.Column {
	name := map[panes.StatsKind]string{
		panes.StatsPairs: "Pair", panes.StatsEntries: "Entry tag",
		panes.StatsExits: "Exit reason", panes.StatsMixTags: "Entry + exit",
	}[k]
	return []panes.Column{
		colName:      {Title: name, Max: 32},
		colCount:     {Title: "Trades", Right: true},
		colProfit:    {Title: "Profit", Right: true, Drop: 2},
		colProfitAbs: {Title: "P/L", Right: true},
		colWinrate:   {Title: "Win", Right: true, Drop: 3},
		colDuration:  {Title: "Avg dur", Right: true, Drop: 4},
	}
}

// paint colours the profit cells by sign.
func paint(p *panes.RowPaints, r *row, _ []string, col int) *panes.Paint {
	switch col {
	case colProfit, colProfitAbs:
		return p.PnL(r.ProfitAbs)
	case colWinrate, colDuration:
		if r.seen == 0 {
			return &p.Muted
		}
	}
	return nil
}

// cells formats one group's row.
func cells(r row, _ time.Time) []string {
	c := make([]string, numCols)
	c[colName] = panes.Sanitize(r.Name)
	c[colCount] = strconv.Itoa(r.Count)
	c[colProfit] = panes.FormatPercent(r.ProfitRatio)
	c[colProfitAbs] = panes.FormatSignedMoney(r.ProfitAbs)
	c[colWinrate], c[colDuration] = "-", "-"
	if r.seen > 0 {
		c[colWinrate] = strconv.Itoa(r.wins*100/r.seen) + "%"
		c[colDuration] = panes.FormatDuration(r.dur)
	}
	return c
}
