package overview

import (
	"cmp"
	"slices"
	"strings"
)

// column is a column of the overview table.
type column int

// The columns, in display order.
const (
	colMark column = iota
	colBot
	colConn
	colState
	colMode
	colTrades
	colOpen
	colToday
	colWeek
	colTotal
	colNote
	numCols
)

// sortable returns the columns the sort key cycles through, in order.
func sortable() []column {
	return []column{colBot, colConn, colTrades, colOpen, colToday, colWeek, colTotal}
}

// next is the sort column after c.
func (c column) next() column {
	s := sortable()
	return s[(slices.Index(s, c)+1)%len(s)]
}

// descending reports whether c sorts largest first by default: the figures
// do; names go A to Z, and the connection puts the bots that are down
// first either way.
func (c column) descending() bool { return c != colBot && c != colConn }

// sortRows returns rows sorted by column by (descending when desc); rows
// whose figure is not known go last, ties by name.
func sortRows(rows []Row, by column, desc bool) []Row {
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b Row) int {
		ka, okA := sortKey(a, by)
		kb, okB := sortKey(b, by)
		switch {
		case okA != okB:
			if okA {
				return -1
			}
			return 1
		case ka != kb:
			c := cmp.Compare(ka, kb)
			if desc {
				c = -c
			}
			return c
		}
		if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			if by == colBot && desc {
				return -c
			}
			return c
		}
		return cmp.Compare(a.Bot, b.Bot)
	})
	return out
}

// sortKey is r's figure in column by; ok is false when it is not known.
// The connection sorts bots that are down before the others.
func sortKey(r Row, by column) (float64, bool) {
	amount := func(a Amount) (float64, bool) { return a.Value, a.Known }
	switch by {
	case colConn:
		if r.Fresh {
			return 1, true
		}
		return 0, true
	case colTrades:
		return float64(r.Open), r.TradesKnown
	case colOpen:
		return amount(r.OpenProfit)
	case colToday:
		return amount(r.Today)
	case colWeek:
		return amount(r.Week)
	case colTotal:
		return amount(r.Total)
	case colMark, colBot, colState, colMode, colNote, numCols:
	}
	return 0, true
}
