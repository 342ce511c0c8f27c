package chart

import (
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Candle is one OHLC candle.
type Candle struct {
	At                     time.Time
	Open, High, Low, Close float64
}

// Bullish reports whether the candle closed at or above its open.
func (c Candle) Bullish() bool { return c.Close >= c.Open }

// Candles reads the OHLC candles of a /pair_candles answer, oldest first;
// rows with a missing date or price are skipped.
func Candles(h apiclient.PairHistory) []Candle {
	col := map[string]int{}
	for i, name := range h.Columns {
		col[name] = i
	}
	need := []string{"open", "high", "low", "close"}
	for _, name := range need {
		if _, ok := col[name]; !ok {
			return nil
		}
	}
	out := make([]Candle, 0, len(h.Data))
	for _, row := range h.Data {
		at, ok := rowTime(row, col)
		if !ok {
			continue
		}
		var v [4]float64
		ok = true
		for i, name := range need {
			v[i], ok = number(row, col[name])
			if !ok {
				break
			}
		}
		if ok {
			out = append(out, Candle{At: at, Open: v[0], High: v[1], Low: v[2], Close: v[3]})
		}
	}
	return out
}

// rowTime is a row's candle time: __date_ts (ms), else the ISO date.
func rowTime(row []any, col map[string]int) (time.Time, bool) {
	if i, ok := col["__date_ts"]; ok {
		if ms, ok := number(row, i); ok {
			return apiclient.FromMillis(int64(ms)), true
		}
	}
	if i, ok := col["date"]; ok && i < len(row) {
		if s, ok := row[i].(string); ok {
			if t, err := time.Parse(time.RFC3339, s); err == nil {
				return t.UTC(), true
			}
			if t, err := apiclient.ParseDate(s); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// number is cell i of row as a number.
func number(row []any, i int) (float64, bool) {
	if i >= len(row) {
		return 0, false
	}
	v, ok := row[i].(float64)
	return v, ok
}
