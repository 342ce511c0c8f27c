package market

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// maxSteps caps the random-walk steps of one candle; below it the walk
// steps once a second.
const maxSteps = 300

// numRegimes is how many volatility regimes a walk switches between.
const numRegimes = 3

// regimeFactor scales the volatility in a regime: calm, normal, wild.
func regimeFactor(regime int) float64 {
	switch regime {
	case 0:
		return 0.5
	case 1:
		return 1
	default:
		return 2.2
	}
}

// The trend is an AR(1) process per candle: trendKeep of it persists and a
// shock of trendShock times the candle's volatility is added. Markets
// trend for a while, then turn.
const (
	trendKeep  = 0.95
	trendShock = 0.05
)

// regimeSwitch is the chance per candle that a walk changes regime.
const regimeSwitch = 0.03

// SimConfig configures a simulated market.
type SimConfig struct {
	Pairs []string
	Seed  int64
	// Timeframe is the candle size.
	Timeframe time.Duration
	// Volatility is the standard deviation of one candle's log return in
	// the normal regime (0.002: about 0.2 % per candle).
	Volatility float64
}

// Sim is a seeded random walk per pair with volatility regimes and trends,
// stepping once a second (at most maxSteps times a candle). A fresh pair's
// walk is the same for the same seed, whatever the start date; a resumed
// one continues from its saved price. It implements Source.
type Sim struct {
	cfg   SimConfig
	dt    time.Duration // the step
	steps int           // steps per candle
	time  time.Time
	pairs []string
	walks map[string]*walk
	start Start
}

// walk is one pair's price process.
type walk struct {
	rng     *rand.Rand
	time    time.Time // the last step
	price   float64   // unrounded
	regime  int
	trend   float64 // the drift of the current candle
	volBase float64
	candle  Candle // the candle in progress
	prec    Precision
	resumed bool
}

// NewSim returns the simulated market of cfg started at st: pairs with a
// recent saved state continue from it, the others start Warmup candles
// before st.Now with generated history.
func NewSim(cfg SimConfig, st Start) *Sim {
	steps := int(min(max(cfg.Timeframe/time.Second, 1), maxSteps))
	m := &Sim{cfg: cfg, steps: steps, dt: cfg.Timeframe / time.Duration(steps), walks: map[string]*walk{}, start: st}
	m.time = CandleStart(st.Now, cfg.Timeframe).Add(-time.Duration(st.Warmup) * cfg.Timeframe)
	for _, p := range cfg.Pairs {
		m.addWalk(p, m.time)
	}
	for _, w := range m.walks {
		m.time = minTime(m.time, w.time)
	}
	return m
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// addWalk starts pair's walk at from, or resumes it from its saved state.
func (m *Sim) addWalk(pair string, from time.Time) {
	if _, ok := m.walks[pair]; ok {
		return
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte(pair))
	stream := h.Sum64()
	base := basePrice(pair, rand.New(rand.NewPCG(uint64(m.cfg.Seed), stream)))
	w := &walk{price: base, regime: 1, prec: PrecisionFor(base), time: from}
	w.rng = rand.New(rand.NewPCG(uint64(m.cfg.Seed), stream^0x9e3779b97f4a7c15))
	w.volBase = 100 + w.rng.Float64()*900
	if s, ok := m.start.Saved[pair]; ok && s.Mode == "simulated" && s.TFMillis == m.cfg.Timeframe.Milliseconds() && s.Price > 0 {
		w.price, w.regime, w.trend, w.volBase = s.Price, s.Regime, s.Trend, max(s.VolumeBase, 1)
		// A recent state continues at its time, with its candle; an older
		// one (or one from a faster clock) only passes its price on.
		if !s.Time.After(m.start.Now) && m.start.Now.Sub(s.Time) <= m.start.MaxGap {
			w.time, w.candle, w.resumed = s.Time, s.Candle, true
			w.rng = rand.New(rand.NewPCG(uint64(m.cfg.Seed), stream^uint64(s.Time.UnixNano())))
		}
	}
	m.walks[pair] = w
	m.pairs = append(m.pairs, pair)
}

// basePrice is a plausible starting price: a known coin's rough price, or a
// seeded one between 0.1 and 1000.
func basePrice(pair string, rng *rand.Rand) float64 {
	base, _, _ := strings.Cut(pair, "/")
	known := map[string]float64{"BTC": 60000, "ETH": 3000, "SOL": 150, "BNB": 600, "XRP": 0.5,
		"ADA": 0.45, "DOGE": 0.15, "AVAX": 35, "DOT": 7, "LINK": 15, "LTC": 80, "TRX": 0.12}
	if p, ok := known[base]; ok {
		return p
	}
	return math.Pow(10, -1+4*rng.Float64())
}

// Describe implements Source.
func (m *Sim) Describe() string { return "simulated market" }

// Time implements Source.
func (m *Sim) Time() time.Time { return m.time }

// Exhausted implements Source: a simulated market never runs out.
func (m *Sim) Exhausted() bool { return false }

// Resumed implements Source.
func (m *Sim) Resumed(pair string) bool { return m.walks[pair] != nil && m.walks[pair].resumed }

// Precision implements Source.
func (m *Sim) Precision(pair string) Precision {
	if w, ok := m.walks[pair]; ok {
		return w.prec
	}
	return PrecisionFor(0)
}

// AddPair implements Source: a new pair's walk starts at the market's time.
func (m *Sim) AddPair(pair string) error {
	m.addWalk(pair, m.time)
	return nil
}

// State implements Source.
func (m *Sim) State(pair string) (PairState, bool) {
	w, ok := m.walks[pair]
	if !ok {
		return PairState{}, false
	}
	return PairState{Mode: "simulated", TFMillis: m.cfg.Timeframe.Milliseconds(), Time: w.time, Price: w.price,
		Regime: w.regime, Trend: w.trend, VolumeBase: w.volBase, Candle: w.candle}, true
}

// Advance implements Source.
func (m *Sim) Advance(to time.Time) []Frame {
	if !to.After(m.time) {
		return nil
	}
	var out []Frame
	start := m.time
	for _, end := range frameEnds(m.time, to, m.cfg.Timeframe) {
		f := Frame{Start: start, End: end, Closed: CandleStart(end, m.cfg.Timeframe).Equal(end), Moves: make(map[string]Move, len(m.pairs))}
		for _, p := range m.pairs {
			if w := m.walks[p]; w.time.Before(end) {
				f.Moves[p] = m.move(w, end)
			}
		}
		out = append(out, f)
		start = end
	}
	m.time = to
	return out
}

// move walks w up to end (inside one candle) and returns what it did.
func (m *Sim) move(w *walk, end time.Time) Move {
	date := candleOf(end, m.cfg.Timeframe)
	if !w.candle.Date.Equal(date) {
		m.newCandle(w, date)
	}
	open := w.prec.Price(w.price)
	path := Candle{Date: date, Open: open, High: open, Low: open, Close: open}
	sigma := m.cfg.Volatility * regimeFactor(w.regime) / math.Sqrt(float64(m.steps))
	// Steps sit on the grid date + k*dt; the first one after w.time.
	k := w.time.Sub(date)/m.dt + 1
	for next := date.Add(k * m.dt); !next.After(end); next = next.Add(m.dt) {
		r := w.trend/float64(m.steps) + sigma*w.rng.NormFloat64()
		w.price *= math.Exp(r)
		p := w.prec.Price(w.price)
		path.High, path.Low, path.Close = max(path.High, p), min(path.Low, p), p
		// Volume rises with movement, around the pair's base; 8 decimals.
		v := w.volBase / float64(m.steps) * (0.5 + w.rng.Float64()) * (1 + math.Abs(r)/sigma)
		path.Volume += math.Round(v*1e8) / 1e8
		w.time = next
	}
	path.Volume = math.Round(path.Volume*1e8) / 1e8
	w.candle = w.candle.merge(path)
	w.candle.Volume = math.Round(w.candle.Volume*1e8) / 1e8
	return Move{Path: path, Candle: w.candle}
}

// newCandle starts w's candle at date, opening at the last price, and
// draws its regime and trend.
func (m *Sim) newCandle(w *walk, date time.Time) {
	if w.rng.Float64() < regimeSwitch {
		w.regime = (w.regime + 1 + w.rng.IntN(numRegimes-1)) % numRegimes
	}
	w.trend = trendKeep*w.trend + trendShock*m.cfg.Volatility*regimeFactor(w.regime)*w.rng.NormFloat64()
	p := w.prec.Price(w.price)
	w.candle = Candle{Date: date, Open: p, High: p, Low: p, Close: p}
	if w.time.Before(date) {
		w.time = date
	}
}
