package panestest

import (
	"math"
	"strconv"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Candles returns a /pair_candles answer of n candles of pair, one every
// tf, the last one starting at end: a deterministic wave around base, with
// the columns freqtrade sends (date, OHLCV, __date_ts).
func Candles(pair string, tf time.Duration, n int, end time.Time, base float64) apiclient.PairHistory {
	h := apiclient.PairHistory{
		Strategy: "SampleStrategy", Pair: pair, Timeframe: timeframeName(tf), TimeframeMs: tf.Milliseconds(),
		Columns: []string{"date", "open", "high", "low", "close", "volume", "__date_ts"},
	}
	price := base
	for i := range n {
		at := end.Add(-time.Duration(n-1-i) * tf)
		open := price
		price = base * (1 + 0.03*math.Sin(float64(i)/9) + 0.01*math.Sin(float64(i)*1.7))
		hi := math.Max(open, price) * (1 + 0.002*float64(1+i%3))
		lo := math.Min(open, price) * (1 - 0.002*float64(1+(i+1)%3))
		h.Data = append(h.Data, []any{
			at.UTC().Format(time.RFC3339), open, hi, lo, price, 100 + float64(i%10), float64(at.UnixMilli()),
		})
	}
	h.Length = len(h.Data)
	return h
}

// timeframeName is freqtrade's name of a timeframe: "5m", "1h", "1d".
func timeframeName(tf time.Duration) string {
	switch {
	case tf >= 24*time.Hour:
		return strconv.Itoa(int(tf/(24*time.Hour))) + "d"
	case tf >= time.Hour:
		return strconv.Itoa(int(tf/time.Hour)) + "h"
	}
	return strconv.Itoa(int(tf/time.Minute)) + "m"
}
