package market

import (
	"math"
	"strings"
	"time"
)

// Candle is one OHLCV candle; Date is its open time (UTC).
type Candle struct {
	Date                           time.Time
	Open, High, Low, Close, Volume float64
}

// IntraTicks returns the prices the engine visits inside the candle before
// its close: the open, then the two extremes in a plausible order (a candle
// that closes up dips first, one that closes down rallies first).
func (c Candle) IntraTicks() [3]float64 {
	if c.Close >= c.Open {
		return [3]float64{c.Open, c.Low, c.High}
	}
	return [3]float64{c.Open, c.High, c.Low}
}

// Source is a source of candles. All pairs share one candle clock: Next
// returns the candles that open at the same time, one per pair that has one.
type Source interface {
	// Warmup returns up to n candles per pair that precede the first candle
	// Next returns. It is called once, before Next.
	Warmup(n int) map[string][]Candle
	// Next returns the next candles by pair and their open time; ok is
	// false when the data is exhausted.
	Next() (date time.Time, candles map[string]Candle, ok bool)
	// AddPair makes pair available from the next candle on.
	AddPair(pair string) error
	// Describe names the market for logs.
	Describe() string
}

// RoundPrice keeps six significant digits, as exchange prices have.
func RoundPrice(p float64) float64 {
	if p <= 0 {
		return p
	}
	digits := 5 - int(math.Floor(math.Log10(p)))
	scale := math.Pow(10, float64(digits))
	return math.Round(p*scale) / scale
}

// SplitPair splits "BTC/USDT" (or "BTC/USDT:USDT") into base and quote.
func SplitPair(pair string) (base, quote string, ok bool) {
	base, rest, ok := strings.Cut(pair, "/")
	if !ok || base == "" || rest == "" {
		return "", "", false
	}
	quote, _, _ = strings.Cut(rest, ":")
	return base, quote, quote != ""
}
