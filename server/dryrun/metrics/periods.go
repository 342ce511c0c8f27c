package metrics

import (
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/store"
)

// Periodic is /daily, /weekly and /monthly: timescale periods, newest
// first; each period's starting balance walks back from the current total
// stake by the closed profit of the periods after it (see PeriodicOf).
func (b Book) Periodic(unit apiclient.PeriodUnit, timescale int) apiclient.PeriodicProfit {
	var closed []store.ClosedProfitPoint
	for _, t := range b.Trades {
		if !t.IsOpen {
			closed = append(closed, store.ClosedProfitPoint{CloseDate: apiclient.Deref(t.CloseDate),
				Profit: apiclient.Deref(t.CloseProfitAbs)})
		}
	}
	return b.PeriodicOf(closed, unit, timescale)
}

// PeriodicOf is Periodic over the closed trades given as points (in id
// order; trades outside the periods may be left out), b giving the wallet
// (its open trades and ClosedProfit), the clock and the stake currency.
// The points are read once, each added to the row of its period.
func (b Book) PeriodicOf(closed []store.ClosedProfitPoint, unit apiclient.PeriodUnit, timescale int) apiclient.PeriodicProfit {
	n := max(timescale, 1)
	out := apiclient.PeriodicProfit{Data: make([]apiclient.PeriodProfit, n), StakeCurrency: b.StakeCurrency}
	start := PeriodStart(b.Now, unit)
	for _, p := range closed {
		if i, ok := periodIndex(start, unit, p.CloseDate, n); ok {
			out.Data[i].AbsProfit += p.Profit
			out.Data[i].TradeCount++
		}
	}
	w := b.Wallet()
	balance := w.TiedUp + w.Free
	for i := range out.Data {
		row := &out.Data[i]
		row.Date = PeriodShift(start, unit, -i).Format(apiclient.DayFormat)
		row.AbsProfit = Round8(row.AbsProfit)
		balance -= row.AbsProfit
		row.StartingBalance = balance
		if balance > 0 {
			row.RelProfit = Round8(row.AbsProfit / balance)
		}
	}
	return out
}

// PeriodsFrom is when the oldest of n periods of unit before now begins.
func PeriodsFrom(now time.Time, unit apiclient.PeriodUnit, n int) time.Time {
	return PeriodShift(PeriodStart(now, unit), unit, 1-max(n, 1))
}

// periodIndex is the row (0 for the period starting at start, 1 for the
// one before, …) of a trade closed at c, when it is one of the n rows.
func periodIndex(start time.Time, unit apiclient.PeriodUnit, c time.Time, n int) (int, bool) {
	if unit == apiclient.Monthly {
		c = c.UTC()
		i := (start.Year()-c.Year())*12 + int(start.Month()) - int(c.Month())
		return i, i >= 0 && i < n
	}
	// UTC days last 86,400 s: row i holds the seconds from start-i·period
	// up to the next row, so i is minus the floor of (c-start)/period,
	// counted in whole seconds (start is on one; c's fraction of a second
	// cannot cross a row's edge).
	period := int64(86400)
	if unit == apiclient.Weekly {
		period *= 7
	}
	d := c.Unix() - start.Unix()
	q := d / period
	if d%period < 0 {
		q--
	}
	return int(-q), q <= 0 && -q < int64(n)
}

// PeriodStart is the start (UTC midnight) of the day, week (Monday) or
// month holding t.
func PeriodStart(t time.Time, unit apiclient.PeriodUnit) time.Time {
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

// PeriodShift moves t by n periods of unit.
func PeriodShift(t time.Time, unit apiclient.PeriodUnit, n int) time.Time {
	switch unit {
	case apiclient.Weekly:
		return t.AddDate(0, 0, 7*n)
	case apiclient.Monthly:
		return t.AddDate(0, n, 0)
	default:
		return t.AddDate(0, 0, n)
	}
}
