package metrics

import (
	"math"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/store"
)

// Book is what the statistics are computed from: the bot's trades and
// prices at one moment. Its methods only read it; the caller must keep the
// trades unchanged while one runs (hold the bot's lock, or pass copies).
type Book struct {
	// Trades are every trade, open and closed, ordered by id.
	Trades []*store.Trade
	// Rates are the current rates by pair; a missing or NaN rate means
	// none, and a trade is then valued at its open rate.
	Rates map[string]float64
	// StartBalance is the starting capital (dry_run_wallet), in
	// StakeCurrency.
	StartBalance  float64
	StakeCurrency string
	// BotStart and Now are on the bot clock.
	BotStart, Now time.Time
	// ClosedProfit is the profit of closed trades left out of Trades. The
	// wallet (Balances) counts it; the other statistics only see Trades,
	// so a book of the open trades and ClosedProfit answers /balance
	// without reading a single closed trade.
	ClosedProfit float64
}

// rate returns the pair's current rate, or fallback when there is none.
func (b Book) rate(pair string, fallback float64) float64 {
	if r, ok := b.Rates[pair]; ok && !math.IsNaN(r) {
		return r
	}
	return fallback
}

// closed returns the closed trades ordered by id.
func (b Book) closed() []*store.Trade {
	var out []*store.Trade
	for _, t := range b.Trades {
		if !t.IsOpen {
			out = append(out, t)
		}
	}
	return out
}

// profitSums accumulates the per-trade numbers of /profit.
type profitSums struct {
	closedAbs, closedRatio, allAbs, allRatio []float64
	durations                                []time.Duration
	wins, losses                             int
	winProfit, lossProfit                    float64
	results                                  []closedResult
}

func (b Book) profitSums() profitSums {
	var s profitSums
	for _, t := range b.Trades {
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
			if !HasFilledEntry(t) {
				continue
			}
			p := ProfitOf(t, b.rate(t.Pair, t.OpenRate))
			abs, ratio = p.TotalAbs, p.Ratio
		}
		s.allAbs, s.allRatio = append(s.allAbs, abs), append(s.allRatio, ratio)
	}
	return s
}

// Profit is freqtrade's _rpc_trade_statistics (/profit): closed trades by
// their close profit, open trades at the current rate.
func (b Book) Profit() apiclient.Profit {
	s := b.profitSums()
	start := b.StartBalance
	closedSum, allSum := Round8(sum(s.closedAbs)), Round8(sum(s.allAbs))
	p := apiclient.Profit{
		ProfitClosedCoin: closedSum, ProfitClosedRatioMean: mean(s.closedRatio), ProfitClosedRatioSum: sum(s.closedRatio),
		ProfitAllCoin: allSum, ProfitAllRatioMean: mean(s.allRatio), ProfitAllRatioSum: sum(s.allRatio),
		TradeCount: len(b.Trades), ClosedTradeCount: len(s.closedAbs),
		WinningTrades: s.wins, LosingTrades: s.losses,
		BotStartTimestamp: apiclient.Millis(b.BotStart), BotStartDate: apiclient.FormatDate(b.BotStart),
	}
	p.ProfitClosedPercentMean, p.ProfitClosedPercentSum = RoundN(p.ProfitClosedRatioMean*100, 2), RoundN(p.ProfitClosedRatioSum*100, 2)
	p.ProfitAllPercentMean, p.ProfitAllPercentSum = RoundN(p.ProfitAllRatioMean*100, 2), RoundN(p.ProfitAllRatioSum*100, 2)
	p.ProfitClosedRatio, p.ProfitAllRatio = closedSum/start, allSum/start
	p.ProfitClosedPercent, p.ProfitAllPercent = RoundN(p.ProfitClosedRatio*100, 2), RoundN(p.ProfitAllRatio*100, 2)
	if len(b.Trades) > 0 {
		first, last := b.Trades[0].OpenDate, b.Trades[len(b.Trades)-1].OpenDate
		p.FirstTradeDate, p.FirstTradeTimestamp, p.FirstTradeHumanized = apiclient.FormatDate(first), apiclient.Millis(first), humanize(first, b.Now)
		p.LatestTradeDate, p.LatestTradeTimestamp, p.LatestTradeHumanized = apiclient.FormatDate(last), apiclient.Millis(last), humanize(last, b.Now)
	}
	var total time.Duration
	for _, d := range s.durations {
		total += d
	}
	p.AvgDuration = PyDuration(total / time.Duration(max(len(s.durations), 1)))
	if best, ok := b.bestPair(); ok {
		p.BestPair, p.BestPairProfitRatio, p.BestPairProfitAbs = best.key, best.ratio, best.abs
		p.BestRate = RoundN(best.ratio*100, 2)
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
func (b Book) setRisk(p *apiclient.Profit, s profitSums, start float64) {
	dd := computeDrawdown(s.results, start)
	p.MaxDrawdown, p.MaxDrawdownAbs = dd.relative, dd.abs
	p.MaxDrawdownStart, p.MaxDrawdownStartTimestamp = dateOrEmpty(dd.highDate)
	p.MaxDrawdownEnd, p.MaxDrawdownEndTimestamp = dateOrEmpty(dd.lowDate)
	p.CurrentDrawdown, p.CurrentDrawdownAbs, p.CurrentDrawdownHigh = dd.curRel, dd.curAbs, dd.curHigh
	p.CurrentDrawdownStart, p.CurrentDrawdownStartTS = dateOrEmpty(dd.curStart)
	var first, last time.Time
	if len(b.Trades) > 0 {
		first, last = b.Trades[0].OpenDate, b.Trades[len(b.Trades)-1].OpenDate
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
func (b Book) tradingVolume() float64 {
	v := 0.0
	for _, t := range b.Trades {
		for _, o := range t.Orders {
			if Filled(o) {
				v += apiclient.Deref(o.Cost)
			}
		}
	}
	return Round8(v)
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

// Stats is /stats: closed trades by exit reason and outcome, and the
// average duration of wins, draws and losses.
func (b Book) Stats() apiclient.Stats {
	out := apiclient.Stats{ExitReasons: map[string]apiclient.WinLossDraw{}}
	durs := map[string][]float64{}
	for _, t := range b.closed() {
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
	return out
}
