package panestest

import (
	"fmt"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// ClosedTrades returns n closed trades, newest close first, as /trades with
// order_by_id=false answers: trade n closed at now minus 7 minutes, each
// older one 37 minutes before the next; pairs, sides, exit reasons, tags
// and profits vary in fixed cycles, so the data is the same on every call.
func ClosedTrades(n int, now time.Time) []apiclient.RawTrade {
	out := make([]apiclient.RawTrade, 0, n)
	for i := range n {
		id := n - i
		out = append(out, ClosedTrade(id, now.Add(-7*time.Minute-time.Duration(i)*37*time.Minute)))
	}
	return out
}

// ClosedTrade returns closed trade id, closed at closed, with its entry and
// exit orders.
func ClosedTrade(id int, closed time.Time) apiclient.RawTrade {
	pairs := [...]string{"BTC/USDT", "ETH/USDT", "SOL/USDT", "XRP/USDT", "DOGE/USDT"}
	reasons := [...]string{"roi", "stop_loss", "exit_signal", "trailing_stop_loss", "force_exit"}
	pair := pairs[id%len(pairs)]
	held := time.Duration(15+id%9*23) * time.Minute
	opened := closed.Add(-held)
	ratio := float64(id%11-4) / 100 // -4% .. +6%
	openRate := 100 + float64(id%17)
	closeRate := openRate * (1 + ratio)
	amount := 1 / openRate * 100
	abs := amount * (closeRate - openRate)
	var t apiclient.RawTrade
	t.TradeID, t.Pair, t.IsShort = id, pair, id%7 == 0
	t.BaseCurrency, t.QuoteCurrency = pair[:len(pair)-5], "USDT"
	t.Amount, t.StakeAmount, t.OpenRate = amount, 100, openRate
	t.OpenTimestamp, t.OpenDate = opened.UnixMilli(), apiclient.FormatDate(opened)
	t.CloseTimestamp, t.CloseDate = ptr(closed.UnixMilli()), ptr(apiclient.FormatDate(closed))
	t.CloseRate, t.CloseProfit, t.CloseProfitAbs = ptr(closeRate), ptr(ratio), ptr(abs)
	t.ProfitRatio, t.ProfitAbs, t.RealizedProfit = ptr(ratio), ptr(abs), abs
	t.ExitReason = ptr(reasons[id/3%len(reasons)])
	if id%3 != 0 {
		t.EnterTag = ptr(fmt.Sprintf("tag_%d", id%4))
	}
	t.FeeOpen, t.FeeClose = ptr(0.001), ptr(0.001)
	t.InitialStopLossAbs, t.InitialStopLossRatio = ptr(openRate*0.9), ptr(-0.1)
	t.StopLossAbs, t.StopLossRatio = ptr(openRate*0.95), ptr(-0.05)
	t.StoplossLastUpdateTimestamp = ptr(opened.Add(held / 2).UnixMilli())
	t.TradeDurationS = ptr(int64(held / time.Second))
	t.Orders = []apiclient.RawOrder{
		order(pair, id, true, opened, amount, openRate),
		order(pair, id, false, closed, amount, closeRate),
	}
	return t
}

// order is a filled market order of a closed trade.
func order(pair string, id int, entry bool, at time.Time, amount, price float64) apiclient.RawOrder {
	side := "sell"
	if entry {
		side = "buy"
	}
	var o apiclient.RawOrder
	o.Pair, o.OrderID, o.Status = pair, fmt.Sprintf("dry_%s_%d", side, id), "closed"
	o.Amount, o.Filled, o.Remaining = amount, ptr(amount), ptr(0.0)
	o.SafePrice, o.Average, o.Price, o.Cost = price, price, ptr(price), amount*price
	o.FtOrderSide, o.OrderType, o.FtIsEntry = side, "market", entry
	o.OrderTimestamp, o.OrderFilledTimestamp = ptr(at.UnixMilli()), ptr(at.Add(time.Second).UnixMilli())
	o.FtFeeBase = ptr(amount * 0.001)
	return o
}

func ptr[T any](v T) *T { return &v }
