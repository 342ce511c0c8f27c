package strategy

import (
	"math"
	"time"

	"github.com/freqdeck/freqdeck/server/dryrun/market"
)

// Analyzed rows kept per pair: trimmed back to keepRows when trimAt is hit.
const (
	keepRows = 1500
	trimAt   = 2000
)

// Row is one analyzed candle: OHLCV, the indicators and the signals.
type Row struct {
	market.Candle
	EMAFast, EMASlow, RSI float64 // NaN until warmed up
	EnterLong, ExitLong   bool
	EnterTag              string // "" when none
}

// Frame is one pair's analyzed dataframe: the newest rows (at most a few
// thousand) and the indicator state that extends them.
type Frame struct {
	pair         string
	params       Params
	rows         []Row
	first        int64 // dataframe index of rows[0]
	fast, slow   EMA
	rsi          RSI
	lastAnalyzed time.Time
}

// NewFrame returns pair's empty frame under params p.
func NewFrame(pair string, p Params) *Frame {
	return &Frame{pair: pair, params: p, fast: NewEMA(p.EMAFast), slow: NewEMA(p.EMASlow), rsi: NewRSI(p.RSIPeriod)}
}

// Pair returns the frame's pair.
func (f *Frame) Pair() string { return f.pair }

// LastAnalyzed returns when the newest row was analyzed.
func (f *Frame) LastAnalyzed() time.Time { return f.lastAnalyzed }

// Len returns how many rows the frame holds.
func (f *Frame) Len() int { return len(f.rows) }

// Last returns the newest analyzed row, or nil.
func (f *Frame) Last() *Row {
	if len(f.rows) == 0 {
		return nil
	}
	return &f.rows[len(f.rows)-1]
}

// Add analyzes a closed candle and appends it.
func (f *Frame) Add(c market.Candle, analyzedAt time.Time) *Row {
	r := Row{Candle: c, EMAFast: f.fast.Update(c.Close), EMASlow: f.slow.Update(c.Close), RSI: f.rsi.Update(c.Close)}
	if prev := f.Last(); prev != nil {
		signals(&r, prev, f.params)
	}
	if len(f.rows) >= trimAt {
		// Into a new array: snapshots (Snapshot) still read the old one.
		drop := len(f.rows) - keepRows
		f.rows = append(make([]Row, 0, trimAt), f.rows[drop:]...)
		f.first += int64(drop)
	}
	f.rows = append(f.rows, r)
	f.lastAnalyzed = analyzedAt
	return &f.rows[len(f.rows)-1]
}

// Snapshot returns a copy of f as it is now, which later Adds do not
// change, to be read by any goroutine while f goes on. It is cheap: it
// shares f's rows, as Add only appends past the snapshot's end and trims
// into a new array, and rows once added never change. Do not Add to a
// snapshot.
func (f *Frame) Snapshot() *Frame {
	s := *f
	s.rows = f.rows[:len(f.rows):len(f.rows)]
	return &s
}

// Provisional returns the row of c, the candle in progress: its
// indicators as if it closed now, and no signals (the strategy acts on
// closed candles). The frame does not change.
func (f *Frame) Provisional(c market.Candle) Row {
	fast, slow, rsi := f.fast, f.slow, f.rsi // copies: the frame keeps its state
	return Row{Candle: c, EMAFast: fast.Update(c.Close), EMASlow: slow.Update(c.Close), RSI: rsi.Update(c.Close)}
}

// Reanalyze returns a new frame holding f's candles analyzed under p, with
// f's dataframe indexes and analysis time; each candle counts as analyzed
// when it closed (its open plus tf).
func (f *Frame) Reanalyze(p Params, tf time.Duration) *Frame {
	nf := NewFrame(f.pair, p)
	for _, r := range f.rows {
		nf.Add(r.Candle, r.Date.Add(tf))
	}
	nf.first, nf.lastAnalyzed = f.first, f.lastAnalyzed
	return nf
}

// signals applies the built-in strategy to r given the previous row.
func signals(r, prev *Row, s Params) {
	ready := !math.IsNaN(r.EMASlow) && !math.IsNaN(prev.EMASlow) && !math.IsNaN(r.RSI) && !math.IsNaN(prev.RSI)
	if !ready {
		return
	}
	crossUp := prev.EMAFast <= prev.EMASlow && r.EMAFast > r.EMASlow
	crossDown := prev.EMAFast >= prev.EMASlow && r.EMAFast < r.EMASlow
	r.ExitLong = crossDown || r.RSI > s.RSIExit
	if r.ExitLong {
		return // freqtrade does not enter on a candle that also signals an exit
	}
	switch {
	case crossUp && r.RSI < s.RSIEntryMax:
		r.EnterLong, r.EnterTag = true, s.TagCross
	case prev.RSI < s.RSIBuy && r.RSI >= s.RSIBuy:
		r.EnterLong, r.EnterTag = true, s.TagRebound
	}
}

// Tail returns the newest n rows (all when n <= 0 or n exceeds them) and the
// dataframe index of the first one. The rows are the frame's own: read
// them before the next Add.
func (f *Frame) Tail(n int) ([]Row, int64) {
	if n <= 0 || n >= len(f.rows) {
		return f.rows, f.first
	}
	start := len(f.rows) - n
	return f.rows[start:], f.first + int64(start)
}
