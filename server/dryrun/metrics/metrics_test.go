package metrics

import (
	"math"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/store"
)

func TestPyDurationAndHumanize(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		25 * time.Minute: "0:25:00", 26*time.Hour + 3*time.Minute + 4*time.Second: "1 day, 2:03:04",
		72 * time.Hour: "3 days, 0:00:00", -time.Second: "0:00:00",
	} {
		if got := PyDuration(d); got != want {
			t.Errorf("PyDuration(%v) = %q, want %q", d, got, want)
		}
	}
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for d, want := range map[time.Duration]string{
		5 * time.Second: "just now", time.Hour: "an hour ago", 2 * time.Hour: "2 hours ago",
		-5 * time.Minute: "in 5 minutes", 400 * 24 * time.Hour: "a year ago",
	} {
		if got := humanize(now.Add(-d), now); got != want {
			t.Errorf("humanize(now-%v) = %q, want %q", d, got, want)
		}
	}
}

func TestDrawdownAndExpectancy(t *testing.T) {
	t.Parallel()
	day := func(n int) time.Time { return time.Date(2024, 5, n, 0, 0, 0, 0, time.UTC) }
	profits := []float64{10, -5, -10, 20}
	var rs []closedResult
	for i, p := range profits {
		rs = append(rs, closedResult{closeDate: day(i + 1), profit: p})
	}
	// Cumulative 10, 5, -5, 15 under a high of 10, 10, 10, 15: the worst
	// drop is 15 on day 3, from the high of day 1.
	dd := computeDrawdown(rs, 100)
	if dd.abs != 15 || math.Abs(dd.relative-15.0/110) > 1e-12 || !dd.highDate.Equal(day(1)) ||
		!dd.lowDate.Equal(day(3)) || dd.highValue != 10 {
		t.Fatalf("max drawdown %+v", dd)
	}
	if dd.curAbs != 0 || dd.curHigh != 15 || !dd.curStart.Equal(day(4)) {
		t.Fatalf("current drawdown %+v", dd)
	}
	// Wins average 15, losses 7.5, half each.
	if exp, ratio := expectancy(profits); exp != 3.75 || ratio != 0.5 {
		t.Fatalf("expectancy %v, ratio %v", exp, ratio)
	}
	if exp, ratio := expectancy(nil); exp != 0 || ratio != 100 {
		t.Fatalf("expectancy of nothing %v, %v", exp, ratio)
	}
}

func order(side string, amount, price float64, open bool) *store.Order {
	filled := amount
	if open {
		filled = 0
	}
	return &store.Order{Side: side, IsOpen: open, Amount: apiclient.Ptr(amount), Price: apiclient.Ptr(price),
		Filled: apiclient.Ptr(filled), Average: apiclient.Ptr(price)}
}

func TestRecalcAPartialExit(t *testing.T) {
	t.Parallel()
	tr := &store.Trade{Pair: "A/USDT", IsOpen: true, FeeOpen: 0.001, FeeClose: 0.001,
		Orders: []*store.Order{order("buy", 2, 100, false), order("sell", 1, 110, false), order("sell", 1, 120, true)}}
	if left := Recalc(tr); left != 1 {
		t.Fatalf("%v left, want 1", left)
	}
	// Sold 1 at 110 (109.89 after fees) of 1 bought at 100 (100.1 with fees).
	if tr.RealizedProfit != 9.79 || *tr.CloseProfitAbs != 9.79 || *tr.CloseProfit != Round8(9.79/200.2) {
		t.Fatalf("realized %v, close profit %v / %v", tr.RealizedProfit, *tr.CloseProfitAbs, *tr.CloseProfit)
	}
	if tr.Amount != 1 || tr.OpenRate != 100 || tr.StakeAmount != 100 || *tr.MaxStakeAmount != 200 {
		t.Fatalf("position %+v", tr)
	}
	if !HasOpenOrders(tr) || len(OpenOrders(tr)) != 1 || !HasFilledEntry(tr) || HasFilledEntryBut(tr, tr.Orders[0]) {
		t.Fatal("order predicates")
	}
	// At 110 the held half is worth what the sold one was.
	if p := ProfitOf(tr, 110); p.Abs != 9.79 || p.TotalAbs != 19.58 || p.TotalRatio != Round8(19.58/200) {
		t.Fatalf("current profit %+v", p)
	}
}

func TestWalletAndBalances(t *testing.T) {
	t.Parallel()
	closed := &store.Trade{ID: 1, Pair: "A/USDT", CloseProfitAbs: apiclient.Ptr(5.0)}
	open := &store.Trade{ID: 2, Pair: "B/USDT", IsOpen: true, Amount: 2, OpenRate: 50, StakeAmount: 100,
		RealizedProfit: 1, Orders: []*store.Order{order("buy", 2, 50, false), order("buy", 0.5, 100, true)}}
	b := Book{Trades: []*store.Trade{closed, open}, Rates: map[string]float64{"A/USDT": math.NaN(), "B/USDT": 60},
		StartBalance: 1000, StakeCurrency: "USDT"}
	w := b.Wallet()
	if w != (Wallet{Free: 906, Used: 50, TiedUp: 100, Total: 956, Realized: 6}) {
		t.Fatalf("wallet %+v", w)
	}
	bal := b.Balances()
	if len(bal.Currencies) != 2 || bal.Currencies[1].Currency != "B" || bal.Currencies[1].EstStake != 120 || bal.Total != 1076 {
		t.Fatalf("balances %+v", bal)
	}
}
