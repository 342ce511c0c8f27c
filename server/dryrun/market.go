package dryrun

import (
	"fmt"
	"time"
)

// candle is one OHLCV candle; Date is its open time (UTC).
type candle struct {
	Date                           time.Time
	Open, High, Low, Close, Volume float64
}

// intraTicks returns the prices the engine visits inside the candle before
// its close: the open, then the two extremes in a plausible order (a candle
// that closes up dips first, one that closes down rallies first).
func (c candle) intraTicks() [3]float64 {
	if c.Close >= c.Open {
		return [3]float64{c.Open, c.Low, c.High}
	}
	return [3]float64{c.Open, c.High, c.Low}
}

// market is a source of candles. All pairs share one candle clock: next
// returns the candles that open at the same time, one per pair that has one.
type market interface {
	// warmup returns up to n candles per pair that precede the first candle
	// next returns. It is called once, before next.
	warmup(n int) map[string][]candle
	// next returns the next candles by pair and their open time; ok is
	// false when the data is exhausted.
	next() (date time.Time, candles map[string]candle, ok bool)
	// addPair makes pair available from the next candle on.
	addPair(pair string) error
	// describe names the market for logs.
	describe() string
}

// newMarket builds the market of cfg. In simulated mode candles start at
// start; in replay mode they come from the data files.
func newMarket(cfg Config, tf time.Duration, start time.Time) (market, error) {
	switch cfg.Market.Mode {
	case "simulated":
		return newSimMarket(cfg.Pairs, cfg.Market.Seed, tf, start), nil
	case "replay":
		return newReplayMarket(cfg.Market.DataDir, cfg.Pairs, cfg.Timeframe, tf)
	default:
		return nil, fmt.Errorf("market: unknown mode %q", cfg.Market.Mode)
	}
}
