package dryrun

import (
	"context"
	"fmt"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/metrics"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/store"
)

// Status implements rpc.Trades. It builds the answer on every call: the
// server encodes it once per StatusVersion, so polling does not reach here.
func (b *Bot) Status(context.Context) ([]apiclient.OpenTrade, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	open := b.openTrades()
	trades := make([]apiclient.OpenTrade, len(open))
	for i, t := range open {
		trades[i] = metrics.OpenTradeJSON(t, b.tradeRate(t))
	}
	return trades, nil
}

// Trades implements rpc.Trades: closed trades, by id or by close date
// (newest first), one page read from the database.
func (b *Bot) Trades(ctx context.Context, q apiclient.TradesQuery) (apiclient.TradesResponse, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 500
	}
	byDate := q.OrderByID != nil && !*q.OrderByID
	page, err := b.db.ClosedTrades(ctx, store.ClosedQuery{Offset: q.Offset, Limit: limit, ByCloseDate: byDate})
	if err != nil {
		return apiclient.TradesResponse{}, fmt.Errorf("dryrun: %w", err)
	}
	total, err := b.db.CountClosedTrades(ctx)
	if err != nil {
		return apiclient.TradesResponse{}, fmt.Errorf("dryrun: %w", err)
	}
	out := apiclient.TradesResponse{Trades: make([]apiclient.RawTrade, 0, len(page)), Offset: q.Offset, TotalTrades: total}
	for _, t := range page {
		out.Trades = append(out.Trades, metrics.RawTradeJSON(t, apiclient.Deref(t.CloseRate)))
	}
	out.TradesCount = len(out.Trades)
	return out, nil
}

// findTrade returns trade id: the open one from memory, a closed one from
// the database; nil when there is none. The caller holds b.mu.
func (b *Bot) findTrade(ctx context.Context, id int) (*store.Trade, error) {
	if t, ok := b.open[id]; ok {
		return t, nil
	}
	t, err := b.db.Trade(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("dryrun: %w", err)
	}
	if t != nil && t.IsOpen {
		return nil, nil // deleted from memory, not yet from the database
	}
	return t, nil
}

// Trade implements rpc.Trades; it serves open and closed trades. A closed
// trade is read from the database without the bot's lock.
func (b *Bot) Trade(ctx context.Context, id int) (apiclient.OpenTrade, error) {
	b.mu.Lock()
	if t, ok := b.open[id]; ok {
		defer b.mu.Unlock()
		return metrics.OpenTradeJSON(t, b.tradeRate(t)), nil
	}
	b.mu.Unlock()
	t, err := b.closedTrade(ctx, id)
	if err != nil {
		return apiclient.OpenTrade{}, err
	}
	if t == nil {
		return apiclient.OpenTrade{}, rpc.NotFound("Trade not found.")
	}
	b.mu.Lock()
	rate := b.tradeRate(t)
	b.mu.Unlock()
	return metrics.OpenTradeJSON(t, rate), nil
}

// closedTrade reads the closed trade id from the database; nil when there
// is none (or it is open: the open ones are served from memory).
func (b *Bot) closedTrade(ctx context.Context, id int) (*store.Trade, error) {
	t, err := b.db.Trade(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("dryrun: %w", err)
	}
	if t != nil && t.IsOpen {
		return nil, nil
	}
	return t, nil
}

// DeleteTrade implements rpc.Trades: open orders are cancelled and the trade
// is removed from the database.
func (b *Bot) DeleteTrade(ctx context.Context, id int) (apiclient.DeleteTradeResult, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer b.flushLogs()
	if b.closed {
		return apiclient.DeleteTradeResult{}, errClosed
	}
	b.actNow()
	t, err := b.findTrade(ctx, id)
	if err != nil {
		return apiclient.DeleteTradeResult{}, err
	}
	if t == nil {
		return apiclient.DeleteTradeResult{}, rpc.Errorf("Trade with id '%d' not found.", id)
	}
	n := len(metrics.OpenOrders(t))
	if err := b.deleteTrade(ctx, t); err != nil {
		return apiclient.DeleteTradeResult{}, err
	}
	msg := fmt.Sprintf("Deleted trade #%d for pair %s. Closed %d open orders.", id, t.Pair, n)
	b.logf(levelInfo, logRPC, "%s", msg)
	return apiclient.DeleteTradeResult{CancelOrderCount: n, Result: "success", ResultMsg: msg, TradeID: id}, nil
}

// CancelOpenOrder implements rpc.Trades. When the cancelled entry had filled
// nothing the trade is gone afterwards, and freqtrade answers "no active
// trade".
func (b *Bot) CancelOpenOrder(ctx context.Context, id int) (apiclient.OpenTrade, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer b.flushLogs()
	if b.closed {
		return apiclient.OpenTrade{}, errClosed
	}
	if b.state == rpc.StateStopped {
		return apiclient.OpenTrade{}, rpc.NotRunning()
	}
	b.actNow()
	t, ok := b.open[id]
	if !ok {
		return apiclient.OpenTrade{}, rpc.Errorf("Invalid trade_id.")
	}
	if !metrics.HasOpenOrders(t) {
		return apiclient.OpenTrade{}, rpc.Errorf("No open order for trade_id.")
	}
	for i := 0; t != nil && i < len(t.Orders); i++ {
		if !t.Orders[i].IsOpen {
			continue
		}
		nt, err := b.cancelOrder(ctx, t, i, reasonUser)
		if err != nil {
			return apiclient.OpenTrade{}, err
		}
		t = nt
	}
	if t == nil {
		return apiclient.OpenTrade{}, rpc.Errorf("no active trade")
	}
	return metrics.OpenTradeJSON(t, b.tradeRate(t)), nil
}

// ReloadTrade implements rpc.Trades: the trade is recomputed from its
// orders (the dry-run "exchange") and saved.
func (b *Bot) ReloadTrade(ctx context.Context, id int) (apiclient.OpenTrade, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer b.flushLogs()
	if b.closed {
		return apiclient.OpenTrade{}, errClosed
	}
	t, err := b.findTrade(ctx, id)
	if err != nil {
		return apiclient.OpenTrade{}, err
	}
	if t == nil {
		return apiclient.OpenTrade{}, rpc.Errorf("Could not find trade with id %d.", id)
	}
	nt := cloneTrade(t)
	metrics.Recalc(nt)
	if err := b.save(ctx, nt); err != nil {
		return apiclient.OpenTrade{}, err
	}
	if t.IsOpen {
		b.replace(nt)
	} else {
		b.closedProfit += apiclient.Deref(nt.CloseProfitAbs) - apiclient.Deref(t.CloseProfitAbs)
	}
	b.logf(levelInfo, logRPC, "Reloaded trade #%d from its orders.", id)
	return metrics.OpenTradeJSON(nt, b.tradeRate(nt)), nil
}

// OpenTradesCustomData implements rpc.Trades from the trade_custom_data
// table (the built-in strategy writes none; a freqtrade database may hold
// some).
func (b *Bot) OpenTradesCustomData(ctx context.Context, q apiclient.CustomDataQuery) ([]apiclient.TradeCustomData, error) {
	b.mu.Lock()
	open := b.openTrades()
	b.mu.Unlock()
	if len(open) == 0 {
		return nil, rpc.NotFound("No open trades found.")
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	out := []apiclient.TradeCustomData{}
	for i := q.Offset; i < len(open) && len(out) < limit; i++ {
		entries, err := b.customData(ctx, open[i].ID, q.Key)
		if err != nil {
			return nil, err
		}
		if len(entries) > 0 {
			out = append(out, apiclient.TradeCustomData{TradeID: open[i].ID, CustomData: entries})
		}
	}
	if len(out) == 0 {
		if q.Key != "" {
			return nil, rpc.NotFound(fmt.Sprintf("No custom-data with key '%s' found for any open trades.", q.Key))
		}
		return nil, rpc.NotFound("No custom-data found for any open trades.")
	}
	return out, nil
}

// TradeCustomData implements rpc.Trades; the database is read without the
// bot's lock.
func (b *Bot) TradeCustomData(ctx context.Context, id int, key string) ([]apiclient.TradeCustomData, error) {
	b.mu.Lock()
	_, open := b.open[id]
	b.mu.Unlock()
	if !open {
		if t, err := b.closedTrade(ctx, id); err != nil || t == nil {
			if err != nil {
				return nil, err
			}
			return nil, rpc.NotFound(fmt.Sprintf("No trade found for trade_id: %d", id))
		}
	}
	entries, err := b.customData(ctx, id, key)
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		if key != "" {
			return nil, rpc.NotFound(fmt.Sprintf("No custom-data with key '%s' found for Trade ID: %d.", key, id))
		}
		return nil, rpc.NotFound(fmt.Sprintf("No custom-data found for Trade ID: %d.", id))
	}
	return []apiclient.TradeCustomData{{TradeID: id, CustomData: entries}}, nil
}

func (b *Bot) customData(ctx context.Context, id int, key string) ([]apiclient.CustomDataEntry, error) {
	rows, err := b.db.CustomData(ctx, id, key)
	if err != nil {
		return nil, fmt.Errorf("dryrun: %w", err)
	}
	out := make([]apiclient.CustomDataEntry, 0, len(rows))
	for _, r := range rows {
		e := apiclient.CustomDataEntry{Key: r.Key, Type: r.Type, Value: decodeCustomValue(r.Type, r.Value),
			CreatedAt: apiclient.ISOTime{Time: r.CreatedAt}}
		if r.UpdatedAt != nil {
			e.UpdatedAt = &apiclient.ISOTime{Time: *r.UpdatedAt}
		}
		out = append(out, e)
	}
	return out, nil
}

// StatusVersion implements rpc.StatusVersioner: it moves whenever trades or
// rates change, so the server can reuse its encoded /status.
func (b *Bot) StatusVersion() uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.ver
}
