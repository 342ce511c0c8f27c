package history

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
	colOpened
	colClosed
	colDuration
	colProfit
	colProfitAbs
	colExit
	colTag
)

// dateLayout is how open and close times show (UTC).
const dateLayout = "01-02 15:04"

// columns returns the table's columns; Drop orders what goes first when the
// pane is narrow: the tag, the open date, the id, the side, the duration,
// the exit reason, then the absolute profit.
func columns() []panes.Column {
	return []panes.Column{
		colID:        {Title: "ID", Right: true, Drop: 6},
		colPair:      {Title: "Pair", Max: 18},
		colSide:      {Title: "L/S", Drop: 5},
		colOpened:    {Title: "Opened", Drop: 8},
		colClosed:    {Title: "Closed UTC"},
		colDuration:  {Title: "Dur", Right: true, Drop: 4},
		colProfit:    {Title: "Profit", Right: true},
		colProfitAbs: {Title: "P/L", Right: true, Drop: 2},
		colExit:      {Title: "Exit", Max: 18, Drop: 3},
		colTag:       {Title: "Tag", Max: 16, Drop: 9},
	}
}

// paint colours the profit cells by sign and the tag muted.
func paint(p *panes.RowPaints, t *apiclient.RawTrade, _ []string, col int) *panes.Paint {
	switch col {
	case colProfit, colProfitAbs:
		return p.PnL(profitAbs(t))
	case colTag:
		return &p.Muted
	}
	return nil
}

// cells formats one closed trade's row; nothing in it moves with the clock.
func cells(t apiclient.RawTrade, _ time.Time) []string {
	side := "L"
	if t.IsShort {
		side = "S"
	}
	c := make([]string, colTag+1)
	c[colID] = strconv.Itoa(t.TradeID)
	c[colPair] = panes.Sanitize(t.Pair)
	c[colSide] = side
	c[colOpened] = date(panes.TimeOf(t.OpenTimestamp, t.OpenDate))
	c[colClosed] = date(t.ClosedAt())
	c[colDuration] = "-"
	if d, ok := t.Duration(); ok {
		c[colDuration] = panes.FormatDuration(d)
	}
	abs, ratio, ok := t.RealisedProfit()
	c[colProfit] = "-"
	if ok {
		c[colProfit] = panes.FormatPercent(ratio)
	}
	c[colProfitAbs] = panes.FormatSignedMoney(abs)
	c[colExit] = panes.Sanitize(exitReason(&t))
	c[colTag] = panes.Sanitize(apiclient.Deref(t.EnterTag))
	return c
}

// date formats a time, "-" when unknown.
func date(at time.Time) string {
	if at.IsZero() {
		return "-"
	}
	return at.UTC().Format(dateLayout)
}

// profitAbs is a closed trade's realised profit.
func profitAbs(t *apiclient.RawTrade) float64 {
	abs, _, _ := t.RealisedProfit()
	return abs
}
