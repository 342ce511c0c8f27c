package market

import (
	"math"
	"strconv"
)

// PrecisionTickSize is ccxt's TICK_SIZE precision mode: precisions are
// step sizes (0.01), not digit counts. freqtrade stores it in a trade's
// precision_mode.
const PrecisionTickSize = 4

// Precision is a market's price tick and amount step, as an exchange
// publishes them (ccxt's TICK_SIZE mode).
type Precision struct {
	Tick float64 // the price tick, e.g. 0.01
	Step float64 // the amount step, e.g. 0.00001
}

// PrecisionFor returns a plausible precision for a market trading at
// price: six significant digits of price, and an amount step worth between
// 0.1 and 1 unit of the quote currency (BTC at 60000: tick 0.1, step
// 0.00001).
func PrecisionFor(price float64) Precision {
	if !(price > 0) || math.IsInf(price, 0) {
		return Precision{Tick: 1e-8, Step: 1e-8}
	}
	mag := math.Floor(math.Log10(price))
	return Precision{Tick: math.Pow(10, mag-5), Step: math.Pow(10, -mag-1)}
}

// Price rounds p to the price tick, half away from zero.
func (pr Precision) Price(p float64) float64 { return toStep(p, pr.Tick, math.Round) }

// PriceUp rounds p up to the price tick, as freqtrade rounds a long
// trade's stoploss.
func (pr Precision) PriceUp(p float64) float64 {
	return toStep(p, pr.Tick, func(v float64) float64 { return math.Ceil(v - 1e-9) })
}

// Amount truncates a to the amount step, as exchanges do with order
// amounts.
func (pr Precision) Amount(a float64) float64 {
	// The tiny nudge keeps 0.29999999999999999 (from float math) at 0.3.
	return toStep(a, pr.Step, func(v float64) float64 { return math.Floor(v + 1e-9) })
}

// toStep rounds v to a multiple of step with round, and returns the float
// nearest to that decimal, so it prints as the exchange would send it
// (110.812, never 110.81200000000001).
func toStep(v, step float64, round func(float64) float64) float64 {
	if !(step > 0) || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	n := round(v / step)
	decimals := max(0, int(math.Ceil(-math.Log10(step)-1e-9)))
	out, err := strconv.ParseFloat(strconv.FormatFloat(n*step, 'f', decimals, 64), 64)
	if err != nil {
		return n * step
	}
	return out
}

// Clean removes float noise from a value computed from clean ones (a
// division, an average): it keeps 12 significant digits, as decimal
// arithmetic would give them.
func Clean(v float64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	out, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	if err != nil {
		return v
	}
	return out
}
