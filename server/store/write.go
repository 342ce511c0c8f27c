package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Writer performs the writes of one transaction. It is only valid inside the
// function passed to Write.
type Writer struct {
	ctx context.Context
	tx  *sql.Tx
	s   *Store
}

// Write runs fn in one transaction and commits it. When Write returns nil the
// changes are durable (synchronous=FULL). If fn fails, nothing is written.
func (s *Store) Write(ctx context.Context, fn func(w *Writer) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(&Writer{ctx: ctx, tx: tx, s: s}); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

func (w *Writer) exec(key string, args ...any) (sql.Result, error) {
	res, err := w.tx.StmtContext(w.ctx, w.s.stmts[key]).ExecContext(w.ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", key, err)
	}
	return res, nil
}

// insert inserts a row of table. With sequenced, its id comes from the
// table's sequence and is never reused; otherwise SQLite picks it.
func (w *Writer) insert(table string, fs []field, sequenced bool) (int, error) {
	var id any
	if sequenced {
		n, err := w.nextID(table)
		if err != nil {
			return 0, err
		}
		id = n
	}
	res, err := w.exec("insert_"+table, ptrs(fs, id)...)
	if err != nil {
		return 0, err
	}
	last, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("store: insert %s: %w", table, err)
	}
	return int(last), nil
}

func (w *Writer) update(table string, fs []field, id int) error {
	res, err := w.exec("update_"+table, append(ptrs(fs), id)...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("store: update %s: no row with id %d", table, id)
	}
	return nil
}

// InsertTrade inserts t (not its orders) and sets t.ID. Trade ids are
// never reused, not even the id of a deleted trade.
func (w *Writer) InsertTrade(t *Trade) error {
	id, err := w.insert(tableTrades, tradeFields(t), true)
	if err != nil {
		return err
	}
	t.ID = id
	for _, o := range t.Orders {
		o.TradeID = id
	}
	return nil
}

// UpdateTrade writes every column of t (not its orders).
func (w *Writer) UpdateTrade(t *Trade) error { return w.update(tableTrades, tradeFields(t), t.ID) }

// TradeRates are the rate-tracking columns of an open trade: what a tick
// changes far more often than anything else.
type TradeRates struct {
	ID                    int
	MaxRate, MinRate      *float64
	StopLoss, StopLossPct *float64
	IsStopLossTrailing    bool
}

// RatesOf returns t's rate-tracking columns.
func RatesOf(t *Trade) TradeRates {
	return TradeRates{ID: t.ID, MaxRate: t.MaxRate, MinRate: t.MinRate, StopLoss: t.StopLoss,
		StopLossPct: t.StopLossPct, IsStopLossTrailing: t.IsStopLossTrailing}
}

// RaiseTradeRates writes rs, but only where they widen what is stored: a
// higher max_rate, a lower min_rate, a higher stoploss (with its ratio),
// trailing once set. A late write of older values therefore never undoes a
// newer one, and a trade that is gone is skipped.
func (w *Writer) RaiseTradeRates(rs []TradeRates) error {
	for _, r := range rs {
		if _, err := w.exec("raise_trade_rates", r.MaxRate, r.MinRate, r.StopLoss, r.StopLossPct, r.IsStopLossTrailing, r.ID); err != nil {
			return err
		}
	}
	return nil
}

// raiseRatesSQL is RaiseTradeRates' statement. The SET expressions all see
// the row as it was, so the stoploss ratio follows a raised stoploss.
const raiseRatesSQL = `UPDATE trades SET
	max_rate = CASE WHEN ?1 IS NOT NULL AND (max_rate IS NULL OR max_rate < ?1) THEN ?1 ELSE max_rate END,
	min_rate = CASE WHEN ?2 IS NOT NULL AND (min_rate IS NULL OR min_rate > ?2) THEN ?2 ELSE min_rate END,
	stop_loss_pct = CASE WHEN ?3 IS NOT NULL AND (stop_loss IS NULL OR stop_loss < ?3) THEN ?4 ELSE stop_loss_pct END,
	stop_loss = CASE WHEN ?3 IS NOT NULL AND (stop_loss IS NULL OR stop_loss < ?3) THEN ?3 ELSE stop_loss END,
	is_stop_loss_trailing = MAX(is_stop_loss_trailing, ?5)
	WHERE id = ?6`

// DeleteTrade deletes a trade with its orders and custom data.
func (w *Writer) DeleteTrade(id int) error {
	for _, q := range []string{
		"DELETE FROM orders WHERE ft_trade_id = ?",
		"DELETE FROM trade_custom_data WHERE ft_trade_id = ?",
		"DELETE FROM trades WHERE id = ?",
	} {
		if _, err := w.tx.ExecContext(w.ctx, q, id); err != nil {
			return fmt.Errorf("store: delete trade %d: %w", id, err)
		}
	}
	return nil
}

// InsertOrder inserts o and sets o.ID (never reused). o.TradeID must be
// set.
func (w *Writer) InsertOrder(o *Order) error {
	id, err := w.insert(tableOrders, orderFields(o), true)
	if err != nil {
		return err
	}
	o.ID = id
	return nil
}

// UpdateOrder writes every column of o.
func (w *Writer) UpdateOrder(o *Order) error { return w.update(tableOrders, orderFields(o), o.ID) }

// InsertLock inserts l and sets l.ID.
func (w *Writer) InsertLock(l *Lock) error {
	id, err := w.insert(tableLocks, lockFields(l), false)
	if err != nil {
		return err
	}
	l.ID = id
	return nil
}

// UpdateLock writes every column of l.
func (w *Writer) UpdateLock(l *Lock) error { return w.update(tableLocks, lockFields(l), l.ID) }

// SetKV inserts or replaces the value of kv.Key.
func (w *Writer) SetKV(kv KV) error {
	if _, err := w.tx.ExecContext(w.ctx, `DELETE FROM "KeyValueStore" WHERE key = ?`, kv.Key); err != nil {
		return fmt.Errorf("store: set %s: %w", kv.Key, err)
	}
	_, err := w.insert(tableKV, kvFields(&kv), false)
	return err
}

// InsertCustomData inserts one custom-data row and sets c.ID.
func (w *Writer) InsertCustomData(c *CustomData) error {
	id, err := w.insert(tableCustom, customFields(c), false)
	if err != nil {
		return err
	}
	c.ID = id
	return nil
}
