package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// selectSQL selects id plus the named fields of table.
func selectSQL(table string, fs []field, where string) string {
	cols := names(fs)
	for i, c := range cols {
		cols[i] = quote(c)
	}
	q := fmt.Sprintf("SELECT id, %s FROM %s", strings.Join(cols, ", "), quote(table))
	if where != "" {
		q += " WHERE " + where
	}
	return q + " ORDER BY id"
}

// Trades returns every trade with its orders, ordered by id. With openOnly,
// only open trades.
func (s *Store) Trades(ctx context.Context, openOnly bool) ([]*Trade, error) {
	where := ""
	if openOnly {
		where = "is_open = 1"
	}
	return s.queryTrades(ctx, selectSQL(tableTrades, tradeFields(&Trade{}), where), !openOnly)
}

// queryTrades runs q (a select of the trades columns) and attaches each
// trade's orders. With allOrders the whole orders table is read once, which
// is cheaper when q selects most trades.
func (s *Store) queryTrades(ctx context.Context, q string, allOrders bool, args ...any) ([]*Trade, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: query trades: %w", err)
	}
	var trades []*Trade
	byID := map[int]*Trade{}
	err = scanAll(rows, func() error {
		t := &Trade{}
		if err := rows.Scan(ptrs(tradeFields(t), &t.ID)...); err != nil {
			return err
		}
		trades = append(trades, t)
		byID[t.ID] = t
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: read trades: %w", err)
	}
	if err := s.attachOrders(ctx, byID, allOrders); err != nil {
		return nil, err
	}
	return trades, nil
}

// attachOrders reads the orders of the trades in byID: the whole table
// with all, else only theirs.
func (s *Store) attachOrders(ctx context.Context, byID map[int]*Trade, all bool) error {
	if len(byID) == 0 {
		return nil
	}
	where, args := "", []any(nil)
	if !all {
		marks := make([]string, 0, len(byID))
		for id := range byID {
			marks, args = append(marks, "?"), append(args, id)
		}
		where = "ft_trade_id IN (" + strings.Join(marks, ", ") + ")"
	}
	rows, err := s.db.QueryContext(ctx, selectSQL(tableOrders, orderFields(&Order{}), where), args...)
	if err != nil {
		return fmt.Errorf("store: query orders: %w", err)
	}
	err = scanAll(rows, func() error {
		o := &Order{}
		if err := rows.Scan(ptrs(orderFields(o), &o.ID)...); err != nil {
			return err
		}
		if t, ok := byID[o.TradeID]; ok {
			t.Orders = append(t.Orders, o)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: read orders: %w", err)
	}
	return nil
}

// MaxOrderID returns the largest orders.id, 0 when there are none.
func (s *Store) MaxOrderID(ctx context.Context) (int, error) {
	var v sql.NullInt64
	if err := s.db.QueryRowContext(ctx, "SELECT MAX(id) FROM orders").Scan(&v); err != nil {
		return 0, fmt.Errorf("store: max order id: %w", err)
	}
	return int(v.Int64), nil
}

// Locks returns the pair locks ordered by id. With activeAt non-zero, only
// locks that are active and end after activeAt.
func (s *Store) Locks(ctx context.Context, activeAt time.Time) ([]*Lock, error) {
	where, args := "", []any(nil)
	if !activeAt.IsZero() {
		where, args = "active = 1 AND lock_end_time > ?", []any{formatTime(activeAt)}
	}
	rows, err := s.db.QueryContext(ctx, selectSQL(tableLocks, lockFields(&Lock{}), where), args...)
	if err != nil {
		return nil, fmt.Errorf("store: query locks: %w", err)
	}
	var locks []*Lock
	err = scanAll(rows, func() error {
		l := &Lock{}
		if err := rows.Scan(ptrs(lockFields(l), &l.ID)...); err != nil {
			return err
		}
		locks = append(locks, l)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: read locks: %w", err)
	}
	return locks, nil
}

// KV returns the value stored under key, or nil when there is none.
func (s *Store) KV(ctx context.Context, key string) (*KV, error) {
	kv := &KV{}
	var id int
	q := selectSQL(tableKV, kvFields(kv), "key = ?")
	err := s.db.QueryRowContext(ctx, q, key).Scan(ptrs(kvFields(kv), &id)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: read %s: %w", key, err)
	}
	return kv, nil
}

// CustomData returns the custom data of tradeID, ordered by id. A non-empty
// key filters case-insensitively, as freqtrade does.
func (s *Store) CustomData(ctx context.Context, tradeID int, key string) ([]CustomData, error) {
	where, args := "ft_trade_id = ?", []any{tradeID}
	if key != "" {
		where += " AND lower(cd_key) = lower(?)"
		args = append(args, key)
	}
	rows, err := s.db.QueryContext(ctx, selectSQL(tableCustom, customFields(&CustomData{}), where), args...)
	if err != nil {
		return nil, fmt.Errorf("store: query custom data: %w", err)
	}
	var out []CustomData
	err = scanAll(rows, func() error {
		var c CustomData
		if err := rows.Scan(ptrs(customFields(&c), &c.ID)...); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: read custom data: %w", err)
	}
	return out, nil
}

// scanAll calls fn for each row and closes rows.
func scanAll(rows *sql.Rows, fn func() error) error {
	defer rows.Close()
	for rows.Next() {
		if err := fn(); err != nil {
			return err
		}
	}
	return rows.Err()
}
