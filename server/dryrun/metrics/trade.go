package metrics

import (
	"math"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/store"
)

// The trade arithmetic follows freqtrade's (spot, leverage 1): fees are
// charged in the stake currency on both sides, profit is the close value
// minus the open value, and ratios are rounded to 8 decimals.

// Round8 rounds v to 8 decimals, half away from zero.
func Round8(v float64) float64 { return RoundN(v, 8) }

// RoundN rounds v to n decimals, half away from zero.
func RoundN(v float64, n int) float64 {
	p := math.Pow10(n)
	if math.IsNaN(v) || math.IsInf(v*p, 0) {
		return v
	}
	return math.Round(v*p) / p
}

// OpenValue is what buying amount at rate costs, fee included.
func OpenValue(amount, rate, fee float64) float64 { return amount * rate * (1 + fee) }

// closeValue is what selling amount at rate returns, fee deducted.
func closeValue(amount, rate, fee float64) float64 { return amount * rate * (1 - fee) }

// ProfitAt returns the profit of selling amount at rate, for a position
// opened at openRate: the absolute profit and the ratio.
func ProfitAt(t *store.Trade, rate, amount, openRate float64) (abs, ratio float64) {
	ov := OpenValue(amount, openRate, t.FeeOpen)
	cv := closeValue(amount, rate, t.FeeClose)
	abs = Round8(cv - ov)
	if ov == 0 {
		return abs, 0
	}
	return abs, Round8(cv/ov - 1)
}

// Current is a trade's unrealized profit at a rate on its whole open
// amount, plus the total including what partial exits realized.
type Current struct {
	Abs, Ratio           float64
	TotalAbs, TotalRatio float64
}

// ProfitOf returns t's current profit at rate.
func ProfitOf(t *store.Trade, rate float64) Current {
	var p Current
	if t.Amount > 0 {
		p.Abs, p.Ratio = ProfitAt(t, rate, t.Amount, t.OpenRate)
	}
	p.TotalAbs = Round8(p.Abs + t.RealizedProfit)
	if ms := apiclient.Deref(t.MaxStakeAmount); ms > 0 {
		p.TotalRatio = Round8(p.TotalAbs / ms)
	}
	return p
}

// Filled reports whether the order filled anything.
func Filled(o *store.Order) bool { return apiclient.Deref(o.Filled) > 0 }

// IsEntry reports whether o is an entry order of a long trade.
func IsEntry(o *store.Order) bool { return o.Side == "buy" }

// SafePrice is the order's average fill price, else its price.
func SafePrice(o *store.Order) float64 {
	if o.Average != nil && *o.Average > 0 {
		return *o.Average
	}
	if o.Price != nil {
		return *o.Price
	}
	return o.FtPrice
}

// Recalc recomputes the trade's position from its filled orders, as
// freqtrade's recalc_trade_from_orders does: amount, average open rate,
// stake, open value, realized profit and, once nothing is left, the close
// profit over everything the trade ever staked. It updates t and returns
// the amount still held.
func Recalc(t *store.Trade) float64 {
	var amount, stake, avg, totalStake, maxStake, closeAbs, lastExitAbs float64
	entries, exits := 0, 0
	for _, o := range t.Orders {
		if o.IsOpen || !Filled(o) {
			continue
		}
		q, price := apiclient.Deref(o.Filled), SafePrice(o)
		if IsEntry(o) {
			entries++
			amount += q
			stake += q * price
			avg = stake / amount
			totalStake += OpenValue(q, price, t.FeeOpen)
			maxStake += q * price
			continue
		}
		exits++
		lastExitAbs, _ = ProfitAt(t, price, q, avg)
		closeAbs += lastExitAbs
		amount -= q
		stake = amount * avg
	}
	if entries == 0 {
		return 0
	}
	t.MaxStakeAmount = apiclient.Ptr(Round8(maxStake))
	t.FeeOpenCost = apiclient.Ptr(Round8(maxStake * t.FeeOpen))
	if exits > 0 && totalStake > 0 {
		t.RealizedProfit = Round8(closeAbs)
		t.CloseProfit = apiclient.Ptr(Round8(closeAbs / totalStake))
		t.CloseProfitAbs = apiclient.Ptr(Round8(lastExitAbs))
	}
	if amount > 1e-12 {
		// Clean: freqtrade averages in decimal arithmetic, so one entry at
		// 110.812 gives 110.812, not 110.81200000000001.
		t.OpenRate = market.Clean(avg)
		t.Amount = market.Clean(amount)
		t.StakeAmount = market.Clean(stake)
		t.OpenTradeValue = OpenValue(amount, avg, t.FeeOpen)
		return amount
	}
	if totalStake > 0 {
		t.CloseProfit = apiclient.Ptr(Round8(closeAbs / totalStake))
		t.CloseProfitAbs = apiclient.Ptr(Round8(closeAbs))
	}
	return 0
}

// OpenOrders returns the trade's open orders.
func OpenOrders(t *store.Trade) []*store.Order {
	var out []*store.Order
	for _, o := range t.Orders {
		if o.IsOpen {
			out = append(out, o)
		}
	}
	return out
}

// HasOpenOrders reports whether any order of t is open.
func HasOpenOrders(t *store.Trade) bool {
	for _, o := range t.Orders {
		if o.IsOpen {
			return true
		}
	}
	return false
}

// HasFilledEntry reports whether any entry of t filled.
func HasFilledEntry(t *store.Trade) bool { return HasFilledEntryBut(t, nil) }

// HasFilledEntryBut reports whether an entry order other than skip filled.
func HasFilledEntryBut(t *store.Trade, skip *store.Order) bool {
	for _, o := range t.Orders {
		if o != skip && IsEntry(o) && Filled(o) {
			return true
		}
	}
	return false
}
