package market

import (
	"strings"
	"time"
)

// Candle is one OHLCV candle; Date is its open time (UTC).
type Candle struct {
	Date   time.Time `json:"date"`
	Open   float64   `json:"open"`
	High   float64   `json:"high"`
	Low    float64   `json:"low"`
	Close  float64   `json:"close"`
	Volume float64   `json:"volume"`
}

// IntraTicks returns the prices the engine visits inside a stretch of
// price path before its close: the open, then the two extremes in a
// plausible order (a path that closes up dips first, one that closes down
// rallies first).
func (c Candle) IntraTicks() [3]float64 {
	if c.Close >= c.Open {
		return [3]float64{c.Open, c.Low, c.High}
	}
	return [3]float64{c.Open, c.High, c.Low}
}

// merge extends c (the candle so far) with the stretch s that follows it.
func (c Candle) merge(s Candle) Candle {
	c.High, c.Low, c.Close = max(c.High, s.High), min(c.Low, s.Low), s.Close
	c.Volume += s.Volume
	return c
}

// Move is what one pair's price did in a Frame.
type Move struct {
	// Path is the stretch of the frame: Open is the price at the frame's
	// start, Close at its end, High and Low the extremes in between,
	// Volume what traded. Date is the open time of its candle.
	Path Candle
	// Candle is the pair's candle so far, up to the frame's end; the
	// finished candle when the frame is Closed.
	Candle Candle
}

// Frame is a stretch of market time inside one candle, for every pair that
// traded in it.
type Frame struct {
	Start, End time.Time
	// Closed is true when End is the candle's close.
	Closed bool
	// Moves holds a Move per pair that traded in the frame.
	Moves map[string]Move
}

// Source is a market: a clock shared by every pair, and prices that move
// as it advances. A market lives on the wall clock's candle grid: candles
// open at multiples of the timeframe since the Unix epoch, and the newest
// candle is the one in progress.
type Source interface {
	// Advance moves the market to time to and returns what happened since
	// the last call, in time order, cut at every candle close. It returns
	// nothing when to is not after Time.
	Advance(to time.Time) []Frame
	// Time is the market's time: where the last Advance stopped.
	Time() time.Time
	// Resumed reports whether pair continued from a saved state (its
	// earlier candles are the caller's to restore) rather than starting
	// afresh with generated history.
	Resumed(pair string) bool
	// State returns pair's state, to be saved and passed back in
	// Start.Saved after a restart; ok is false for a pair it does not know.
	State(pair string) (st PairState, ok bool)
	// Precision returns pair's price and amount precision.
	Precision(pair string) Precision
	// AddPair makes pair trade from the market's time on.
	AddPair(pair string) error
	// Exhausted reports whether the market has no more prices to give
	// (a replay that ran out).
	Exhausted() bool
	// Describe names the market for logs.
	Describe() string
}

// Start says where a market starts.
type Start struct {
	// Now is the time the market is started at; the first Advance catches
	// up to it.
	Now time.Time
	// Warmup is how many closed candles a pair that starts afresh gets
	// before Now's candle, so indicators are ready at once.
	Warmup int
	// Saved are the pairs' states from the last run (see Source.State).
	Saved map[string]PairState
	// MaxGap is how long ago a saved state may be for the market to
	// continue from it; an older one only passes its prices on.
	MaxGap time.Duration
}

// PairState is one pair's market state, as saved between runs.
type PairState struct {
	Mode     string    `json:"mode"` // "simulated" or "replay"
	TFMillis int64     `json:"timeframe_ms"`
	Time     time.Time `json:"time"`
	// The simulated walk.
	Price      float64 `json:"price,omitempty"`
	Regime     int     `json:"regime,omitempty"`
	Trend      float64 `json:"trend,omitempty"`
	VolumeBase float64 `json:"volume_base,omitempty"`
	// OffsetMillis is how far a replay shifts its files' dates.
	OffsetMillis int64 `json:"offset_ms,omitempty"`
	// Candle is the candle in progress at Time.
	Candle Candle `json:"candle"`
}

// CandleStart returns the open time of the candle of timeframe tf that t
// falls in, on the grid of multiples of tf since the Unix epoch (as
// freqtrade's timeframe_to_prev_date).
func CandleStart(t time.Time, tf time.Duration) time.Time {
	ms, step := t.UnixMilli(), tf.Milliseconds()
	if step <= 0 {
		return t
	}
	return time.UnixMilli(ms - ((ms%step)+step)%step).UTC()
}

// NextCandle returns the open time of the candle after the one t falls in,
// even when t is itself a candle's open (as freqtrade's
// timeframe_to_next_date, which ends locks there).
func NextCandle(t time.Time, tf time.Duration) time.Time { return CandleStart(t, tf).Add(tf) }

// frameEnds cuts (from, to] at every candle close: the closes in between,
// then to itself when it is not a close.
func frameEnds(from, to time.Time, tf time.Duration) []time.Time {
	var out []time.Time
	for b := NextCandle(from, tf); !b.After(to); b = b.Add(tf) {
		out = append(out, b)
	}
	if len(out) == 0 || out[len(out)-1].Before(to) {
		out = append(out, to)
	}
	return out
}

// candleOf returns the open time of the candle a frame ending at end lies
// in: a frame that ends at a close belongs to the candle it closes.
func candleOf(end time.Time, tf time.Duration) time.Time {
	return CandleStart(end.Add(-time.Millisecond), tf)
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
