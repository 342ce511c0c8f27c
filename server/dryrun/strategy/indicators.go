package strategy

import "math"

// EMA is an incremental exponential moving average, seeded with the simple
// average of its first n values (as TA-Lib does). It is NaN until then.
type EMA struct {
	n     int
	count int
	sum   float64
	value float64
}

// NewEMA returns an EMA over n periods.
func NewEMA(n int) EMA { return EMA{n: n, value: math.NaN()} }

// Update adds x and returns the average (NaN while warming up).
func (e *EMA) Update(x float64) float64 {
	e.count++
	if e.count < e.n {
		e.sum += x
		return math.NaN()
	}
	if e.count == e.n {
		e.value = (e.sum + x) / float64(e.n)
		return e.value
	}
	alpha := 2 / float64(e.n+1)
	e.value += alpha * (x - e.value)
	return e.value
}

// RSI is Wilder's relative strength index over n periods, seeded with the
// simple averages of the first n gains and losses. It is NaN until then.
type RSI struct {
	n                int
	count            int
	prev             float64
	avgGain, avgLoss float64
}

// NewRSI returns an RSI over n periods.
func NewRSI(n int) RSI { return RSI{n: n} }

// Update adds x and returns the index (NaN while warming up).
func (r *RSI) Update(x float64) float64 {
	r.count++
	if r.count == 1 {
		r.prev = x
		return math.NaN()
	}
	change := x - r.prev
	r.prev = x
	gain, loss := math.Max(change, 0), math.Max(-change, 0)
	k := r.count - 1 // changes seen
	switch {
	case k < r.n:
		r.avgGain += gain
		r.avgLoss += loss
		return math.NaN()
	case k == r.n:
		r.avgGain = (r.avgGain + gain) / float64(r.n)
		r.avgLoss = (r.avgLoss + loss) / float64(r.n)
	default:
		n := float64(r.n)
		r.avgGain = (r.avgGain*(n-1) + gain) / n
		r.avgLoss = (r.avgLoss*(n-1) + loss) / n
	}
	if r.avgLoss == 0 {
		if r.avgGain == 0 {
			return 50
		}
		return 100
	}
	return 100 - 100/(1+r.avgGain/r.avgLoss)
}
