package dryrun

import (
	"math"
	"time"
)

// Analyzed rows kept per pair: trimmed back to keepRows when trimAt is hit.
const (
	keepRows = 1500
	trimAt   = 2000
)

// row is one analyzed candle: OHLCV, the indicators and the signals.
type row struct {
	candle
	emaFast, emaSlow, rsi float64 // NaN until warmed up
	enterLong, exitLong   bool
	enterTag              string // "" when none
}

// pairData is one pair's analyzed dataframe and live price.
type pairData struct {
	pair         string
	rows         []row
	first        int64 // dataframe index of rows[0]
	fast, slow   ema
	rsi          rsi
	price        float64 // current rate
	lastAnalyzed time.Time
}

func newPairData(pair string, s Strategy) *pairData {
	return &pairData{pair: pair, fast: newEMA(s.EMAFast), slow: newEMA(s.EMASlow), rsi: newRSI(s.RSIPeriod),
		price: math.NaN()}
}

// last returns the newest analyzed row, or nil.
func (d *pairData) last() *row {
	if len(d.rows) == 0 {
		return nil
	}
	return &d.rows[len(d.rows)-1]
}

// add analyzes a closed candle and appends it.
func (d *pairData) add(c candle, s Strategy, analyzedAt time.Time) *row {
	r := row{candle: c, emaFast: d.fast.update(c.Close), emaSlow: d.slow.update(c.Close), rsi: d.rsi.update(c.Close)}
	if prev := d.last(); prev != nil {
		signals(&r, prev, s)
	}
	if len(d.rows) >= trimAt {
		drop := len(d.rows) - keepRows
		d.rows = append(d.rows[:0], d.rows[drop:]...)
		d.first += int64(drop)
	}
	d.rows = append(d.rows, r)
	d.price = c.Close
	d.lastAnalyzed = analyzedAt
	return &d.rows[len(d.rows)-1]
}

// signals applies the built-in strategy to r given the previous row.
func signals(r, prev *row, s Strategy) {
	ready := !math.IsNaN(r.emaSlow) && !math.IsNaN(prev.emaSlow) && !math.IsNaN(r.rsi) && !math.IsNaN(prev.rsi)
	if !ready {
		return
	}
	crossUp := prev.emaFast <= prev.emaSlow && r.emaFast > r.emaSlow
	crossDown := prev.emaFast >= prev.emaSlow && r.emaFast < r.emaSlow
	r.exitLong = crossDown || r.rsi > s.RSIExit
	if r.exitLong {
		return // freqtrade does not enter on a candle that also signals an exit
	}
	switch {
	case crossUp && r.rsi < s.RSIEntryMax:
		r.enterLong, r.enterTag = true, s.TagCross
	case prev.rsi < s.RSIBuy && r.rsi >= s.RSIBuy:
		r.enterLong, r.enterTag = true, s.TagRebound
	}
}

// tail returns the newest n rows (all when n <= 0 or n exceeds them) and the
// dataframe index of the first one.
func (d *pairData) tail(n int) ([]row, int64) {
	if n <= 0 || n >= len(d.rows) {
		return d.rows, d.first
	}
	start := len(d.rows) - n
	return d.rows[start:], d.first + int64(start)
}
