package market

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Replay plays recorded candles (freqtrade OHLCV files, see ParseOHLCV and
// ReplayFileName) on the wall clock: the files' dates are shifted so that
// the first candle after the warmup is the one in progress at the start,
// and each candle then takes its timeframe to play. Inside a candle the
// price runs straight from the open to one extreme, to the other, to the
// close (the order of IntraTicks). It has Source's methods except AddPair
// and Describe, which the caller supplies since adding a pair means reading
// its file; Start places it on the clock once the pairs are added.
type Replay struct {
	tf      time.Duration
	series  map[string][]Candle // by date, the files' own dates
	index   map[string]map[int64]int
	pairs   []string
	offset  time.Duration // added to the files' dates
	time    time.Time
	resumed bool
	started bool
}

// NewReplay returns a replay of timeframe tf with no pairs yet.
func NewReplay(tf time.Duration) *Replay {
	return &Replay{tf: tf, series: map[string][]Candle{}, index: map[string]map[int64]int{}}
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
// Adding a pair twice keeps the first.
func (m *Replay) Add(pair string, candles []Candle) {
	if m.Has(pair) {
		return
	}
	idx := make(map[int64]int, len(candles))
	for i, c := range candles {
		idx[c.Date.UnixMilli()] = i
	}
	m.series[pair], m.index[pair] = candles, idx
	m.pairs = append(m.pairs, pair)
}

// Start places the replay on the clock: it continues a saved replay whose
// state is recent, or shifts the files so that, after st.Warmup candles of
// history, the next candle is the one in progress at st.Now.
func (m *Replay) Start(st Start) {
	m.started = true
	first, ok := m.first()
	if !ok {
		m.time = st.Now
		return
	}
	for _, s := range st.Saved {
		if s.Mode == "replay" && s.TFMillis == m.tf.Milliseconds() && !s.Time.After(st.Now) && st.Now.Sub(s.Time) <= st.MaxGap {
			m.offset, m.time, m.resumed = time.Duration(s.OffsetMillis)*time.Millisecond, s.Time, true
			return
		}
	}
	m.time = CandleStart(st.Now, m.tf).Add(-time.Duration(st.Warmup) * m.tf)
	m.offset = m.time.Sub(first)
}

// first is the earliest date of every pair's candles.
func (m *Replay) first() (time.Time, bool) {
	var best time.Time
	found := false
	for _, s := range m.series {
		if len(s) > 0 && (!found || s[0].Date.Before(best)) {
			best, found = s[0].Date, true
		}
	}
	return best, found
}

// end is when the last candle of any pair closes, on the clock.
func (m *Replay) end() time.Time {
	var last time.Time
	for _, s := range m.series {
		if len(s) > 0 && s[len(s)-1].Date.After(last) {
			last = s[len(s)-1].Date
		}
	}
	return last.Add(m.offset + m.tf)
}

// Time implements Source.
func (m *Replay) Time() time.Time { return m.time }

// Exhausted implements Source: every candle has been played.
func (m *Replay) Exhausted() bool { return m.started && !m.time.Before(m.end()) }

// Resumed implements Source: every pair of a resumed replay is.
func (m *Replay) Resumed(pair string) bool { return m.resumed && m.Has(pair) }

// Precision implements Source: from the pair's first price.
func (m *Replay) Precision(pair string) Precision {
	if s := m.series[pair]; len(s) > 0 {
		return PrecisionFor(s[0].Close)
	}
	return PrecisionFor(0)
}

// State implements Source.
func (m *Replay) State(pair string) (PairState, bool) {
	if !m.Has(pair) {
		return PairState{}, false
	}
	st := PairState{Mode: "replay", TFMillis: m.tf.Milliseconds(), Time: m.time, OffsetMillis: m.offset.Milliseconds()}
	if c, ok := m.candle(pair, candleOf(m.time, m.tf)); ok {
		st.Candle = pathCandle(c, c.Date, m.time, m.tf)
	}
	return st, true
}

// candle returns pair's candle that opens at date on the clock, with its
// date shifted onto the clock.
func (m *Replay) candle(pair string, date time.Time) (Candle, bool) {
	i, ok := m.index[pair][date.Add(-m.offset).UnixMilli()]
	if !ok {
		return Candle{}, false
	}
	c := m.series[pair][i]
	c.Date = date
	return c, true
}

// Advance implements Source; it stops at the close of the last candle.
func (m *Replay) Advance(to time.Time) []Frame {
	if end := m.end(); to.After(end) {
		to = end
	}
	if !to.After(m.time) {
		return nil
	}
	var out []Frame
	start := m.time
	for _, end := range frameEnds(m.time, to, m.tf) {
		date := candleOf(end, m.tf)
		f := Frame{Start: start, End: end, Closed: CandleStart(end, m.tf).Equal(end), Moves: map[string]Move{}}
		for _, p := range m.pairs {
			if c, ok := m.candle(p, date); ok {
				f.Moves[p] = Move{Path: pathCandle(c, start, end, m.tf), Candle: pathCandle(c, date, end, m.tf)}
			}
		}
		out = append(out, f)
		start = end
	}
	m.time = to
	return out
}

// pathCandle is what candle c's straight-line path did from a to b (both
// inside c); Volume is c's, pro rata.
func pathCandle(c Candle, a, b time.Time, tf time.Duration) Candle {
	ticks := c.IntraTicks()
	pts := []float64{ticks[0], ticks[1], ticks[2], c.Close}
	at := func(t time.Time) float64 {
		x := 3 * float64(t.Sub(c.Date)) / float64(tf)
		i := min(int(x), 2)
		return pts[i] + (pts[i+1]-pts[i])*(x-float64(i))
	}
	pa, pb := at(a), at(b)
	out := Candle{Date: c.Date, Open: pa, High: max(pa, pb), Low: min(pa, pb), Close: pb,
		Volume: c.Volume * float64(b.Sub(a)) / float64(tf)}
	for i := 1; i <= 2; i++ {
		if v := c.Date.Add(tf * time.Duration(i) / 3); v.After(a) && v.Before(b) {
			out.High, out.Low = max(out.High, pts[i]), min(out.Low, pts[i])
		}
	}
	pr := PrecisionFor(c.Close)
	if b.Sub(a) == tf {
		return c // the whole candle: exactly the file's
	}
	out.Open, out.High, out.Low, out.Close = pr.Price(out.Open), pr.Price(out.High), pr.Price(out.Low), pr.Price(out.Close)
	return out
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
