package dryrun

import (
	"context"
	"math"
	"sort"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/metrics"
)

// runBusyBot trades the default strategy for about two days of bot time,
// with partial and full force exits mixed in, and returns the bot.
func runBusyBot(t *testing.T) *Bot {
	t.Helper()
	ctx := context.Background()
	cfg := DefaultConfig()
	cfg.Market.Seed = 11
	cfg.Timeframe = "5m"
	clock := newTestClock(wall)
	b, err := New(ctx, cfg, WithEventBuffer(1), WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	for i := range 600 {
		clock.add(b.tf)
		if err := b.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		if i%40 != 39 {
			continue
		}
		st, _ := b.Status(ctx)
		for _, tr := range st {
			if tr.NrOfSuccessfulEntries > 0 && !tr.HasOpenOrders {
				half := tr.Amount / 2
				req := apiclient.ForceExitRequest{TradeID: apiclient.TradeRefID(tr.TradeID), Amount: &half}
				if i%80 == 79 {
					req.Amount = nil
				}
				if _, err := b.ForceExit(ctx, req); err != nil && rpcMsg(err) == "" {
					t.Fatal(err)
				}
				break
			}
		}
	}
	return b
}

type tally struct {
	abs, ratio float64
	count      int
}

func closeTo(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-6*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.10f, recomputed %.10f", what, got, want)
	}
}

// TestStatisticsAgreeWithTrades recomputes /profit, /performance,
// /entries, /exits, /mix_tags, /stats, /daily, /weekly, /monthly, /balance
// and /count from the trades /trades and /status return.
func TestStatisticsAgreeWithTrades(t *testing.T) {
	t.Parallel()
	b := runBusyBot(t)
	ctx := context.Background()
	resp, _ := b.Trades(ctx, apiclient.TradesQuery{Limit: 100000})
	closed := resp.Trades
	open, _ := b.Status(ctx)
	if len(closed) < 30 || len(open) == 0 || resp.TotalTrades != len(closed) {
		t.Fatalf("scenario too thin: %d closed, %d open", len(closed), len(open))
	}
	partial := 0
	for _, tr := range closed {
		if tr.NrOfSuccessfulExits > 1 {
			partial++
		}
	}
	if partial == 0 {
		t.Fatal("no trade with a partial exit")
	}

	var closedAbs, closedRatio, allAbs, volume, winProfit, lossProfit float64
	wins, losses := 0, 0
	byPair, byEnter, byExit, byMix := map[string]tally{}, map[string]tally{}, map[string]tally{}, map[string]tally{}
	entryCost := map[string]float64{}
	var durations time.Duration
	reasons := map[string]apiclient.WinLossDraw{}
	for _, tr := range closed {
		abs, ratio := *tr.CloseProfitAbs, *tr.CloseProfit
		closedAbs += abs
		closedRatio += ratio
		if ratio >= 0 {
			wins++
			winProfit += abs
		} else {
			losses++
			lossProfit += abs
		}
		add := func(m map[string]tally, k string) {
			v := m[k]
			v.abs, v.ratio, v.count = v.abs+abs, v.ratio+ratio, v.count+1
			m[k] = v
		}
		enter, exit := metrics.OrOther(apiclient.Deref(tr.EnterTag)), metrics.OrOther(apiclient.Deref(tr.ExitReason))
		add(byPair, tr.Pair)
		add(byEnter, enter)
		add(byExit, exit)
		add(byMix, enter+" "+exit)
		durations += time.Duration(*tr.TradeDurationS) * time.Second
		w := reasons[exit]
		switch {
		case ratio > 0:
			w.Wins++
		case ratio < 0:
			w.Losses++
		default:
			w.Draws++
		}
		reasons[exit] = w
		for _, o := range tr.Orders {
			if o.Filled != nil && *o.Filled > 0 {
				volume += o.Cost
				if o.FtIsEntry {
					entryCost[tr.Pair] += *o.Filled * o.SafePrice
				}
			}
		}
	}
	allAbs = closedAbs
	var realizedOpen, stakeOpen, pendingStake, heldValue, totalStake float64
	for _, tr := range open {
		realizedOpen += tr.RealizedProfit
		stakeOpen += tr.StakeAmount
		totalStake += tr.OpenRate * tr.Amount
		if tr.NrOfSuccessfulEntries > 0 {
			allAbs += tr.TotalProfitAbs
			heldValue += tr.Amount * *tr.CurrentRate
		}
		for _, o := range tr.Orders {
			if o.Filled != nil && *o.Filled > 0 {
				volume += o.Cost
			}
			if o.IsOpen && o.FtOrderSide == "buy" {
				pendingStake += o.Amount * o.SafePrice
			}
		}
	}

	// /profit
	p, _ := b.Profit(ctx)
	closeTo(t, "profit_closed_coin", p.ProfitClosedCoin, closedAbs)
	closeTo(t, "profit_closed_ratio_sum", p.ProfitClosedRatioSum, closedRatio)
	closeTo(t, "profit_closed_ratio_mean", p.ProfitClosedRatioMean, closedRatio/float64(len(closed)))
	closeTo(t, "profit_closed_ratio", p.ProfitClosedRatio, closedAbs/1000)
	closeTo(t, "profit_all_coin", p.ProfitAllCoin, allAbs)
	closeTo(t, "trading_volume", *p.TradingVolume, volume)
	closeTo(t, "profit_factor", *p.ProfitFactor, winProfit/math.Abs(lossProfit))
	closeTo(t, "winrate", p.Winrate, float64(wins)/float64(len(closed)))
	if p.TradeCount != len(closed)+len(open) || p.ClosedTradeCount != len(closed) || p.WinningTrades != wins || p.LosingTrades != losses {
		t.Errorf("counts: %d/%d/%d/%d", p.TradeCount, p.ClosedTradeCount, p.WinningTrades, p.LosingTrades)
	}
	if want := metrics.PyDuration(durations / time.Duration(len(closed))); p.AvgDuration != want {
		t.Errorf("avg_duration %q, recomputed %q", p.AvgDuration, want)
	}
	if p.FirstTradeTimestamp != minOpen(closed, open) || p.MaxDrawdownAbs < 0 || p.MaxDrawdown < 0 || p.MaxDrawdown > 1 {
		t.Errorf("first trade %d (want %d), drawdown %v/%v", p.FirstTradeTimestamp, minOpen(closed, open), p.MaxDrawdown, p.MaxDrawdownAbs)
	}

	// /performance, /entries, /exits, /mix_tags
	perf, _ := b.Performance(ctx)
	checkGroups(t, "performance", len(perf), byPair, func(i int) (string, float64, float64, int) {
		r := perf[i]
		closeTo(t, "performance ratio "+r.Pair, r.ProfitRatio, byPair[r.Pair].abs/entryCost[r.Pair])
		return r.Pair, r.ProfitAbs, byPair[r.Pair].ratio, r.Count
	})
	if p.BestPair != perf[0].Pair || !sort.SliceIsSorted(perf, func(i, j int) bool { return perf[i].ProfitAbs > perf[j].ProfitAbs }) {
		t.Errorf("best pair %q, performance starts with %q", p.BestPair, perf[0].Pair)
	}
	entries, _ := b.Entries(ctx, "")
	checkGroups(t, "entries", len(entries), byEnter, func(i int) (string, float64, float64, int) {
		return entries[i].EnterTag, entries[i].ProfitAbs, entries[i].ProfitRatio, entries[i].Count
	})
	exits, _ := b.Exits(ctx, "")
	checkGroups(t, "exits", len(exits), byExit, func(i int) (string, float64, float64, int) {
		return exits[i].ExitReason, exits[i].ProfitAbs, exits[i].ProfitRatio, exits[i].Count
	})
	mix, _ := b.MixTags(ctx, "")
	checkGroups(t, "mix_tags", len(mix), byMix, func(i int) (string, float64, float64, int) {
		return mix[i].MixTag, mix[i].ProfitAbs, mix[i].ProfitRatio, mix[i].Count
	})

	// /stats
	stats, _ := b.Stats(ctx)
	if len(stats.ExitReasons) != len(reasons) {
		t.Errorf("stats reasons %v, recomputed %v", stats.ExitReasons, reasons)
	}
	for k, v := range reasons {
		if stats.ExitReasons[k] != v {
			t.Errorf("stats %s = %+v, recomputed %+v", k, stats.ExitReasons[k], v)
		}
	}

	// /balance and /count
	bal, _ := b.Balance(ctx)
	closeTo(t, "balance total", bal.Total, 1000+closedAbs+realizedOpen-stakeOpen+pendingStake+heldValue)
	closeTo(t, "starting_capital_ratio", bal.StartingCapitalRatio, bal.Total/1000-1)
	cnt, _ := b.Count(ctx)
	closeTo(t, "count total_stake", cnt.TotalStake, totalStake)
	if cnt.Current != len(open) || cnt.Max != 5 {
		t.Errorf("count %+v", cnt)
	}

	// /daily, /weekly, /monthly
	checkPeriods(t, b, closed, 1000+closedAbs+realizedOpen)
}

func minOpen(closed []apiclient.RawTrade, open []apiclient.OpenTrade) int64 {
	m := int64(math.MaxInt64)
	for _, t := range closed {
		m = min(m, t.OpenTimestamp)
	}
	for _, t := range open {
		m = min(m, t.OpenTimestamp)
	}
	return m
}

// checkGroups compares n grouped rows with the recomputed tallies.
func checkGroups(t *testing.T, what string, n int, want map[string]tally, row func(int) (string, float64, float64, int)) {
	t.Helper()
	if n != len(want) {
		t.Errorf("%s: %d rows, recomputed %d", what, n, len(want))
	}
	prev := math.Inf(1)
	for i := range n {
		k, abs, ratio, count := row(i)
		w := want[k]
		closeTo(t, what+" "+k+" profit_abs", abs, w.abs)
		closeTo(t, what+" "+k+" profit_ratio", ratio, w.ratio)
		if count != w.count || abs > prev+1e-9 {
			t.Errorf("%s %s: count %d (want %d), order %v after %v", what, k, count, w.count, abs, prev)
		}
		prev = abs
	}
}

func checkPeriods(t *testing.T, b *Bot, closed []apiclient.RawTrade, total float64) {
	t.Helper()
	ctx := context.Background()
	for _, unit := range []apiclient.PeriodUnit{apiclient.Daily, apiclient.Weekly, apiclient.Monthly} {
		pp, _ := b.PeriodicProfit(ctx, unit, 5)
		if len(pp.Data) != 5 || pp.StakeCurrency != "USDT" {
			t.Fatalf("%s: %d rows", unit, len(pp.Data))
		}
		balance, busy := total, 0
		for i, row := range pp.Data {
			if row.TradeCount > 0 {
				busy++
			}
			from, _ := time.Parse(apiclient.DayFormat, row.Date)
			to := metrics.PeriodShift(from, unit, 1)
			abs, n := 0.0, 0
			for _, tr := range closed {
				if c := apiclient.FromMillis(*tr.CloseTimestamp); !c.Before(from) && c.Before(to) {
					abs += *tr.CloseProfitAbs
					n++
				}
			}
			balance -= row.AbsProfit
			closeTo(t, string(unit)+" "+row.Date+" abs_profit", row.AbsProfit, abs)
			closeTo(t, string(unit)+" "+row.Date+" starting_balance", row.StartingBalance, balance)
			if row.TradeCount != n || (i > 0 && row.Date >= pp.Data[i-1].Date) {
				t.Errorf("%s row %d: %+v (want %d trades)", unit, i, row, n)
			}
		}
		if unit == apiclient.Daily && busy < 2 {
			t.Errorf("only %d days with trades: the scenario does not span days", busy)
		}
	}
}
