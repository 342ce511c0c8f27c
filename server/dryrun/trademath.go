package dryrun

import (
	"math"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/store"
)

// The trade arithmetic follows freqtrade's (spot, leverage 1): fees are
// charged in the stake currency on both sides, profit is the close value
// minus the open value, and ratios are rounded to 8 decimals.

func round8(v float64) float64 { return roundN(v, 8) }

// roundN rounds v to n decimals, half away from zero.
func roundN(v float64, n int) float64 {
	p := math.Pow10(n)
	if math.IsNaN(v) || math.IsInf(v*p, 0) {
		return v
	}
	return math.Round(v*p) / p
}

// openValue is what buying amount at rate costs, fee included.
func openValue(amount, rate, fee float64) float64 { return amount * rate * (1 + fee) }

// closeValue is what selling amount at rate returns, fee deducted.
func closeValue(amount, rate, fee float64) float64 { return amount * rate * (1 - fee) }

// profitAt returns the profit of selling amount at rate, for a position
// opened at openRate: the absolute profit and the ratio.
func profitAt(t *store.Trade, rate, amount, openRate float64) (abs, ratio float64) {
	ov := openValue(amount, openRate, t.FeeOpen)
	cv := closeValue(amount, rate, t.FeeClose)
	abs = round8(cv - ov)
	if ov == 0 {
		return abs, 0
	}
	return abs, round8(cv/ov - 1)
}

// currentProfit is the trade's unrealized profit at rate on its whole open
// amount, plus the total including what partial exits realized.
type currentProfit struct {
	abs, ratio           float64
	totalAbs, totalRatio float64
}

func profitOf(t *store.Trade, rate float64) currentProfit {
	var p currentProfit
	if t.Amount > 0 {
		p.abs, p.ratio = profitAt(t, rate, t.Amount, t.OpenRate)
	}
	p.totalAbs = round8(p.abs + t.RealizedProfit)
	if ms := apiclient.Deref(t.MaxStakeAmount); ms > 0 {
		p.totalRatio = round8(p.totalAbs / ms)
	}
	return p
}

// filled reports whether the order filled anything.
func filled(o *store.Order) bool { return apiclient.Deref(o.Filled) > 0 }

// isEntry reports whether o is an entry order of a long trade.
func isEntry(o *store.Order) bool { return o.Side == "buy" }

// safePrice is the order's average fill price, else its price.
func safePrice(o *store.Order) float64 {
	if o.Average != nil && *o.Average > 0 {
		return *o.Average
	}
	if o.Price != nil {
		return *o.Price
	}
	return o.FtPrice
}

// recalc recomputes the trade's position from its filled orders, as
// freqtrade's recalc_trade_from_orders does: amount, average open rate,
// stake, open value, realized profit and, once nothing is left, the close
// profit over everything the trade ever staked. It returns the amount still
// held.
func recalc(t *store.Trade) float64 {
	var amount, stake, avg, totalStake, maxStake, closeAbs, lastExitAbs float64
	entries, exits := 0, 0
	for _, o := range t.Orders {
		if o.IsOpen || !filled(o) {
			continue
		}
		q, price := apiclient.Deref(o.Filled), safePrice(o)
		if isEntry(o) {
			entries++
			amount += q
			stake += q * price
			avg = stake / amount
			totalStake += openValue(q, price, t.FeeOpen)
			maxStake += q * price
			continue
		}
		exits++
		lastExitAbs, _ = profitAt(t, price, q, avg)
		closeAbs += lastExitAbs
		amount -= q
		stake = amount * avg
	}
	if entries == 0 {
		return 0
	}
	t.MaxStakeAmount = apiclient.Ptr(round8(maxStake))
	t.FeeOpenCost = apiclient.Ptr(round8(maxStake * t.FeeOpen))
	if exits > 0 && totalStake > 0 {
		t.RealizedProfit = round8(closeAbs)
		t.CloseProfit = apiclient.Ptr(round8(closeAbs / totalStake))
		t.CloseProfitAbs = apiclient.Ptr(round8(lastExitAbs))
	}
	if amount > 1e-12 {
		t.OpenRate = avg
		t.Amount = amount
		t.StakeAmount = stake
		t.OpenTradeValue = openValue(amount, avg, t.FeeOpen)
		return amount
	}
	if totalStake > 0 {
		t.CloseProfit = apiclient.Ptr(round8(closeAbs / totalStake))
		t.CloseProfitAbs = apiclient.Ptr(round8(closeAbs))
	}
	return 0
}

// openOrders returns the trade's open orders.
func openOrders(t *store.Trade) []*store.Order {
	var out []*store.Order
	for _, o := range t.Orders {
		if o.IsOpen {
			out = append(out, o)
		}
	}
	return out
}

func hasOpenOrders(t *store.Trade) bool {
	for _, o := range t.Orders {
		if o.IsOpen {
			return true
		}
	}
	return false
}

// hasFilledEntry reports whether any entry of t filled.
func hasFilledEntry(t *store.Trade) bool { return hasFilledEntryBut(t, nil) }
