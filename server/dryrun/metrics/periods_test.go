package metrics

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/store"
)

// periodicPerRow is Periodic as first written: every closed trade is
// scanned for every row. The one-pass Periodic must answer the same.
func periodicPerRow(b Book, unit apiclient.PeriodUnit, timescale int) apiclient.PeriodicProfit {
	out := apiclient.PeriodicProfit{Data: []apiclient.PeriodProfit{}, StakeCurrency: b.StakeCurrency}
	start := PeriodStart(b.Now, unit)
	w := b.Wallet()
	balance := w.TiedUp + w.Free
	closed := b.closed()
	for i := range max(timescale, 1) {
		from := PeriodShift(start, unit, -i)
		to := PeriodShift(from, unit, 1)
		row := apiclient.PeriodProfit{Date: from.Format(apiclient.DayFormat)}
		for _, t := range closed {
			if c := apiclient.Deref(t.CloseDate); !c.Before(from) && c.Before(to) {
				row.AbsProfit += apiclient.Deref(t.CloseProfitAbs)
				row.TradeCount++
			}
		}
		row.AbsProfit = Round8(row.AbsProfit)
		balance -= row.AbsProfit
		row.StartingBalance = balance
		if balance > 0 {
			row.RelProfit = Round8(row.AbsProfit / balance)
		}
		out.Data = append(out.Data, row)
	}
	return out
}

// randomBook is a book of n trades (about one in ten open) closed within
// about two years before now, some exactly on a period's edge, a
// nanosecond either side of one, in another time zone, or far away.
func randomBook(r *rand.Rand, now time.Time, n int) Book {
	zone := time.FixedZone("X", -5*3600-1800)
	b := Book{Now: now, StartBalance: 1000, StakeCurrency: "USDT", Rates: map[string]float64{}}
	for id := 1; id <= n; id++ {
		t := &store.Trade{ID: id, Pair: "BTC/USDT", OpenRate: 100, Amount: 0.1, StakeAmount: 10, IsOpen: r.IntN(10) == 0}
		if !t.IsOpen {
			day := PeriodStart(now, apiclient.Daily).AddDate(0, 0, 1-r.IntN(800))
			var c time.Time
			switch r.IntN(6) {
			case 0:
				c = day
			case 1:
				c = day.Add(-time.Nanosecond)
			case 2:
				c = day.Add(time.Nanosecond).In(zone)
			case 3:
				c = time.Date(1+r.IntN(3000), 1, 1, 0, 0, 0, 0, time.UTC)
			default:
				c = day.Add(time.Duration(r.Int64N(int64(24 * time.Hour))))
			}
			t.CloseDate = &c
			t.CloseProfitAbs = apiclient.Ptr(float64(r.IntN(2000)-1000) / 1000)
		}
		b.Trades = append(b.Trades, t)
	}
	return b
}

func TestPeriodicMatchesPerRow(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(12, 34))
	nows := []time.Time{
		time.Date(2024, 3, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 1, 6, 12, 0, 0, 0, time.FixedZone("Y", 9*3600)), // a Monday (UTC: Monday 03:00)
		time.Date(2023, 12, 31, 18, 30, 0, 0, time.UTC),
	}
	for _, now := range nows {
		b := randomBook(r, now, 3000)
		for _, unit := range []apiclient.PeriodUnit{apiclient.Daily, apiclient.Weekly, apiclient.Monthly} {
			for _, n := range []int{0, 1, 7, 30, 365} {
				got, want := b.Periodic(unit, n), periodicPerRow(b, unit, n)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("now %v, %v, timescale %d:\n got %+v\nwant %+v", now, unit, n, got, want)
				}
				if got := b.PeriodicOf(pointsSince(b, PeriodsFrom(now, unit, n)), unit, n); !reflect.DeepEqual(got, want) {
					t.Fatalf("now %v, %v, timescale %d, from the points since the first period:\n got %+v\nwant %+v", now, unit, n, got, want)
				}
			}
		}
	}
}

func TestPeriodicRows(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 15, 10, 0, 0, 0, time.UTC) // a Wednesday
	closedAt := func(id int, c time.Time, abs float64) *store.Trade {
		return &store.Trade{ID: id, Pair: "ETH/USDT", CloseDate: &c, CloseProfitAbs: &abs}
	}
	b := Book{Now: now, StartBalance: 100, StakeCurrency: "USDT", ClosedProfit: 0, Trades: []*store.Trade{
		closedAt(1, time.Date(2024, 5, 15, 0, 0, 0, 0, time.UTC), 1),
		closedAt(2, time.Date(2024, 5, 14, 23, 59, 59, 0, time.UTC), 2),
		closedAt(3, time.Date(2024, 5, 13, 0, 0, 0, 0, time.UTC), 4),
		closedAt(4, time.Date(2024, 4, 30, 0, 0, 0, 0, time.UTC), 8),
	}}
	b.ClosedProfit = 15
	type row struct {
		date  string
		abs   float64
		count int
	}
	for _, tc := range []struct {
		unit apiclient.PeriodUnit
		want []row
	}{
		{apiclient.Daily, []row{{"2024-05-15", 1, 1}, {"2024-05-14", 2, 1}, {"2024-05-13", 4, 1}}},
		{apiclient.Weekly, []row{{"2024-05-13", 7, 3}, {"2024-05-06", 0, 0}, {"2024-04-29", 8, 1}}},
		{apiclient.Monthly, []row{{"2024-05-01", 7, 3}, {"2024-04-01", 8, 1}, {"2024-03-01", 0, 0}}},
	} {
		got := b.Periodic(tc.unit, 3).Data
		for i, w := range tc.want {
			if got[i].Date != w.date || got[i].AbsProfit != w.abs || got[i].TradeCount != w.count {
				t.Errorf("%v row %d: %+v, want %+v", tc.unit, i, got[i], w)
			}
		}
	}
}

// pointsSince are the book's closed trades closed at or after since, as
// points in id order.
func pointsSince(b Book, since time.Time) []store.ClosedProfitPoint {
	var out []store.ClosedProfitPoint
	for _, t := range b.closed() {
		if c := apiclient.Deref(t.CloseDate); !c.Before(since) {
			out = append(out, store.ClosedProfitPoint{CloseDate: c, Profit: apiclient.Deref(t.CloseProfitAbs)})
		}
	}
	return out
}
