package rpctest

import (
	"context"
	"fmt"
	"slices"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// The publish hooks change the bot's state the way a real bot would, then
// publish the message that announces the change, so a client that refetches
// on the message sees the new state. They are not recorded as calls. Like
// Publish they wait while the event buffer is full, and a message reaches
// only the WebSocket clients subscribed to its type while the server's hub
// runs (server.Run).

// OpenTrade adds t to the open trades (replacing an open trade with the same
// id), sets /count's current, and publishes an entry_fill message.
func (b *Bot) OpenTrade(ctx context.Context, t apiclient.OpenTrade) error {
	b.Update(func(f *Fixtures) {
		f.OpenTrades = slices.DeleteFunc(slices.Clone(f.OpenTrades), func(o apiclient.OpenTrade) bool {
			return o.TradeID == t.TradeID
		})
		f.OpenTrades = append(f.OpenTrades, t)
		f.Count.Current = len(f.OpenTrades)
	})
	return b.Publish(ctx, apiclient.EntryMsg{Type: apiclient.MsgEntryFill, EntryFields: entryFields(t.TradeCore)})
}

// CloseTrade closes open trade id at rate on the bot's clock: it leaves
// /status, joins the closed trades of /trades with its profit, /count's
// current drops, and an exit_fill message is published. An unknown id is an
// error and changes nothing.
func (b *Bot) CloseTrade(ctx context.Context, id int, rate float64) error {
	var msg apiclient.ExitMsg
	var found bool
	b.Update(func(f *Fixtures) {
		i := findOpen(f, id)
		if i < 0 {
			return
		}
		found = true
		closed := closeTrade(f.OpenTrades[i].TradeCore, rate, b.now())
		f.OpenTrades = slices.Delete(slices.Clone(f.OpenTrades), i, i+1)
		f.ClosedTrades = append(slices.Clone(f.ClosedTrades), apiclient.RawTrade{TradeCore: closed})
		f.Count.Current = len(f.OpenTrades)
		msg = exitMsg(closed)
	})
	if !found {
		return fmt.Errorf("rpctest: close trade %d: no such open trade", id)
	}
	return b.Publish(ctx, msg)
}

// AddLock adds an active lock from now (the bot's clock) and publishes
// protection_trigger, or protection_trigger_global for the pair "*". It
// returns the lock with its new id.
func (b *Bot) AddLock(ctx context.Context, spec rpc.LockSpec) (apiclient.Lock, error) {
	var l apiclient.Lock
	b.Update(func(f *Fixtures) { l = b.addLock(f, spec) })
	typ := apiclient.MsgProtectionTrigger
	if spec.Pair == "*" {
		typ = apiclient.MsgProtectionTriggerGlobal
	}
	return l, b.Publish(ctx, apiclient.ProtectionMsg{Type: typ, Lock: l})
}

// SetState sets the worker state that /show_config reports (and /count and
// /forceexit check), then publishes a status message naming it.
func (b *Bot) SetState(ctx context.Context, state rpc.State) error {
	b.Update(func(f *Fixtures) { f.ShowConfig.State = string(state) })
	return b.Publish(ctx, apiclient.StatusMsg{Type: apiclient.MsgStatus, Status: string(state)})
}

// AddLogs appends rows to /logs and publishes them as one freqdeck_log
// message.
func (b *Bot) AddLogs(ctx context.Context, rows ...apiclient.LogRow) error {
	b.Update(func(f *Fixtures) {
		f.Logs.Logs = append(slices.Clone(f.Logs.Logs), rows...)
		f.Logs.LogCount = len(f.Logs.Logs)
	})
	return b.Publish(ctx, apiclient.LogMsg{Type: apiclient.MsgLog, Data: slices.Clone(rows)})
}

// addLock appends an active lock for spec, starting now; the caller holds
// the bot's lock.
func (b *Bot) addLock(f *Fixtures, s rpc.LockSpec) apiclient.Lock {
	now := b.now()
	b.lockID++
	l := apiclient.Lock{
		ID: b.lockID, Active: true, Pair: s.Pair, Side: s.Side,
		LockTime: apiclient.FormatDate(now), LockTimestamp: apiclient.Millis(now),
		LockEndTime: apiclient.FormatDate(s.Until), LockEndTimestamp: apiclient.Millis(s.Until),
	}
	if s.Reason != "" {
		l.Reason = apiclient.Ptr(s.Reason)
	}
	f.Locks = append(slices.Clone(f.Locks), l)
	return l
}
