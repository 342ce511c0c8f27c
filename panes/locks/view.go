package locks

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
	colUntil
	colLeft
	colReason
)

// expired is the "time left" of a lock whose end has passed.
const expired = "expired"

// columns returns the table's columns; the reason and the end time go
// first when the pane is narrow.
func columns() []panes.Column {
	return []panes.Column{
		colID:     {Title: "ID", Right: true, Drop: 3},
		colPair:   {Title: "Pair", Max: 18},
		colSide:   {Title: "Side", Drop: 2},
		colUntil:  {Title: "Until UTC", Drop: 4},
		colLeft:   {Title: "Left", Right: true},
		colReason: {Title: "Reason", Drop: 5},
	}
}

// paint colours the time left (muted once expired) and the reason.
func paint(p *panes.RowPaints, _ *apiclient.Lock, row []string, col int) *panes.Paint {
	switch {
	case col == colLeft && row[colLeft] == expired:
		return &p.Muted
	case col == colLeft:
		return &p.Warning
	case col == colReason:
		return &p.Muted
	}
	return nil
}

// cells formats one lock's row.
func cells(l apiclient.Lock, now time.Time) []string {
	c := make([]string, colReason+1)
	c[colID] = strconv.Itoa(l.ID)
	c[colPair] = panes.Sanitize(l.Pair)
	if l.Pair == "*" {
		c[colPair] = "* (all)"
	}
	c[colSide] = panes.Sanitize(l.Side)
	if l.Side == "*" || l.Side == "" {
		c[colSide] = "both"
	}
	end := panes.TimeOf(l.LockEndTimestamp, l.LockEndTime)
	c[colUntil] = "-"
	c[colLeft] = "-"
	if !end.IsZero() {
		c[colUntil] = end.Format("01-02 15:04")
		c[colLeft] = expired
		if left := end.Sub(now); left > 0 {
			c[colLeft] = panes.FormatDuration(left)
		}
	}
	if l.Reason != nil {
		c[colReason] = panes.Sanitize(*l.Reason)
	}
	return c
}
