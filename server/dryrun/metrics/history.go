package metrics

import (
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/store"
)

// WalletColumns are the columns of /historic_balance's rows: the date as
// text and in epoch ms ("__date_ts", FreqUI's x axis), and the wallet's
// total in the quote currency ("total_quote", FreqUI's y axis), which is
// also the stake currency here ("total_stake").
func WalletColumns() []string { return []string{"date", "__date_ts", "total_quote", "total_stake"} }

// WalletHistory is /historic_balance: the wallet over time, rebuilt from
// the trades. It starts at from with the starting capital, adds each
// closed trade's profit at its close date, and ends at now with total, the
// wallet's current value (open positions at the current rates). Past
// maxRows rows it keeps evenly spread ones, the first and the last always.
// Every row is exact for the realized profit, so the whole history counts
// as captured (capture_start_ts is the first row's).
func WalletHistory(start float64, from time.Time, closed []store.ClosedProfitPoint, now time.Time, total float64, maxRows int) apiclient.WalletHistory {
	rows := make([][]any, 0, len(closed)+2)
	row := func(at time.Time, v float64) []any {
		v = Round8(v)
		return []any{pandasDate(at), apiclient.Millis(at), v, v}
	}
	if len(closed) > 0 && closed[0].CloseDate.Before(from) {
		from = closed[0].CloseDate
	}
	rows = append(rows, row(from, start))
	wallet := start
	for _, p := range closed {
		wallet += p.Profit
		rows = append(rows, row(p.CloseDate, wallet))
	}
	if now.After(from) {
		rows = append(rows, row(now, total))
	}
	rows = thin(rows, maxRows)
	first := apiclient.Millis(from)
	return apiclient.WalletHistory{Columns: WalletColumns(), Data: rows, Length: len(rows), CaptureStartTS: &first}
}

// thin keeps at most n of rows, evenly spread, the first and the last
// always.
func thin(rows [][]any, n int) [][]any {
	if n < 2 || len(rows) <= n {
		return rows
	}
	out := make([][]any, 0, n)
	for i := range n - 1 {
		out = append(out, rows[i*(len(rows)-1)/(n-1)])
	}
	return append(out, rows[len(rows)-1])
}

// pandasDate formats t as pandas prints a UTC timestamp.
func pandasDate(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05") + "+00:00" }
