package panestest

import (
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Periodic returns n periods of unit ending at now, newest first, as
// /daily, /weekly and /monthly answer, with profits and losses in a fixed
// cycle and the balance walking back from 1000.
func Periodic(unit apiclient.PeriodUnit, n int, now time.Time) apiclient.PeriodicProfit {
	out := apiclient.PeriodicProfit{FiatDisplayCurrency: "USD", StakeCurrency: "USDT"}
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	balance := 1000.0
	for i := range n {
		at := day.AddDate(0, 0, -i)
		switch unit {
		case apiclient.Weekly:
			at = day.AddDate(0, 0, -int(day.Weekday()+6)%7-7*i)
		case apiclient.Monthly:
			at = time.Date(day.Year(), day.Month()-time.Month(i), 1, 0, 0, 0, 0, time.UTC)
		case apiclient.Daily:
		}
		profit := float64((i*7)%11-4) * 1.25
		balance -= profit
		out.Data = append(out.Data, apiclient.PeriodProfit{
			Date: at.Format("2006-01-02"), AbsProfit: profit, RelProfit: profit / balance,
			StartingBalance: balance, TradeCount: (i * 5) % 7,
		})
	}
	return out
}
