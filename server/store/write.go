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

// UpdateTradeRates writes only t's rate-tracking columns: max and min rate
// and the (trailing) stoploss. A tick updates these on open trades far more
// often than anything else.
func (w *Writer) UpdateTradeRates(t *Trade) error {
	res, err := w.exec("update_trade_rates", t.MaxRate, t.MinRate, t.StopLoss, t.StopLossPct, t.IsStopLossTrailing, t.ID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("store: update rates: no trade with id %d", t.ID)
	}
	return nil
}

// updateRatesSQL is the statement of UpdateTradeRates.
const updateRatesSQL = "UPDATE trades SET max_rate = ?, min_rate = ?, stop_loss = ?, stop_loss_pct = ?, " +
	"is_stop_loss_trailing = ? WHERE id = ?"

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
