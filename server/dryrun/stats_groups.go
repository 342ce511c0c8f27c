package dryrun

import (
	"context"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Performance implements rpc.Statistics: closed profit per pair, the ratio
// being the pair's profit over its filled entry cost.
func (b *Bot) Performance(context.Context) ([]apiclient.Performance, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := []apiclient.Performance{}
	for _, g := range b.groupClosed("", func(t tags) string { return t.pair }) {
		cost := g.cost
		if cost == 0 {
			cost = 1
		}
		ratio := g.abs / cost
		out = append(out, apiclient.Performance{Pair: g.key, Profit: roundN(ratio*100, 2), ProfitRatio: ratio,
			ProfitPct: roundN(ratio*100, 2), ProfitAbs: g.abs, Count: g.count})
	}
	return out, nil
}

func tagProfit(g groupProfit) apiclient.TagProfit {
	return apiclient.TagProfit{ProfitRatio: g.ratio, ProfitPct: roundN(g.ratio*100, 2), ProfitAbs: g.abs, Count: g.count}
}

// Entries implements rpc.Statistics; trades without a tag count as "Other".
func (b *Bot) Entries(_ context.Context, pair string) ([]apiclient.EntryStat, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := []apiclient.EntryStat{}
	for _, g := range b.groupClosed(pair, func(t tags) string { return orOther(t.enter) }) {
		out = append(out, apiclient.EntryStat{EnterTag: g.key, TagProfit: tagProfit(g)})
	}
	return out, nil
}

// Exits implements rpc.Statistics.
func (b *Bot) Exits(_ context.Context, pair string) ([]apiclient.ExitStat, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := []apiclient.ExitStat{}
	for _, g := range b.groupClosed(pair, func(t tags) string { return orOther(t.exit) }) {
		out = append(out, apiclient.ExitStat{ExitReason: g.key, TagProfit: tagProfit(g)})
	}
	return out, nil
}

// MixTags implements rpc.Statistics: "<enter_tag> <exit_reason>".
func (b *Bot) MixTags(_ context.Context, pair string) ([]apiclient.MixTagStat, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := []apiclient.MixTagStat{}
	for _, g := range b.groupClosed(pair, func(t tags) string { return orOther(t.enter) + " " + orOther(t.exit) }) {
		out = append(out, apiclient.MixTagStat{MixTag: g.key, TagProfit: tagProfit(g)})
	}
	return out, nil
}

// PeriodicProfit implements rpc.Statistics (/daily, /weekly, /monthly):
// newest period first; each period's starting balance walks back from the
// current total stake by the closed profit of the periods after it.
func (b *Bot) PeriodicProfit(_ context.Context, unit apiclient.PeriodUnit, timescale int) (apiclient.PeriodicProfit, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := apiclient.PeriodicProfit{Data: []apiclient.PeriodProfit{}, StakeCurrency: b.cfg.StakeCurrency}
	start := periodStart(b.now, unit)
	w := b.wallet()
	balance := w.tiedUp + w.free
	closed := b.closedTrades()
	for i := range max(timescale, 1) {
		from := periodShift(start, unit, -i)
		to := periodShift(from, unit, 1)
		row := apiclient.PeriodProfit{Date: from.Format(apiclient.DayFormat)}
		for _, t := range closed {
			if c := apiclient.Deref(t.CloseDate); !c.Before(from) && c.Before(to) {
				row.AbsProfit += apiclient.Deref(t.CloseProfitAbs)
				row.TradeCount++
			}
		}
		row.AbsProfit = round8(row.AbsProfit)
		balance -= row.AbsProfit
		row.StartingBalance = balance
		if balance > 0 {
			row.RelProfit = round8(row.AbsProfit / balance)
		}
		out.Data = append(out.Data, row)
	}
	return out, nil
}

// periodStart is the start (UTC midnight) of the day, week (Monday) or
// month holding t.
func periodStart(t time.Time, unit apiclient.PeriodUnit) time.Time {
	t = t.UTC()
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	switch unit {
	case apiclient.Weekly:
		return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	case apiclient.Monthly:
		return day.AddDate(0, 0, 1-day.Day())
	default:
		return day
	}
}

// periodShift moves t by n periods of unit.
func periodShift(t time.Time, unit apiclient.PeriodUnit, n int) time.Time {
	switch unit {
	case apiclient.Weekly:
		return t.AddDate(0, 0, 7*n)
	case apiclient.Monthly:
		return t.AddDate(0, n, 0)
	default:
		return t.AddDate(0, 0, n)
	}
}

// Balance implements rpc.Statistics with freqtrade's simulated balances:
// the stake currency row plus one row per coin held by an open trade.
func (b *Bot) Balance(context.Context) (apiclient.Balances, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	w := b.wallet()
	stake := b.cfg.StakeCurrency
	rows := []apiclient.Balance{{Currency: stake, Free: w.free, Balance: w.total, Used: w.used,
		BotOwned: apiclient.Ptr(w.total), EstStake: w.total, EstStakeBot: apiclient.Ptr(w.total), Stake: stake, Side: "long",
		IsBotManaged: true}}
	total := w.total
	for _, t := range b.openTrades() {
		if t.Amount <= 0 {
			continue
		}
		base, _, _ := splitPair(t.Pair)
		pending := 0.0
		for _, o := range openOrders(t) {
			if !isEntry(o) {
				pending += apiclient.Deref(o.Amount)
			}
		}
		value := t.Amount * b.rate(t.Pair, t.OpenRate)
		rows = append(rows, apiclient.Balance{Currency: base, Free: t.Amount - pending, Balance: t.Amount,
			Used: pending, BotOwned: apiclient.Ptr(t.Amount), EstStake: value, EstStakeBot: apiclient.Ptr(value), Stake: stake,
			Side: "long", IsBotManaged: true})
		total += value
	}
	start := b.cfg.DryRunWallet
	ratio := total/start - 1
	return apiclient.Balances{Currencies: rows, Total: total, TotalBot: total, Symbol: "", Stake: stake,
		Note: "Simulated balances", StartingCapital: start, StartingCapitalRatio: ratio,
		StartingCapitalPct: roundN(ratio*100, 2)}, nil
}
