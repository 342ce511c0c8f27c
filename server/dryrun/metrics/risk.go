package metrics

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// closedResult is one closed trade as the metrics see it.
type closedResult struct {
	closeDate time.Time
	profit    float64 // close_profit_abs
}

// drawdown is freqtrade's DrawDownResult over cumulative closed profit.
type drawdown struct {
	abs, relative     float64
	highDate, lowDate time.Time
	highValue         float64
	curAbs, curRel    float64
	curHigh           float64
	curStart          time.Time
}

// computeDrawdown follows freqtrade's calculate_max_drawdown: cumulative
// closed profit, its running high (never below zero), the largest drop from
// that high, and the drop relative to the balance at the high. A worst point
// on the very first trade counts as no drawdown, as in freqtrade. It also
// reports the drawdown standing at the last trade.
func computeDrawdown(rs []closedResult, startBalance float64) drawdown {
	var dd drawdown
	if len(rs) == 0 {
		return dd
	}
	rs = append([]closedResult(nil), rs...)
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].closeDate.Before(rs[j].closeDate) })
	n := len(rs)
	cum, high := make([]float64, n), make([]float64, n)
	worst := 0
	for i, r := range rs {
		cum[i] = r.profit
		high[i] = math.Max(cum[i], 0)
		if i > 0 {
			cum[i] += cum[i-1]
			high[i] = math.Max(high[i-1], cum[i])
		}
		if cum[i]-high[i] < cum[worst]-high[worst] {
			worst = i
		}
	}
	rel := func(i int) float64 {
		if startBalance > 0 {
			return (high[i] - cum[i]) / (startBalance + high[i])
		}
		if high[i] > 0 {
			return (high[i] - cum[i]) / high[i]
		}
		return 0
	}
	last := n - 1
	dd.curAbs, dd.curRel, dd.curHigh = high[last]-cum[last], rel(last), high[last]
	if high[last] > 0 {
		dd.curStart = rs[firstMax(high, n)].closeDate
	}
	if worst == 0 {
		return dd
	}
	h := firstMax(high, worst)
	dd.abs, dd.relative = high[worst]-cum[worst], rel(worst)
	dd.highDate, dd.lowDate, dd.highValue = rs[h].closeDate, rs[worst].closeDate, cum[h]
	return dd
}

// firstMax is the first index of the largest of xs[:n].
func firstMax(xs []float64, n int) int {
	best := 0
	for i := 1; i < n; i++ {
		if xs[i] > xs[best] {
			best = i
		}
	}
	return best
}

// expectancy is freqtrade's calculate_expectancy over closed profits.
func expectancy(profits []float64) (exp, ratio float64) {
	if len(profits) == 0 {
		return 0, 100
	}
	var winSum, lossSum float64
	var wins, losses int
	for _, p := range profits {
		switch {
		case p > 0:
			winSum += p
			wins++
		case p < 0:
			lossSum += -p
			losses++
		}
	}
	n := float64(len(profits))
	avgWin, avgLoss := 0.0, 0.0
	if wins > 0 {
		avgWin = winSum / float64(wins)
	}
	if losses > 0 {
		avgLoss = lossSum / float64(losses)
	}
	winRate, lossRate := float64(wins)/n, float64(losses)/n
	exp, ratio = winRate*avgWin-lossRate*avgLoss, 100
	if avgLoss > 0 {
		ratio = (1+avgWin/avgLoss)*winRate - 1
	}
	return exp, ratio
}

// ratios holds the risk metrics of /profit.
type ratios struct{ sharpe, sortino, sqn, calmar, cagr float64 }

// riskRatios computes sharpe, sortino, sqn, calmar and cagr the way
// freqtrade's metrics do: per-trade returns on the starting balance,
// annualised over the days between first and last trade.
func riskRatios(profits []float64, first, last time.Time, start, maxDD float64) ratios {
	var r ratios
	n := len(profits)
	if n == 0 || start <= 0 {
		return r
	}
	returns := make([]float64, n)
	total := 0.0
	for i, p := range profits {
		returns[i] = p / start
		total += returns[i]
	}
	avg := total / float64(n)
	r.sqn = -100
	if sd := stddev(returns, avg, 1); sd > 0 && !math.IsNaN(sd) {
		r.sqn = RoundN(math.Sqrt(float64(n))*avg/sd, 4)
	}
	if first.IsZero() || last.IsZero() || !last.After(first) {
		return r
	}
	days := math.Max(1, math.Floor(last.Sub(first).Hours()/24))
	dailyMean := total / days
	r.sharpe, r.sortino, r.calmar = -100, -100, -100
	if sd := stddev(returns, avg, 0); sd > 0 {
		r.sharpe = dailyMean / sd * math.Sqrt(365)
	}
	var down []float64
	for _, x := range returns {
		if x < 0 {
			down = append(down, x)
		}
	}
	if len(down) > 0 {
		if sd := stddev(down, mean(down), 0); sd > 0 {
			r.sortino = dailyMean / sd * math.Sqrt(365)
		}
	}
	if maxDD > 0 {
		r.calmar = total / days * 100 / maxDD * math.Sqrt(365)
	}
	if final := start * (1 + total); final > 0 {
		r.cagr = math.Pow(final/start, 1/(days/365)) - 1
	}
	return r
}

// stddev with ddof degrees of freedom (0 population, 1 sample).
func stddev(xs []float64, mean float64, ddof int) float64 {
	if len(xs)-ddof <= 0 {
		return math.NaN()
	}
	s := 0.0
	for _, x := range xs {
		s += (x - mean) * (x - mean)
	}
	return math.Sqrt(s / float64(len(xs)-ddof))
}

// PyDuration formats d as Python's str(timedelta) without microseconds:
// "0:25:00", "1 day, 2:03:04", "3 days, 0:00:00".
func PyDuration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	secs := int64(d / time.Second)
	days, rest := secs/86400, secs%86400
	hms := fmt.Sprintf("%d:%02d:%02d", rest/3600, rest%3600/60, rest%60)
	switch days {
	case 0:
		return hms
	case 1:
		return "1 day, " + hms
	default:
		return fmt.Sprintf("%d days, %s", days, hms)
	}
}

// humanize describes t relative to now the way freqtrade's
// dt_humanize_delta does ("2 hours ago", "in 5 minutes").
func humanize(t, now time.Time) string {
	d := now.Sub(t)
	future := d < 0
	if future {
		d = -d
	}
	var s string
	switch {
	case d < 10*time.Second:
		return "just now"
	case d < time.Minute:
		s = plural(int(d/time.Second), "second")
	case d < time.Hour:
		s = plural(int(d/time.Minute), "minute")
	case d < 24*time.Hour:
		s = plural(int(d/time.Hour), "hour")
	case d < 30*24*time.Hour:
		s = plural(int(d/(24*time.Hour)), "day")
	case d < 365*24*time.Hour:
		s = plural(int(d/(30*24*time.Hour)), "month")
	default:
		s = plural(int(d/(365*24*time.Hour)), "year")
	}
	if future {
		return "in " + s
	}
	return s + " ago"
}

func plural(n int, unit string) string {
	if n == 1 {
		article := "a "
		if unit == "hour" {
			article = "an "
		}
		return article + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
