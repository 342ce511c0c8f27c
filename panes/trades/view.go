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

// paint colours the profit cells by sign and the tag muted.
func paint(p *panes.RowPaints, t *apiclient.OpenTrade, _ []string, col int) *panes.Paint {
	switch col {
	case colProfit:
		return p.PnL(apiclient.Deref(t.ProfitRatio))
	case colProfitAbs:
		return p.PnL(apiclient.Deref(t.ProfitAbs))
	case colTag:
		return &p.Muted
	}
	return nil
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
	c[colDuration] = Duration(t, now)
	c[colStop] = optional(t.StoplossCurrentDistRatio, panes.FormatPercent)
	if t.EnterTag != nil {
		c[colTag] = panes.Sanitize(*t.EnterTag)
	}
	return c
}

// Duration formats how long t has been open at now, on the bot's clock:
// the Dur column, and the trade detail, which must agree with it.
func Duration(t apiclient.OpenTrade, now time.Time) string {
	at := panes.TimeOf(t.OpenTimestamp, t.OpenDate)
	if at.IsZero() {
		return "-"
	}
	return panes.FormatDuration(now.Sub(at))
}

// optional formats *v, or "-" when it is nil.
func optional(v *float64, format func(float64) string) string {
	if v == nil {
		return "-"
	}
	return format(*v)
}
