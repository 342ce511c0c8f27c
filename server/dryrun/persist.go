package dryrun

import (
	"context"
	"errors"
	"fmt"

	"github.com/freqdeck/freqdeck/server/store"
)

// Trades change copy-on-write: an action clones the trade, changes the
// clone, commits it (together with any trades that only had rate updates),
// and only then swaps the clone in and reports it. A failed commit leaves
// memory as it was. Rate updates (max and min rate, a trailing stop) change
// the open trade in place and mark it dirty; the tick that made them hands
// them to the tick writer (commitTick), so kill -9 loses at most the last
// tick's.

// cloneTrade deep-copies t and its orders.
func cloneTrade(t *store.Trade) *store.Trade {
	c := *t
	c.Orders = make([]*store.Order, len(t.Orders))
	for i, o := range t.Orders {
		oc := *o
		c.Orders[i] = &oc
	}
	return &c
}

// save commits ts (inserting new trades and orders) and every dirty trade in
// one transaction.
func (b *Bot) save(ctx context.Context, ts ...*store.Trade) error {
	saving := map[int]bool{}
	for _, t := range ts {
		saving[t.ID] = true
	}
	err := b.db.Write(ctx, func(w *store.Writer) error {
		for _, t := range ts {
			if err := writeTrade(w, t); err != nil {
				return err
			}
		}
		return b.writeDirty(w, saving)
	})
	if err != nil {
		return &storeError{fmt.Errorf("dryrun: save trades: %w", err)}
	}
	clear(b.dirty)
	return nil
}

// writeDirty writes the rate updates of the dirty open trades, except
// those in skip (written whole).
func (b *Bot) writeDirty(w *store.Writer, skip map[int]bool) error {
	rates := make([]store.TradeRates, 0, len(b.dirty))
	for id := range b.dirty {
		if t, ok := b.open[id]; ok && !skip[id] {
			rates = append(rates, store.RatesOf(t))
		}
	}
	return w.RaiseTradeRates(rates)
}

func writeTrade(w *store.Writer, t *store.Trade) error {
	var err error
	if t.ID == 0 {
		err = w.InsertTrade(t)
	} else {
		err = w.UpdateTrade(t)
	}
	if err != nil {
		return err
	}
	for _, o := range t.Orders {
		o.TradeID = t.ID
		if o.ID == 0 {
			err = w.InsertOrder(o)
		} else {
			err = w.UpdateOrder(o)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// commitTick hands what the tick changed besides fills to the tick writer
// (see tickWriter), and reports a commit of an earlier tick that failed.
func (b *Bot) commitTick() error {
	b.writer.add(b.tickSave())
	if err := b.writer.failure(); err != nil {
		return fmt.Errorf("dryrun: save a tick: %w", err)
	}
	return nil
}

// replace swaps the committed clone nt in for the trade with the same id,
// or adds it when it is new. A trade that closed leaves memory, and its
// profit joins the closed trades' sum.
func (b *Bot) replace(nt *store.Trade) {
	b.ver++
	old, ok := b.open[nt.ID]
	if !ok {
		b.addTrade(nt)
		return
	}
	if b.openBy[nt.Pair] == old {
		delete(b.openBy, nt.Pair)
	}
	if nt.IsOpen {
		b.open[nt.ID], b.openBy[nt.Pair] = nt, nt
		return
	}
	delete(b.open, nt.ID)
	delete(b.dirty, nt.ID)
	if nt.CloseProfitAbs != nil {
		b.closedProfit += *nt.CloseProfitAbs
	}
}

// deleteTrade removes t from the store and from memory.
func (b *Bot) deleteTrade(ctx context.Context, t *store.Trade) error {
	err := b.db.Write(ctx, func(w *store.Writer) error { return w.DeleteTrade(t.ID) })
	if err != nil {
		return &storeError{fmt.Errorf("dryrun: delete trade %d: %w", t.ID, err)}
	}
	if !t.IsOpen && t.CloseProfitAbs != nil {
		b.closedProfit -= *t.CloseProfitAbs
	}
	b.removeTrade(t)
	return nil
}

// markDirty notes a rate update of the open trade t, committed with the
// tick that made it.
func (b *Bot) markDirty(t *store.Trade) {
	b.ver++
	b.dirty[t.ID] = true
}

// storeError marks a failure to persist: the bot's state and the database
// could diverge, so the loop stops trading on it.
type storeError struct{ err error }

// Error implements error.
func (e *storeError) Error() string { return e.err.Error() }

// Unwrap returns the underlying error.
func (e *storeError) Unwrap() error { return e.err }

func isStoreError(err error) bool {
	var se *storeError
	return errors.As(err, &se)
}
