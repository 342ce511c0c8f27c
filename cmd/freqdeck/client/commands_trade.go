package client

import (
	"context"
	"fmt"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
)

func tradeCommands() []clientCommand {
	cmds := []clientCommand{
		{name: "status", summary: "Show the open trades.", table: tableOf(renderOpenTrades),
			call: noArgs((*apiclient.Client).Status)},
		{name: "trades", summary: "Show closed trades, ordered by id (or newest first with order_by_id=false).",
			example: "limit=10",
			params: []param{{name: "limit", kind: kindInt, help: "at most this many (server default 500)"},
				{name: "offset", kind: kindInt}, {name: "order_by_id", kind: kindBool}},
			table: tableOf(renderTrades),
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				q := apiclient.TradesQuery{Limit: a.int("limit"), Offset: a.int("offset")}
				// Like freqtrade-client, only order_by_id=false is sent.
				if b := a.boolPtr("order_by_id"); b != nil && !*b {
					q.OrderByID = b
				}
				return c.Trades(ctx, q)
			}},
		{name: "trade", summary: "Show one trade, open or closed.", params: tradeIDParam(), example: "3",
			table: tableOf(renderOpenTrade),
			call:  intArg("trade_id", (*apiclient.Client).Trade)},
		{name: "delete_trade", summary: "Delete a trade from the database, cancelling its open orders. The position stays on the exchange.",
			params: tradeIDParam(), example: "3", acts: acts(action.DeleteTrade, "trade_id"),
			call: intArg("trade_id", (*apiclient.Client).DeleteTrade)},
		{name: "cancel_open_order", summary: "Cancel a trade's open order.", params: tradeIDParam(), example: "3",
			acts:  acts(action.CancelOrder, "trade_id"),
			table: tableOf(renderOpenTrade),
			call:  intArg("trade_id", (*apiclient.Client).CancelOpenOrder)},
		{name: "list_open_trades_custom_data", summary: "Show the custom data of the open trades.",
			example: "key=my_key",
			params:  []param{{name: "key"}, {name: "limit", kind: kindInt}, {name: "offset", kind: kindInt}},
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				q := apiclient.CustomDataQuery{Key: a.str("key"), Limit: 100, Offset: a.int("offset")}
				if a.has("limit") {
					q.Limit = a.int("limit")
				}
				return c.OpenTradesCustomData(ctx, q)
			}},
		{name: "list_custom_data", summary: "Show one trade's custom data.", example: "3 key=my_key",
			params: []param{{name: "trade_id", kind: kindInt, required: true}, {name: "key"}},
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				return c.TradeCustomData(ctx, a.int("trade_id"), a.str("key"))
			}},
	}
	cmds = append(cmds, entryExitCommands()...)
	return append(cmds, lockCommands()...)
}

func entryExitCommands() []clientCommand {
	return []clientCommand{
		{name: "forceenter", summary: "Enter a trade now.", example: "BTC/USDT long price=64000 stake_amount=100",
			table: tableOf(renderForceEnter), acts: acts(action.ForceEnter, "pair"),
			params: []param{{name: "pair", required: true}, {name: "side", required: true, help: "long or short"},
				{name: "price", kind: kindFloat, help: "limit price"},
				{name: "order_type", keyword: true, help: "limit or market"},
				{name: "stake_amount", kind: kindFloat, keyword: true},
				{name: "leverage", kind: kindFloat, keyword: true},
				{name: "enter_tag", keyword: true}},
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				return c.ForceEnter(ctx, apiclient.ForceEnterRequest{
					Pair: a.str("pair"), Side: a.str("side"), Price: a.floatPtr("price"),
					OrderType: a.strPtr("order_type"), StakeAmount: a.floatPtr("stake_amount"),
					Leverage: a.floatPtr("leverage"), EntryTag: a.strPtr("enter_tag"),
				})
			}},
		{name: "forcebuy", summary: "Enter a long trade now (deprecated alias of forceenter, for old bots).",
			example: "BTC/USDT",
			params:  []param{{name: "pair", required: true}, {name: "price", kind: kindFloat}},
			table:   tableOf(renderForceEnter),
			acts:    acts(action.ForceEnter, "pair"),
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				return c.ForceBuy(ctx, a.str("pair"), a.floatPtr("price"))
			}},
		{name: "forceexit", summary: `Exit a trade (or "all" open trades) now, fully or partly.`,
			example: "3 limit amount=0.5 price=65000",
			acts: func(a cmdArgs) (action.Kind, string) {
				if id := a.str("tradeid"); id != string(apiclient.AllTrades) {
					return action.ForceExit, id
				}
				return action.ForceExitAll, "all"
			},
			params: []param{{name: "tradeid", required: true, help: `a trade id or "all"`},
				{name: "ordertype", help: "limit or market"}, {name: "amount", kind: kindFloat, help: "partial exit, base currency"},
				{name: "price", kind: kindFloat, keyword: true, help: "limit price (freqdeck extension)"}},
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, _ time.Time) (any, error) {
				return c.ForceExit(ctx, apiclient.ForceExitRequest{
					TradeID: apiclient.TradeRef(a.str("tradeid")), OrderType: a.strPtr("ordertype"),
					Amount: a.floatPtr("amount"), Price: a.floatPtr("price"),
				})
			}},
	}
}

func lockCommands() []clientCommand {
	return []clientCommand{
		{name: "locks", summary: "Show the active pair locks.", table: tableOf(renderLocks),
			call: noArgs((*apiclient.Client).Locks)},
		{name: "delete_lock", summary: "Delete (deactivate) a lock.", example: "7",
			params: []param{{name: "lock_id", kind: kindInt, required: true}},
			table:  tableOf(renderLocks),
			acts:   acts(action.DeleteLock, "lock_id"),
			call:   intArg("lock_id", (*apiclient.Client).DeleteLock)},
		{name: "lock_add", summary: `Lock a pair until a time ("2024-03-30 16:00:00Z") or for a duration ("2h", a freqdeck extension).`,
			example: `BTC/USDT 2h side=long reason="manual pause"`,
			params: []param{{name: "pair", required: true}, {name: "until", required: true},
				{name: "side", help: "long, short or * (default)"}, {name: "reason"}},
			table: tableOf(renderLocks), acts: acts(action.AddLock, "pair"),
			call: func(ctx context.Context, c *apiclient.Client, a cmdArgs, now time.Time) (any, error) {
				until, err := lockUntil(a.str("until"), now)
				if err != nil {
					return nil, err
				}
				side := a.str("side")
				if side == "" {
					side = "*"
				}
				reason := a.str("reason")
				return c.AddLocks(ctx, apiclient.LockRequest{Pair: a.str("pair"), Side: side, Until: until, Reason: &reason})
			}},
	}
}

// lockUntil accepts freqtrade's time format as is, or a duration from now.
func lockUntil(s string, now time.Time) (string, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return s, nil //nolint:nilerr // not a duration: a time, checked by the server
	}
	if d <= 0 {
		return "", fmt.Errorf("lock duration %q must be positive", s)
	}
	return apiclient.FormatAwareTime(now.Add(d)), nil
}
