package overview

import (
	"sort"
	"strconv"
)

// total sums the bots of one stake currency: amounts in different
// currencies are never added together.
type total struct {
	currency string
	bots     int
	online   int
	open     int
	max      int
	maxKnown bool
	// missing counts the bots with a figure not known yet.
	missing                        int
	openProfit, today, week, whole Amount
}

// totals sums rows per stake currency, by currency name; bots whose
// currency is not known yet are left out.
func totals(rows []Row) []total {
	by := map[string]*total{}
	for _, r := range rows {
		if r.Currency == "" {
			continue
		}
		t := by[r.Currency]
		if t == nil {
			t = &total{currency: r.Currency, maxKnown: true}
			by[r.Currency] = t
		}
		t.add(r)
	}
	out := make([]total, 0, len(by))
	for _, t := range by {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].currency < out[j].currency })
	return out
}

// add counts row r in t.
func (t *total) add(r Row) {
	t.bots++
	if r.Fresh {
		t.online++
	}
	t.open += r.Open
	if r.MaxKnown && r.Max >= 0 && t.maxKnown {
		t.max += r.Max
	} else {
		t.maxKnown = false
	}
	complete := r.TradesKnown
	for _, p := range []struct {
		sum *Amount
		v   Amount
	}{{&t.openProfit, r.OpenProfit}, {&t.today, r.Today}, {&t.week, r.Week}, {&t.whole, r.Total}} {
		if !p.v.Known {
			complete = false
			continue
		}
		p.sum.Value += p.v.Value
		p.sum.Known = true
	}
	if !complete {
		t.missing++
	}
}

// cells formats the totals row.
func (t total) cells() []string {
	c := make([]string, numCols)
	c[colBot] = "Σ " + t.currency
	c[colConn] = strconv.Itoa(t.online) + "/" + strconv.Itoa(t.bots) + " online"
	c[colTrades] = strconv.Itoa(t.open)
	if t.maxKnown {
		c[colTrades] += "/" + strconv.Itoa(t.max)
	}
	c[colOpen], c[colToday], c[colWeek], c[colTotal] = money(t.openProfit), money(t.today), money(t.week), money(t.whole)
	switch t.missing {
	case 0:
	case 1:
		c[colNote] = "1 bot not fully known"
	default:
		c[colNote] = strconv.Itoa(t.missing) + " bots not fully known"
	}
	return c
}
