package rpctest

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// Status implements rpc.Bot: every open trade, [] when none.
func (b *Bot) Status(ctx context.Context) ([]apiclient.OpenTrade, error) {
	return value(ctx, b, "Status", func(f *Fixtures) []apiclient.OpenTrade {
		return append(make([]apiclient.OpenTrade, 0, len(f.OpenTrades)), f.OpenTrades...)
	})
}

// Trades implements rpc.Bot: one page of the closed trades, in the order
// of the fixtures (by id, as freqtrade's default), or newest close first
// with order_by_id=false.
func (b *Bot) Trades(ctx context.Context, q apiclient.TradesQuery) (apiclient.TradesResponse, error) {
	return value(ctx, b, "Trades", func(f *Fixtures) apiclient.TradesResponse {
		all := f.ClosedTrades
		if q.OrderByID != nil && !*q.OrderByID {
			all = slices.Clone(all)
			slices.SortStableFunc(all, func(x, y apiclient.RawTrade) int { return y.ClosedAt().Compare(x.ClosedAt()) })
		}
		start := min(max(q.Offset, 0), len(all))
		end := len(all)
		if q.Limit > 0 {
			end = min(start+q.Limit, len(all))
		}
		page := append([]apiclient.RawTrade{}, all[start:end]...)
		return apiclient.TradesResponse{Trades: page, TradesCount: len(page), Offset: q.Offset, TotalTrades: len(all)}
	}, q)
}

func findOpen(f *Fixtures, id int) int {
	return slices.IndexFunc(f.OpenTrades, func(t apiclient.OpenTrade) bool { return t.TradeID == id })
}

// Trade implements rpc.Bot: an open trade by id.
func (b *Bot) Trade(ctx context.Context, id int) (apiclient.OpenTrade, error) {
	return call(ctx, b, "Trade", func(f *Fixtures) (apiclient.OpenTrade, error) {
		i := findOpen(f, id)
		if i < 0 {
			return apiclient.OpenTrade{}, rpc.NotFound("Trade not found.")
		}
		return f.OpenTrades[i], nil
	}, id)
}

// DeleteTrade implements rpc.Bot: the open trade is removed.
func (b *Bot) DeleteTrade(ctx context.Context, id int) (apiclient.DeleteTradeResult, error) {
	return call(ctx, b, "DeleteTrade", func(f *Fixtures) (apiclient.DeleteTradeResult, error) {
		i := findOpen(f, id)
		if i < 0 {
			return apiclient.DeleteTradeResult{}, rpc.Errorf("Trade with id '%d' not found.", id)
		}
		pair := f.OpenTrades[i].Pair
		f.OpenTrades = slices.Delete(slices.Clone(f.OpenTrades), i, i+1)
		return apiclient.DeleteTradeResult{
			CancelOrderCount: 0, Result: "success", TradeID: id,
			ResultMsg: fmt.Sprintf("Deleted trade #%d for pair %s. Closed 0 open orders.", id, pair),
		}, nil
	}, id)
}

// CancelOpenOrder implements rpc.Bot.
func (b *Bot) CancelOpenOrder(ctx context.Context, id int) (apiclient.OpenTrade, error) {
	return call(ctx, b, "CancelOpenOrder", func(f *Fixtures) (apiclient.OpenTrade, error) {
		i := findOpen(f, id)
		if i < 0 {
			return apiclient.OpenTrade{}, rpc.Errorf("Invalid trade_id.")
		}
		if !f.OpenTrades[i].HasOpenOrders {
			return apiclient.OpenTrade{}, rpc.Errorf("No open order for trade_id.")
		}
		return f.OpenTrades[i], nil
	}, id)
}

// ReloadTrade implements rpc.Bot.
func (b *Bot) ReloadTrade(ctx context.Context, id int) (apiclient.OpenTrade, error) {
	return call(ctx, b, "ReloadTrade", func(f *Fixtures) (apiclient.OpenTrade, error) {
		i := findOpen(f, id)
		if i < 0 {
			return apiclient.OpenTrade{}, rpc.Errorf("Could not find trade with id %d.", id)
		}
		return f.OpenTrades[i], nil
	}, id)
}

// OpenTradesCustomData implements rpc.Bot.
func (b *Bot) OpenTradesCustomData(ctx context.Context, q apiclient.CustomDataQuery) ([]apiclient.TradeCustomData, error) {
	return call(ctx, b, "OpenTradesCustomData", func(f *Fixtures) ([]apiclient.TradeCustomData, error) {
		out := filterCustomData(f.CustomData, -1, q.Key)
		if len(out) == 0 {
			return nil, rpc.NotFound("No custom-data found for any open trades.")
		}
		return out, nil
	}, q)
}

// TradeCustomData implements rpc.Bot.
func (b *Bot) TradeCustomData(ctx context.Context, id int, key string) ([]apiclient.TradeCustomData, error) {
	return call(ctx, b, "TradeCustomData", func(f *Fixtures) ([]apiclient.TradeCustomData, error) {
		out := filterCustomData(f.CustomData, id, key)
		if len(out) == 0 {
			return nil, rpc.NotFound(fmt.Sprintf("No custom-data found for Trade ID: %d.", id))
		}
		return out, nil
	}, id, key)
}

// filterCustomData keeps one trade (id >= 0) and one key (key != "").
func filterCustomData(all []apiclient.TradeCustomData, id int, key string) []apiclient.TradeCustomData {
	var out []apiclient.TradeCustomData
	for _, tc := range all {
		if id >= 0 && tc.TradeID != id {
			continue
		}
		kept := tc
		kept.CustomData = nil
		for _, e := range tc.CustomData {
			if key == "" || strings.EqualFold(e.Key, key) {
				kept.CustomData = append(kept.CustomData, e)
			}
		}
		if len(kept.CustomData) > 0 {
			out = append(out, kept)
		}
	}
	return out
}

// ForceEnter implements rpc.Bot with the ForceEnter fixture.
func (b *Bot) ForceEnter(ctx context.Context, req apiclient.ForceEnterRequest) (apiclient.ForceEnterResult, error) {
	return value(ctx, b, "ForceEnter", func(f *Fixtures) apiclient.ForceEnterResult { return f.ForceEnter }, req)
}

// ForceExit implements rpc.Bot: "all", or the id of an open trade.
func (b *Bot) ForceExit(ctx context.Context, req apiclient.ForceExitRequest) (apiclient.ResultResponse, error) {
	return call(ctx, b, "ForceExit", func(f *Fixtures) (apiclient.ResultResponse, error) {
		if f.ShowConfig.State == string(rpc.StateStopped) {
			return apiclient.ResultResponse{}, rpc.NotRunning()
		}
		if req.TradeID == apiclient.AllTrades {
			return apiclient.ResultResponse{Result: "Created exit orders for all open trades."}, nil
		}
		id, err := strconv.Atoi(string(req.TradeID))
		if err != nil || findOpen(f, id) < 0 {
			return apiclient.ResultResponse{}, rpc.Errorf("invalid argument")
		}
		return apiclient.ResultResponse{Result: fmt.Sprintf("Created exit order for trade %d.", id)}, nil
	}, req)
}
