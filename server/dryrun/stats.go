package dryrun

import (
	"context"
	"math"
	"sort"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// Profit implements rpc.Statistics with freqtrade's _rpc_trade_statistics:
// closed trades by their close profit, open trades at the current rate.
func (b *Bot) Profit(context.Context) (apiclient.Profit, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.profit(), nil
}

// ProfitAll implements rpc.Statistics; long and short are null in spot mode.
func (b *Bot) ProfitAll(context.Context) (apiclient.ProfitAll, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return apiclient.ProfitAll{All: b.profit()}, nil
}

// profitSums accumulates the per-trade numbers of /profit.
type profitSums struct {
	closedAbs, closedRatio, allAbs, allRatio []float64
	durations                                []time.Duration
	wins, losses                             int
	winProfit, lossProfit                    float64
	results                                  []closedResult
}

func (b *Bot) profitSums() profitSums {
	var s profitSums
	for _, t := range b.trades {
		if t.CloseDate != nil {
			s.durations = append(s.durations, t.CloseDate.Sub(t.OpenDate))
		}
		var abs, ratio float64
		if !t.IsOpen {
			abs, ratio = apiclient.Deref(t.CloseProfitAbs), apiclient.Deref(t.CloseProfit)
			s.closedAbs, s.closedRatio = append(s.closedAbs, abs), append(s.closedRatio, ratio)
			if ratio >= 0 {
				s.wins, s.winProfit = s.wins+1, s.winProfit+abs
			} else {
				s.losses, s.lossProfit = s.losses+1, s.lossProfit+abs
			}
			if t.CloseDate != nil {
				s.results = append(s.results, closedResult{closeDate: *t.CloseDate, profit: abs})
			}
		} else {
			if !hasFilledEntry(t) {
				continue
			}
			p := profitOf(t, b.rate(t.Pair, t.OpenRate))
			abs, ratio = p.totalAbs, p.ratio
		}
		s.allAbs, s.allRatio = append(s.allAbs, abs), append(s.allRatio, ratio)
	}
	return s
}

func (b *Bot) profit() apiclient.Profit {
	s := b.profitSums()
	start := b.cfg.DryRunWallet
	closedSum, allSum := round8(sum(s.closedAbs)), round8(sum(s.allAbs))
	p := apiclient.Profit{
		ProfitClosedCoin: closedSum, ProfitClosedRatioMean: mean(s.closedRatio), ProfitClosedRatioSum: sum(s.closedRatio),
		ProfitAllCoin: allSum, ProfitAllRatioMean: mean(s.allRatio), ProfitAllRatioSum: sum(s.allRatio),
		TradeCount: len(b.trades), ClosedTradeCount: len(s.closedAbs),
		WinningTrades: s.wins, LosingTrades: s.losses,
		BotStartTimestamp: apiclient.Millis(b.botStart), BotStartDate: apiclient.FormatDate(b.botStart),
	}
	p.ProfitClosedPercentMean, p.ProfitClosedPercentSum = roundN(p.ProfitClosedRatioMean*100, 2), roundN(p.ProfitClosedRatioSum*100, 2)
	p.ProfitAllPercentMean, p.ProfitAllPercentSum = roundN(p.ProfitAllRatioMean*100, 2), roundN(p.ProfitAllRatioSum*100, 2)
	p.ProfitClosedRatio, p.ProfitAllRatio = closedSum/start, allSum/start
	p.ProfitClosedPercent, p.ProfitAllPercent = roundN(p.ProfitClosedRatio*100, 2), roundN(p.ProfitAllRatio*100, 2)
	if len(b.trades) > 0 {
		first, last := b.trades[0].OpenDate, b.trades[len(b.trades)-1].OpenDate
		p.FirstTradeDate, p.FirstTradeTimestamp, p.FirstTradeHumanized = apiclient.FormatDate(first), apiclient.Millis(first), humanize(first, b.now)
		p.LatestTradeDate, p.LatestTradeTimestamp, p.LatestTradeHumanized = apiclient.FormatDate(last), apiclient.Millis(last), humanize(last, b.now)
	}
	var total time.Duration
	for _, d := range s.durations {
		total += d
	}
	p.AvgDuration = pyDuration(total / time.Duration(max(len(s.durations), 1)))
	if best, ok := b.bestPair(); ok {
		p.BestPair, p.BestPairProfitRatio, p.BestPairProfitAbs = best.key, best.ratio, best.abs
		p.BestRate = roundN(best.ratio*100, 2)
	}
	if s.lossProfit != 0 {
		p.ProfitFactor = apiclient.Ptr(s.winProfit / math.Abs(s.lossProfit))
	}
	if n := len(s.closedAbs); n > 0 {
		p.Winrate = float64(s.wins) / float64(n)
	}
	p.Expectancy, p.ExpectancyRatio = expectancy(s.closedAbs)
	b.setRisk(&p, s, start)
	p.TradingVolume = apiclient.Ptr(b.tradingVolume())
	return p
}

// setRisk fills the drawdown and risk-ratio fields of p.
func (b *Bot) setRisk(p *apiclient.Profit, s profitSums, start float64) {
	dd := computeDrawdown(s.results, start)
	p.MaxDrawdown, p.MaxDrawdownAbs = dd.relative, dd.abs
	p.MaxDrawdownStart, p.MaxDrawdownStartTimestamp = dateOrEmpty(dd.highDate)
	p.MaxDrawdownEnd, p.MaxDrawdownEndTimestamp = dateOrEmpty(dd.lowDate)
	p.CurrentDrawdown, p.CurrentDrawdownAbs, p.CurrentDrawdownHigh = dd.curRel, dd.curAbs, dd.curHigh
	p.CurrentDrawdownStart, p.CurrentDrawdownStartTS = dateOrEmpty(dd.curStart)
	var first, last time.Time
	if len(b.trades) > 0 {
		first, last = b.trades[0].OpenDate, b.trades[len(b.trades)-1].OpenDate
	}
	r := riskRatios(s.closedAbs, first, last, start, dd.relative)
	p.Sharpe, p.Sortino, p.SQN, p.Calmar, p.CAGR = r.sharpe, r.sortino, r.sqn, r.calmar, r.cagr
}

func dateOrEmpty(t time.Time) (string, int64) {
	if t.IsZero() {
		return "", 0
	}
	return apiclient.FormatDate(t), apiclient.Millis(t)
}

// tradingVolume is the cost of every filled order.
func (b *Bot) tradingVolume() float64 {
	v := 0.0
	for _, t := range b.trades {
		for _, o := range t.Orders {
			if filled(o) {
				v += apiclient.Deref(o.Cost)
			}
		}
	}
	return round8(v)
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return sum(xs) / float64(len(xs))
}

// Count implements rpc.Statistics.
func (b *Bot) Count(context.Context) (apiclient.Count, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.state == rpc.StateStopped {
		return apiclient.Count{}, rpc.NotRunning()
	}
	c := apiclient.Count{Current: len(b.openBy), Max: b.cfg.MaxOpenTrades}
	for _, t := range b.openBy {
		c.TotalStake += t.OpenRate * t.Amount
	}
	c.TotalStake = round8(c.TotalStake)
	return c, nil
}

// Stats implements rpc.Statistics: closed trades by exit reason and
// outcome, and the average duration of wins, draws and losses.
func (b *Bot) Stats(context.Context) (apiclient.Stats, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := apiclient.Stats{ExitReasons: map[string]apiclient.WinLossDraw{}}
	durs := map[string][]float64{}
	for _, t := range b.closedTrades() {
		outcome := "draws"
		switch p := apiclient.Deref(t.CloseProfit); {
		case p > 0:
			outcome = "wins"
		case p < 0:
			outcome = "losses"
		}
		reason := apiclient.Deref(t.ExitReason)
		w := out.ExitReasons[reason]
		switch outcome {
		case "wins":
			w.Wins++
		case "losses":
			w.Losses++
		default:
			w.Draws++
		}
		out.ExitReasons[reason] = w
		if t.CloseDate != nil {
			durs[outcome] = append(durs[outcome], t.CloseDate.Sub(t.OpenDate).Seconds())
		}
	}
	avg := func(xs []float64) *float64 {
		if len(xs) == 0 {
			return nil
		}
		return apiclient.Ptr(mean(xs))
	}
	out.Durations = apiclient.Durations{Wins: avg(durs["wins"]), Draws: avg(durs["draws"]), Losses: avg(durs["losses"])}
	return out, nil
}

// groupProfit is one row of the grouped profit routes.
type groupProfit struct {
	key        string
	abs, ratio float64 // sum of close_profit_abs, sum of close_profit
	cost       float64 // filled entry cost
	count      int
}

// groupClosed groups closed trades (of pair, when given) by key(t),
// ordered by absolute profit, highest first.
func (b *Bot) groupClosed(pair string, key func(tags) string) []groupProfit {
	idx := map[string]int{}
	var out []groupProfit
	for _, t := range b.closedTrades() {
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
			if isEntry(o) && filled(o) {
				g.cost += apiclient.Deref(o.Filled) * safePrice(o)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].abs > out[j].abs })
	for i := range out {
		out[i].abs = round8(out[i].abs)
	}
	return out
}

type tags struct{ pair, enter, exit string }

// bestPair is the pair with the highest closed profit.
func (b *Bot) bestPair() (groupProfit, bool) {
	g := b.groupClosed("", func(t tags) string { return t.pair })
	if len(g) == 0 {
		return groupProfit{}, false
	}
	return g[0], true
}

func orOther(s string) string {
	if s == "" {
		return "Other"
	}
	return s
}
