package market

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Replay plays recorded candles, pair by pair in step: the candles the
// caller added with Add (from freqtrade OHLCV files, see ParseOHLCV and
// ReplayFileName). It has Source's Warmup and Next; the caller supplies
// AddPair and Describe, since adding a pair means reading its file.
type Replay struct {
	series map[string][]Candle
	pos    map[string]int
	pairs  []string
}

// NewReplay returns a replay with no pairs yet.
func NewReplay() *Replay {
	return &Replay{series: map[string][]Candle{}, pos: map[string]int{}}
}

// ReplayFileName returns the file freqtrade stores pair's candles of
// timeframe tf in, for example "BTC_USDT-5m.json".
func ReplayFileName(pair, tf string) string {
	r := strings.NewReplacer("/", "_", ":", "_")
	return r.Replace(pair) + "-" + tf + ".json"
}

// Has reports whether pair has been added.
func (m *Replay) Has(pair string) bool {
	_, ok := m.series[pair]
	return ok
}

// Add makes pair play candles (sorted by date, as ParseOHLCV returns them).
// Candles before the current position of the other pairs are skipped, so a
// pair added later joins in step. Adding a pair twice keeps the first.
func (m *Replay) Add(pair string, candles []Candle) {
	if m.Has(pair) {
		return
	}
	m.series[pair] = candles
	m.pairs = append(m.pairs, pair)
	if cur, ok := m.cursor(); ok {
		i := sort.Search(len(candles), func(i int) bool { return !candles[i].Date.Before(cur) })
		m.pos[pair] = i
	}
}

// cursor is the open time of the earliest candle still to be played among
// the pairs that already play.
func (m *Replay) cursor() (time.Time, bool) {
	var best time.Time
	found := false
	for p, i := range m.pos {
		s := m.series[p]
		if i < len(s) && (!found || s[i].Date.Before(best)) {
			best, found = s[i].Date, true
		}
	}
	return best, found
}

// ParseOHLCV decodes a freqtrade OHLCV JSON file,
// [[ms, open, high, low, close, volume], ...], into candles sorted by date.
// name (the file's path) is only used in errors.
func ParseOHLCV(name string, raw []byte) ([]Candle, error) {
	var rows [][]float64
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	out := make([]Candle, 0, len(rows))
	for i, r := range rows {
		if len(r) != 6 {
			return nil, fmt.Errorf("%s: row %d has %d values, want [ms, open, high, low, close, volume]", name, i, len(r))
		}
		out = append(out, Candle{Date: time.UnixMilli(int64(r[0])).UTC(),
			Open: r[1], High: r[2], Low: r[3], Close: r[4], Volume: r[5]})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds no candles", name)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out, nil
}

// Warmup consumes the first n candle times (see Source).
func (m *Replay) Warmup(n int) map[string][]Candle {
	out := map[string][]Candle{}
	for range n {
		_, cs, ok := m.Next()
		if !ok {
			break
		}
		for p, c := range cs {
			out[p] = append(out[p], c)
		}
	}
	return out
}

// Next returns the candles of the earliest open time still to be played
// (see Source); ok is false once every pair's candles are played.
func (m *Replay) Next() (time.Time, map[string]Candle, bool) {
	var date time.Time
	found := false
	for _, p := range m.pairs {
		s, i := m.series[p], m.pos[p]
		if i < len(s) && (!found || s[i].Date.Before(date)) {
			date, found = s[i].Date, true
		}
	}
	if !found {
		return time.Time{}, nil, false
	}
	out := map[string]Candle{}
	for _, p := range m.pairs {
		s, i := m.series[p], m.pos[p]
		if i < len(s) && s[i].Date.Equal(date) {
			out[p] = s[i]
			m.pos[p] = i + 1
		}
	}
	return date, out, true
}
