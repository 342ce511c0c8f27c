package dryrun

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/store"
)

// tickSave is what ticks changed besides fills: the market's state, the
// candles that closed and the open trades' rate updates.
type tickSave struct {
	states  map[string]market.PairState
	candles []store.PairCandle
	rates   map[int]store.TradeRates
}

// merge adds the later save s to t: newer states and rates replace older
// ones, candles add up.
func (t *tickSave) merge(s tickSave) {
	if t.states == nil {
		t.states, t.rates = map[string]market.PairState{}, map[int]store.TradeRates{}
	}
	for p, st := range s.states {
		t.states[p] = st
	}
	t.candles = append(t.candles, s.candles...)
	for id, r := range s.rates {
		t.rates[id] = r
	}
}

// tickWriter commits the ticks' saves on a goroutine of its own, so a tick
// (and the bot's lock) never waits for the disk. A save is committed as
// soon as the writer is free, saves that pile up meanwhile in one
// transaction; kill -9 loses at most the saves not yet committed, the last
// tick's when the disk keeps up. Rates are written only where they widen
// the stored ones (store.RaiseTradeRates), so a save committed after a
// fill's own commit never undoes it. Fills never go through here: they are
// committed before they are reported.
type tickWriter struct {
	db     *store.Store
	tfName string
	tf     time.Duration
	saved  func(tickSave) // sees each committed save; may be nil

	flushMu sync.Mutex // one flush at a time: saves commit in order
	mu      sync.Mutex
	pending tickSave
	has     bool
	err     error // the last failure, reported by the next tick

	kick chan struct{}
	quit chan struct{}
	done chan struct{}
}

func newTickWriter(db *store.Store, tfName string, tf time.Duration, saved func(tickSave)) *tickWriter {
	w := &tickWriter{db: db, tfName: tfName, tf: tf, saved: saved, kick: make(chan struct{}, 1),
		quit: make(chan struct{}), done: make(chan struct{})}
	go w.run()
	return w
}

// add queues s for the writer.
func (w *tickWriter) add(s tickSave) {
	w.mu.Lock()
	w.pending.merge(s)
	w.has = true
	w.mu.Unlock()
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// failure returns (and forgets) the last commit failure.
func (w *tickWriter) failure() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	err := w.err
	w.err = nil
	return err
}

func (w *tickWriter) run() {
	defer close(w.done)
	for {
		select {
		case <-w.kick:
			w.flush()
		case <-w.quit:
			w.flush()
			return
		}
	}
}

// flush commits what is pending.
func (w *tickWriter) flush() {
	w.flushMu.Lock()
	defer w.flushMu.Unlock()
	w.mu.Lock()
	s, has := w.pending, w.has
	w.pending, w.has = tickSave{}, false
	w.mu.Unlock()
	if !has {
		return
	}
	err := w.db.Write(context.Background(), func(tx *store.Writer) error { return writeSave(tx, s, w.tfName, w.tf) })
	switch {
	case err != nil:
		w.mu.Lock()
		w.err = &storeError{err}
		w.mu.Unlock()
	case w.saved != nil:
		w.saved(s)
	}
}

// close commits what is pending and stops the writer; it returns the last
// failure.
func (w *tickWriter) close() error {
	close(w.quit)
	<-w.done
	return w.failure()
}

// writeSave writes s in the transaction of tx.
func writeSave(tx *store.Writer, s tickSave, tfName string, tf time.Duration) error {
	states := make(map[string]string, len(s.states))
	for p, st := range s.states {
		raw, err := json.Marshal(st)
		if err != nil {
			return fmt.Errorf("dryrun: encode the market state of %s: %w", p, err)
		}
		states[p] = string(raw)
	}
	if err := tx.SetMarketStates(states); err != nil {
		return err
	}
	if err := tx.AddCandles(tfName, s.candles); err != nil {
		return err
	}
	for _, pc := range s.candles {
		// The saved window is trimmed now and then, on a grid of candles.
		if pc.Candle.Date.UnixMilli()/tf.Milliseconds()%trimEvery == 0 {
			if err := tx.TrimCandles(tfName, pc.Candle.Date.Add(-time.Duration(keepCandles)*tf)); err != nil {
				return err
			}
			break
		}
	}
	rates := make([]store.TradeRates, 0, len(s.rates))
	for _, r := range s.rates {
		rates = append(rates, r)
	}
	return tx.RaiseTradeRates(rates)
}
