package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Closed trades are read from the database page by page: a bot keeps only
// its open trades in memory, so its memory does not grow with its history.

// ClosedQuery selects closed trades.
type ClosedQuery struct {
	// Offset skips that many trades; Limit caps the answer (<= 0: no cap).
	Offset, Limit int
	// ByCloseDate orders by close date, newest first (ties by id); else
	// by id, oldest first.
	ByCloseDate bool
	// Since keeps only trades closed after it (zero: every closed trade).
	Since time.Time
}

// ClosedTrades returns the closed trades q selects, with their orders.
func (s *Store) ClosedTrades(ctx context.Context, q ClosedQuery) ([]*Trade, error) {
	where, args := "is_open = 0", []any(nil)
	if !q.Since.IsZero() {
		where += " AND close_date > ?"
		args = append(args, formatTime(q.Since))
	}
	cols := names(tradeFields(&Trade{}))
	for i, c := range cols {
		cols[i] = quote(c)
	}
	sel := fmt.Sprintf("SELECT id, %s FROM %s WHERE %s", strings.Join(cols, ", "), quote(tableTrades), where)
	if q.ByCloseDate {
		sel += " ORDER BY close_date DESC, id DESC"
	} else {
		sel += " ORDER BY id"
	}
	limit := q.Limit
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	sel += " LIMIT ? OFFSET ?"
	args = append(args, limit, max(q.Offset, 0))
	return s.queryTrades(ctx, sel, false, args...)
}

// CountClosedTrades returns how many trades are closed.
func (s *Store) CountClosedTrades(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM trades WHERE is_open = 0").Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count closed trades: %w", err)
	}
	return n, nil
}

// Trade returns the trade id with its orders, or nil when there is none.
func (s *Store) Trade(ctx context.Context, id int) (*Trade, error) {
	ts, err := s.queryTrades(ctx, selectSQL(tableTrades, tradeFields(&Trade{}), "id = ?"), false, id)
	if err != nil || len(ts) == 0 {
		return nil, err
	}
	return ts[0], nil
}

// ClosedProfit returns the sum of close_profit_abs over the closed trades:
// what the closed trades added to the wallet.
func (s *Store) ClosedProfit(ctx context.Context) (float64, error) {
	var v sql.NullFloat64
	if err := s.db.QueryRowContext(ctx, "SELECT SUM(close_profit_abs) FROM trades WHERE is_open = 0").Scan(&v); err != nil {
		return 0, fmt.Errorf("store: sum closed profit: %w", err)
	}
	return v.Float64, nil
}

// FirstOpenDate returns the open date of the first trade; ok is false when
// there is no trade.
func (s *Store) FirstOpenDate(ctx context.Context) (first time.Time, ok bool, err error) {
	var v sql.NullString
	if err := s.db.QueryRowContext(ctx, "SELECT open_date FROM trades ORDER BY id LIMIT 1").Scan(&v); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return time.Time{}, false, nil
		}
		return time.Time{}, false, fmt.Errorf("store: first trade: %w", err)
	}
	if !v.Valid {
		return time.Time{}, false, nil
	}
	t, err := parseTime(v.String)
	return t, err == nil, err
}

// ClosedProfitPoint is one closed trade as the wallet history sees it.
type ClosedProfitPoint struct {
	CloseDate time.Time
	Profit    float64 // close_profit_abs
}

// ClosedProfits returns every closed trade's close date and profit,
// ordered by close date: two numbers per trade, not whole trades.
func (s *Store) ClosedProfits(ctx context.Context) ([]ClosedProfitPoint, error) {
	return s.closedProfits(ctx, "SELECT close_date, COALESCE(close_profit_abs, 0) FROM trades "+
		"WHERE is_open = 0 AND close_date IS NOT NULL ORDER BY close_date, id")
}

// ClosedProfitsSince returns the close date and profit of the trades
// closed at or after since (compared as the stored text: a caller that
// needs an exact bound asks a day early and checks), ordered by id.
func (s *Store) ClosedProfitsSince(ctx context.Context, since time.Time) ([]ClosedProfitPoint, error) {
	return s.closedProfits(ctx, "SELECT close_date, COALESCE(close_profit_abs, 0) FROM trades "+
		"WHERE is_open = 0 AND close_date IS NOT NULL AND close_date >= ? ORDER BY id", formatTime(since))
}

func (s *Store) closedProfits(ctx context.Context, query string, args ...any) ([]ClosedProfitPoint, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: query closed profits: %w", err)
	}
	var out []ClosedProfitPoint
	err = scanAll(rows, func() error {
		var p ClosedProfitPoint
		if err := rows.Scan(timeCol{&p.CloseDate}, &p.Profit); err != nil {
			return err
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: read closed profits: %w", err)
	}
	return out, nil
}
