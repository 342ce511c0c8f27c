package dryrun

import (
	"context"
	"fmt"
	"sync"

	"github.com/freqdeck/freqdeck/server/store"
)

// closedCache keeps the closed trades the statistics read (every one, with
// its orders), for as long as the database's closed trades keep the same
// store.ClosedKey: a UI polling /profit, /performance or /stats costs one
// aggregate query a request, not a read of the whole history. It has its
// own lock, never the bot's.
type closedCache struct {
	mu     sync.Mutex
	valid  bool
	key    store.ClosedKey
	trades []*store.Trade
}

// get returns copies of the closed trades of db (the statistics may work
// on them), read again only when their key changed.
func (c *closedCache) get(ctx context.Context, db *store.Store) ([]*store.Trade, error) {
	key, err := db.ClosedKey(ctx)
	if err != nil {
		return nil, fmt.Errorf("dryrun: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.valid || c.key != key {
		trades, err := db.ClosedTrades(ctx, store.ClosedQuery{})
		if err != nil {
			return nil, fmt.Errorf("dryrun: %w", err)
		}
		c.trades, c.key, c.valid = trades, key, true
	}
	out := make([]*store.Trade, len(c.trades))
	for i, t := range c.trades {
		out[i] = cloneTrade(t)
	}
	return out, nil
}
