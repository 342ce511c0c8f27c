package dryrun

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// replayMarket plays freqtrade OHLCV JSON files: one file per pair named
// like BTC_USDT-5m.json, holding [[ms, open, high, low, close, volume], ...].
type replayMarket struct {
	dir    string
	tfName string
	tf     time.Duration
	series map[string][]candle
	pos    map[string]int
	pairs  []string
}

func newReplayMarket(dir string, pairs []string, tfName string, tf time.Duration) (*replayMarket, error) {
	m := &replayMarket{dir: dir, tfName: tfName, tf: tf, series: map[string][]candle{}, pos: map[string]int{}}
	for _, p := range pairs {
		if err := m.addPair(p); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// ReplayFileName returns the file freqtrade stores pair's candles of
// timeframe tf in, for example "BTC_USDT-5m.json".
func ReplayFileName(pair, tf string) string {
	r := strings.NewReplacer("/", "_", ":", "_")
	return r.Replace(pair) + "-" + tf + ".json"
}

func (m *replayMarket) describe() string { return "replay of " + m.dir }

// addPair loads the pair's file. Candles before the current position of the
// other pairs are skipped, so a pair added later joins in step.
func (m *replayMarket) addPair(pair string) error {
	if _, ok := m.series[pair]; ok {
		return nil
	}
	path := filepath.Join(m.dir, ReplayFileName(pair, m.tfName))
	candles, err := loadOHLCV(path)
	if err != nil {
		return fmt.Errorf("market: replay data for %s: %w", pair, err)
	}
	m.series[pair] = candles
	m.pairs = append(m.pairs, pair)
	if cur, ok := m.cursor(); ok {
		i := sort.Search(len(candles), func(i int) bool { return !candles[i].Date.Before(cur) })
		m.pos[pair] = i
	}
	return nil
}

// cursor is the open time of the earliest candle still to be played among
// the pairs that already play.
func (m *replayMarket) cursor() (time.Time, bool) {
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

func loadOHLCV(path string) ([]candle, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var rows [][]float64
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	out := make([]candle, 0, len(rows))
	for i, r := range rows {
		if len(r) != 6 {
			return nil, fmt.Errorf("%s: row %d has %d values, want [ms, open, high, low, close, volume]", path, i, len(r))
		}
		out = append(out, candle{Date: time.UnixMilli(int64(r[0])).UTC(),
			Open: r[1], High: r[2], Low: r[3], Close: r[4], Volume: r[5]})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds no candles", path)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out, nil
}

// warmup consumes the first n candle times.
func (m *replayMarket) warmup(n int) map[string][]candle {
	out := map[string][]candle{}
	for range n {
		_, cs, ok := m.next()
		if !ok {
			break
		}
		for p, c := range cs {
			out[p] = append(out[p], c)
		}
	}
	return out
}

func (m *replayMarket) next() (time.Time, map[string]candle, bool) {
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
	out := map[string]candle{}
	for _, p := range m.pairs {
		s, i := m.series[p], m.pos[p]
		if i < len(s) && s[i].Date.Equal(date) {
			out[p] = s[i]
			m.pos[p] = i + 1
		}
	}
	return date, out, true
}
