package tui

import (
	"context"
	"fmt"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/tui/feed"
)

// op is one confirmed operator action, ready to run. call takes the
// request by value (captured when the op was built), never the model.
type op struct {
	kind    action.Kind
	bot     int
	botName string
	// target is what the action is about (a trade id, a lock id, a pair);
	// kind+target identify it in the bot's action registry.
	target string
	// label names it on the status bar: "force exit #12 ETH/USDT".
	label   string
	request any
	refetch feed.Resources
	// screen is the screen data the op changes (the blacklist), fetched
	// again after it when its screen is shown.
	screen panes.ScreenData
	call   func(ctx context.Context, api API) (string, error)
}

// key identifies the op in its bot's action registry.
func (o op) key() action.Key { return action.Key{Kind: o.kind, Target: o.target} }

// opDoneMsg is the outcome of runOpCmd.
type opDoneMsg struct {
	o        op
	att      action.Attempt
	before   action.State
	res      action.Result
	auditErr error
	// err is the call's own error, for the feed's view of the bot
	// (feed.Report).
	err error
}

// runOpCmd records the attempt, calls the API, reads the outcome and
// records it (action.Do), and reports it.
func runOpCmd(ctx context.Context, api API, timeout time.Duration, audit *action.Log, now func() time.Time,
	o op, att action.Attempt, before action.State) tea.Cmd {
	return func() tea.Msg {
		cctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		var callErr error
		res, auditErr := action.Do(cctx, audit, now, att, func(ctx context.Context) (string, error) {
			text, err := o.call(ctx, api)
			callErr = err
			return text, err
		})
		return opDoneMsg{o: o, att: att, before: before, res: res, auditErr: auditErr, err: callErr}
	}
}

// tradeTarget is the in-flight target of a trade action.
func tradeTarget(t apiclient.OpenTrade) string { return strconv.Itoa(t.TradeID) }

// forceExitOp exits one trade; orderType is "market" or "limit", price
// and amount are optional.
func forceExitOp(b *botState, t apiclient.OpenTrade, orderType string, price, amount *float64) op {
	req := apiclient.ForceExitRequest{
		TradeID: apiclient.TradeRefID(t.TradeID), OrderType: &orderType, Price: price, Amount: amount,
	}
	label := fmt.Sprintf("force exit #%d %s", t.TradeID, t.Pair)
	if amount != nil {
		label = fmt.Sprintf("partial exit #%d %s (%s)", t.TradeID, t.Pair, formatAmount(*amount))
	}
	return op{
		kind: action.ForceExit, bot: b.id, botName: b.displayName(), target: tradeTarget(t),
		label: label, request: req, refetch: feed.TradeData,
		call: func(ctx context.Context, api API) (string, error) {
			res, err := api.ForceExit(ctx, req)
			return res.Result, err
		},
	}
}

// forceExitAllOp exits every open trade.
func forceExitAllOp(b *botState) op {
	req := apiclient.ForceExitRequest{TradeID: apiclient.AllTrades}
	return op{
		kind: action.ForceExitAll, bot: b.id, botName: b.displayName(), target: "all",
		label: "force exit all trades", request: req, refetch: feed.TradeData,
		call: func(ctx context.Context, api API) (string, error) {
			res, err := api.ForceExit(ctx, req)
			return res.Result, err
		},
	}
}

// forceEnterOp opens a trade.
func forceEnterOp(b *botState, req apiclient.ForceEnterRequest) op {
	return op{
		kind: action.ForceEnter, bot: b.id, botName: b.displayName(), target: req.Pair,
		label: fmt.Sprintf("force enter %s %s", req.Side, req.Pair), request: req, refetch: feed.TradeData,
		call: func(ctx context.Context, api API) (string, error) {
			res, err := api.ForceEnter(ctx, req)
			if err != nil {
				return "", err
			}
			if res.Trade == nil {
				// freqtrade answers 200 with a status when it entered nothing.
				return "", &action.RefusedError{Message: res.Status}
			}
			return fmt.Sprintf("entered #%d %s", res.Trade.TradeID, res.Trade.Pair), nil
		},
	}
}

// controlOp is start, stop, pause or reload_config.
func controlOp(b *botState, kind action.Kind) op {
	labels := map[action.Kind]string{
		action.Start: "start", action.Stop: "stop", action.Pause: "pause entries", action.Reload: "reload config",
	}
	refetch := feed.ConfigData
	if kind == action.Reload {
		refetch |= feed.WhitelistData
	}
	return op{
		kind: kind, bot: b.id, botName: b.displayName(), label: labels[kind], refetch: refetch,
		call: func(ctx context.Context, api API) (string, error) {
			var res apiclient.StatusResponse
			var err error
			switch kind {
			case action.Start:
				res, err = api.Start(ctx)
			case action.Stop:
				res, err = api.Stop(ctx)
			case action.Pause:
				res, err = api.Pause(ctx)
			default:
				res, err = api.ReloadConfig(ctx)
			}
			return res.Status, err
		},
	}
}

// addLockOp locks a pair until a time.
func addLockOp(b *botState, req apiclient.LockRequest) op {
	return op{
		kind: action.AddLock, bot: b.id, botName: b.displayName(), target: req.Pair,
		label: fmt.Sprintf("lock %s until %s", req.Pair, req.Until), request: []apiclient.LockRequest{req},
		refetch: feed.LockData,
		call: func(ctx context.Context, api API) (string, error) {
			res, err := api.AddLocks(ctx, req)
			return plural(res.LockCount, "lock", "locks") + " active", err
		},
	}
}

// deleteLockOp deletes one lock.
func deleteLockOp(b *botState, l apiclient.Lock) op {
	id := l.ID
	return op{
		kind: action.DeleteLock, bot: b.id, botName: b.displayName(), target: strconv.Itoa(id),
		label: fmt.Sprintf("delete lock #%d %s", id, l.Pair), request: map[string]int{"lockid": id},
		refetch: feed.LockData,
		call: func(ctx context.Context, api API) (string, error) {
			res, err := api.DeleteLock(ctx, id)
			return plural(res.LockCount, "lock", "locks") + " left", err
		},
	}
}

// cancelOrderOp cancels a trade's open order.
func cancelOrderOp(b *botState, t apiclient.OpenTrade) op {
	id := t.TradeID
	return op{
		kind: action.CancelOrder, bot: b.id, botName: b.displayName(), target: tradeTarget(t),
		label: fmt.Sprintf("cancel open order of #%d %s", id, t.Pair), request: map[string]int{"tradeid": id},
		refetch: feed.TradeData,
		call: func(ctx context.Context, api API) (string, error) {
			_, err := api.CancelOpenOrder(ctx, id)
			return "order cancelled", err
		},
	}
}

// deleteTradeOp deletes a trade from the bot's database.
func deleteTradeOp(b *botState, t apiclient.OpenTrade) op {
	id := t.TradeID
	return op{
		kind: action.DeleteTrade, bot: b.id, botName: b.displayName(), target: tradeTarget(t),
		label: fmt.Sprintf("delete trade #%d %s", id, t.Pair), request: map[string]int{"tradeid": id},
		refetch: feed.TradeData,
		call: func(ctx context.Context, api API) (string, error) {
			res, err := api.DeleteTrade(ctx, id)
			return res.ResultMsg, err
		},
	}
}

// plural formats n with the singular or plural noun: "1 lock", "3 locks".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
