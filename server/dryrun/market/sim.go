package market

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// subSteps is how many random-walk steps make one simulated candle.
const subSteps = 12

// numRegimes is how many volatility regimes a walk switches between.
const numRegimes = 3

// regimeSigma is the per-step volatility of a regime: calm, normal, wild.
func regimeSigma(regime int) float64 {
	switch regime {
	case 0:
		return 0.0005
	case 1:
		return 0.0010
	default:
		return 0.0022
	}
}

// The trend is an AR(1) process per candle: trendKeep of it persists and a
// shock of trendShock times the regime's volatility is added.
const (
	trendKeep  = 0.95
	trendShock = 0.06
)

// regimeSwitch is the chance per candle that a walk changes regime.
const regimeSwitch = 0.03

// Sim is a seeded random walk per pair with volatility regimes. The same
// seed, pairs and start always give the same candles. It implements Source.
type Sim struct {
	seed  int64
	tf    time.Duration
	start time.Time // open time of the first live candle
	date  time.Time // open time of the next candle
	pairs []string
	walks map[string]*walk
}

// walk is one pair's price process.
type walk struct {
	rng    *rand.Rand
	price  float64
	regime int
	trend  float64 // a slowly changing drift per step: markets trend
	volume float64
}

// NewSim returns the simulated market of pairs with timeframe tf whose
// first live candle opens at start.
func NewSim(pairs []string, seed int64, tf time.Duration, start time.Time) *Sim {
	m := &Sim{seed: seed, tf: tf, start: start, date: start, walks: map[string]*walk{}}
	for _, p := range pairs {
		m.addWalk(p)
	}
	return m
}

func (m *Sim) addWalk(pair string) {
	if _, ok := m.walks[pair]; ok {
		return
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte(pair))
	rng := rand.New(rand.NewPCG(uint64(m.seed), h.Sum64()))
	m.walks[pair] = &walk{rng: rng, price: basePrice(pair, rng), regime: 1, volume: 100 + rng.Float64()*900}
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

// AddPair implements Source: a new pair's walk starts at once.
func (m *Sim) AddPair(pair string) error {
	m.addWalk(pair)
	return nil
}

// Warmup implements Source: n candles per pair ending where the live
// candles start.
func (m *Sim) Warmup(n int) map[string][]Candle {
	out := map[string][]Candle{}
	for i := n; i > 0; i-- {
		date := m.start.Add(-time.Duration(i) * m.tf)
		for _, p := range m.pairs {
			out[p] = append(out[p], m.walks[p].candle(date))
		}
	}
	return out
}

// Next implements Source; a simulated market never runs out.
func (m *Sim) Next() (time.Time, map[string]Candle, bool) {
	date := m.date
	out := make(map[string]Candle, len(m.pairs))
	for _, p := range m.pairs {
		out[p] = m.walks[p].candle(date)
	}
	m.date = m.date.Add(m.tf)
	return date, out, true
}

// candle advances the walk by one candle.
func (w *walk) candle(date time.Time) Candle {
	if w.rng.Float64() < regimeSwitch {
		w.regime = (w.regime + 1 + w.rng.IntN(numRegimes-1)) % numRegimes
	}
	sigma := regimeSigma(w.regime)
	w.trend = trendKeep*w.trend + trendShock*sigma*w.rng.NormFloat64()
	c := Candle{Date: date, Open: w.price, High: w.price, Low: w.price}
	moved := 0.0
	for range subSteps {
		r := w.trend + sigma*w.rng.NormFloat64()
		moved += math.Abs(r)
		w.price *= math.Exp(r)
		c.High = math.Max(c.High, w.price)
		c.Low = math.Min(c.Low, w.price)
	}
	c.Close = w.price
	// Volume rises with movement, around a per-pair base; it keeps 8
	// decimals.
	c.Volume = math.Round(w.volume*(0.5+w.rng.Float64())*(1+moved/(sigma*subSteps))*1e8) / 1e8
	c.Open, c.High, c.Low, c.Close = RoundPrice(c.Open), RoundPrice(c.High), RoundPrice(c.Low), RoundPrice(c.Close)
	return c
}
