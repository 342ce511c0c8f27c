package store

import (
	"context"
	"fmt"
)

// ClosedKey tells whether the closed trades changed: two reads with equal
// keys saw the same closed trades (a trade closed, deleted or closed again
// changes the count, the highest id, the latest close date or the total
// profit).
type ClosedKey struct {
	Count     int
	MaxID     int
	LastClose string
	Profit    float64
}

// ClosedKey returns the closed trades' key: one aggregate query, no trade
// read.
func (s *Store) ClosedKey(ctx context.Context) (ClosedKey, error) {
	var k ClosedKey
	err := s.db.QueryRowContext(ctx, "SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(MAX(close_date), ''), "+
		"TOTAL(close_profit_abs) FROM trades WHERE is_open = 0").Scan(&k.Count, &k.MaxID, &k.LastClose, &k.Profit)
	if err != nil {
		return ClosedKey{}, fmt.Errorf("store: closed trades key: %w", err)
	}
	return k, nil
}
