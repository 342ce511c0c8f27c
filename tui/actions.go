package tui

import (
	"context"
	"fmt"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/tui/feed"
)

// actionKind names an operator action, as the audit log records it.
type actionKind int

// The actions (DESIGN.md "Actions and safety").
const (
	actForceExit actionKind = iota
	actForceExitAll
	actForceEnter
	actStart
	actStop
	actPause
	actReload
	actAddLock
	actDeleteLock
	actCancelOrder
	actDeleteTrade
)

// String implements fmt.Stringer.
func (k actionKind) String() string {
	switch k {
	case actForceExit:
		return "force_exit"
	case actForceExitAll:
		return "force_exit_all"
	case actForceEnter:
		return "force_enter"
	case actStart:
		return "start"
	case actStop:
		return "stop"
	case actPause:
		return "pause"
	case actReload:
		return "reload_config"
	case actAddLock:
		return "add_lock"
	case actDeleteLock:
		return "delete_lock"
	case actCancelOrder:
		return "cancel_order"
	case actDeleteTrade:
		return "delete_trade"
	}
	return "unknown"
}

// action is one confirmed operator action, ready to run. call takes the
// request by value (captured when the action was built), never the model.
type action struct {
	kind    actionKind
	bot     int
	botName string
	// target is what the action is about (a trade id, a lock id, a pair);
	// bot+kind+target identify it while it is in flight.
	target string
	// label names it on the status bar: "force exit #12 ETH/USDT".
	label   string
	request any
	refetch feed.Resources
	call    func(ctx context.Context, api API) (string, error)
}

// key identifies the action while in flight.
func (a action) key() string { return fmt.Sprintf("%d/%s/%s", a.bot, a.kind, a.target) }

// actionDoneMsg is the outcome of runActionCmd.
type actionDoneMsg struct {
	a        action
	result   string
	err      error
	auditErr error
}

// runActionCmd calls the API, then appends the outcome to the audit log, and
// reports both.
func runActionCmd(ctx context.Context, api API, timeout time.Duration, audit *AuditLog, now func() time.Time, a action) tea.Cmd {
	return func() tea.Msg {
		cctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		result, err := a.call(cctx, api)
		auditErr := audit.Record(auditEntry(now(), a.botName, a, result, err))
		return actionDoneMsg{a: a, result: result, err: err, auditErr: auditErr}
	}
}

// tradeTarget is the in-flight target of a trade action.
func tradeTarget(t apiclient.OpenTrade) string { return strconv.Itoa(t.TradeID) }

// forceExitAction exits one trade; orderType is "market" or "limit", price
// and amount are optional.
func forceExitAction(b *botState, t apiclient.OpenTrade, orderType string, price, amount *float64) action {
	req := apiclient.ForceExitRequest{
		TradeID: apiclient.TradeRefID(t.TradeID), OrderType: &orderType, Price: price, Amount: amount,
	}
	label := fmt.Sprintf("force exit #%d %s", t.TradeID, t.Pair)
	if amount != nil {
		label = fmt.Sprintf("partial exit #%d %s (%s)", t.TradeID, t.Pair, formatAmount(*amount))
	}
	return action{
		kind: actForceExit, bot: b.id, botName: b.displayName(), target: tradeTarget(t),
		label: label, request: req, refetch: feed.TradeData,
		call: func(ctx context.Context, api API) (string, error) {
			res, err := api.ForceExit(ctx, req)
			return res.Result, err
		},
	}
}

// forceExitAllAction exits every open trade.
func forceExitAllAction(b *botState) action {
	req := apiclient.ForceExitRequest{TradeID: apiclient.AllTrades}
	return action{
		kind: actForceExitAll, bot: b.id, botName: b.displayName(), target: "all",
		label: "force exit all trades", request: req, refetch: feed.TradeData,
		call: func(ctx context.Context, api API) (string, error) {
			res, err := api.ForceExit(ctx, req)
			return res.Result, err
		},
	}
}

// forceEnterAction opens a trade.
func forceEnterAction(b *botState, req apiclient.ForceEnterRequest) action {
	return action{
		kind: actForceEnter, bot: b.id, botName: b.displayName(), target: req.Pair,
		label: fmt.Sprintf("force enter %s %s", req.Side, req.Pair), request: req, refetch: feed.TradeData,
		call: func(ctx context.Context, api API) (string, error) {
			res, err := api.ForceEnter(ctx, req)
			if err != nil {
				return "", err
			}
			if res.Trade == nil {
				// freqtrade answers 200 with a status when it entered nothing.
				return "", fmt.Errorf("%s", res.Status)
			}
			return fmt.Sprintf("entered #%d %s", res.Trade.TradeID, res.Trade.Pair), nil
		},
	}
}

// controlAction is start, stop, pause or reload_config.
func controlAction(b *botState, kind actionKind) action {
	labels := map[actionKind]string{
		actStart: "start", actStop: "stop", actPause: "pause entries", actReload: "reload config",
	}
	refetch := feed.ConfigData
	if kind == actReload {
		refetch |= feed.WhitelistData
	}
	return action{
		kind: kind, bot: b.id, botName: b.displayName(), label: labels[kind], refetch: refetch,
		call: func(ctx context.Context, api API) (string, error) {
			var res apiclient.StatusResponse
			var err error
			switch kind {
			case actStart:
				res, err = api.Start(ctx)
			case actStop:
				res, err = api.Stop(ctx)
			case actPause:
				res, err = api.Pause(ctx)
			default:
				res, err = api.ReloadConfig(ctx)
			}
			return res.Status, err
		},
	}
}

// addLockAction locks a pair until a time.
func addLockAction(b *botState, req apiclient.LockRequest) action {
	return action{
		kind: actAddLock, bot: b.id, botName: b.displayName(), target: req.Pair,
		label: fmt.Sprintf("lock %s until %s", req.Pair, req.Until), request: []apiclient.LockRequest{req},
		refetch: feed.LockData,
		call: func(ctx context.Context, api API) (string, error) {
			res, err := api.AddLocks(ctx, req)
			return plural(res.LockCount, "lock", "locks") + " active", err
		},
	}
}

// deleteLockAction deletes one lock.
func deleteLockAction(b *botState, l apiclient.Lock) action {
	id := l.ID
	return action{
		kind: actDeleteLock, bot: b.id, botName: b.displayName(), target: strconv.Itoa(id),
		label: fmt.Sprintf("delete lock #%d %s", id, l.Pair), request: map[string]int{"lockid": id},
		refetch: feed.LockData,
		call: func(ctx context.Context, api API) (string, error) {
			res, err := api.DeleteLock(ctx, id)
			return plural(res.LockCount, "lock", "locks") + " left", err
		},
	}
}

// cancelOrderAction cancels a trade's open order.
func cancelOrderAction(b *botState, t apiclient.OpenTrade) action {
	id := t.TradeID
	return action{
		kind: actCancelOrder, bot: b.id, botName: b.displayName(), target: tradeTarget(t),
		label: fmt.Sprintf("cancel open order of #%d %s", id, t.Pair), request: map[string]int{"tradeid": id},
		refetch: feed.TradeData,
		call: func(ctx context.Context, api API) (string, error) {
			_, err := api.CancelOpenOrder(ctx, id)
			return "order cancelled", err
		},
	}
}

// deleteTradeAction deletes a trade from the bot's database.
func deleteTradeAction(b *botState, t apiclient.OpenTrade) action {
	id := t.TradeID
	return action{
		kind: actDeleteTrade, bot: b.id, botName: b.displayName(), target: tradeTarget(t),
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
