package metrics

import (
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Periodic is /daily, /weekly and /monthly: timescale periods, newest
// first; each period's starting balance walks back from the current total
// stake by the closed profit of the periods after it. The closed trades
// are read once, each added to the row of its period.
func (b Book) Periodic(unit apiclient.PeriodUnit, timescale int) apiclient.PeriodicProfit {
	n := max(timescale, 1)
	out := apiclient.PeriodicProfit{Data: make([]apiclient.PeriodProfit, n), StakeCurrency: b.StakeCurrency}
	start := PeriodStart(b.Now, unit)
	for _, t := range b.Trades {
		if t.IsOpen {
			continue
		}
		if i, ok := periodIndex(start, unit, apiclient.Deref(t.CloseDate), n); ok {
			out.Data[i].AbsProfit += apiclient.Deref(t.CloseProfitAbs)
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
