package metrics

import (
	"sort"

	"github.com/freqdeck/freqdeck/apiclient"
)

// groupProfit is one row of the grouped profit routes.
type groupProfit struct {
	key        string
	abs, ratio float64 // sum of close_profit_abs, sum of close_profit
	cost       float64 // filled entry cost
	count      int
}

// tags are what a closed trade is grouped by.
type tags struct{ pair, enter, exit string }

// groupClosed groups closed trades (of pair, when given) by key(t),
// ordered by absolute profit, highest first.
func (b Book) groupClosed(pair string, key func(tags) string) []groupProfit {
	idx := map[string]int{}
	var out []groupProfit
	for _, t := range b.closed() {
		if pair != "" && t.Pair != pair {
			continue
		}
		k := key(tags{pair: t.Pair, enter: apiclient.Deref(t.EnterTag), exit: apiclient.Deref(t.ExitReason)})
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, groupProfit{key: k})
		}
		g := &out[i]
		g.abs += apiclient.Deref(t.CloseProfitAbs)
		g.ratio += apiclient.Deref(t.CloseProfit)
		g.count++
		for _, o := range t.Orders {
			if IsEntry(o) && Filled(o) {
				g.cost += apiclient.Deref(o.Filled) * SafePrice(o)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].abs > out[j].abs })
	for i := range out {
		out[i].abs = Round8(out[i].abs)
	}
	return out
}

// bestPair is the pair with the highest closed profit.
func (b Book) bestPair() (groupProfit, bool) {
	g := b.groupClosed("", func(t tags) string { return t.pair })
	if len(g) == 0 {
		return groupProfit{}, false
	}
	return g[0], true
}

// OrOther is how the grouped routes name an empty tag: "Other".
func OrOther(tag string) string {
	if tag == "" {
		return "Other"
	}
	return tag
}

// Performance is /performance: closed profit per pair, the ratio being the
// pair's profit over its filled entry cost.
func (b Book) Performance() []apiclient.Performance {
	out := []apiclient.Performance{}
	for _, g := range b.groupClosed("", func(t tags) string { return t.pair }) {
		cost := g.cost
		if cost == 0 {
			cost = 1
		}
		ratio := g.abs / cost
		out = append(out, apiclient.Performance{Pair: g.key, Profit: RoundN(ratio*100, 2), ProfitRatio: ratio,
			ProfitPct: RoundN(ratio*100, 2), ProfitAbs: g.abs, Count: g.count})
	}
	return out
}

func tagProfit(g groupProfit) apiclient.TagProfit {
	return apiclient.TagProfit{ProfitRatio: g.ratio, ProfitPct: RoundN(g.ratio*100, 2), ProfitAbs: g.abs, Count: g.count}
}

// Entries is /entries (of pair, when given); trades without a tag count as
// "Other".
func (b Book) Entries(pair string) []apiclient.EntryStat {
	out := []apiclient.EntryStat{}
	for _, g := range b.groupClosed(pair, func(t tags) string { return OrOther(t.enter) }) {
		out = append(out, apiclient.EntryStat{EnterTag: g.key, TagProfit: tagProfit(g)})
	}
	return out
}

// Exits is /exits (of pair, when given).
func (b Book) Exits(pair string) []apiclient.ExitStat {
	out := []apiclient.ExitStat{}
	for _, g := range b.groupClosed(pair, func(t tags) string { return OrOther(t.exit) }) {
		out = append(out, apiclient.ExitStat{ExitReason: g.key, TagProfit: tagProfit(g)})
	}
	return out
}

// MixTags is /mix_tags (of pair, when given): "<enter_tag> <exit_reason>".
func (b Book) MixTags(pair string) []apiclient.MixTagStat {
	out := []apiclient.MixTagStat{}
	for _, g := range b.groupClosed(pair, func(t tags) string { return OrOther(t.enter) + " " + OrOther(t.exit) }) {
		out = append(out, apiclient.MixTagStat{MixTag: g.key, TagProfit: tagProfit(g)})
	}
	return out
}
