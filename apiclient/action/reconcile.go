package action

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
)

// State is what a front end knows of a bot's state. A part not known (not
// answered, or not answered since the outcome became unknown) says nothing.
type State struct {
	Trades      []apiclient.OpenTrade
	TradesKnown bool
	Locks       []apiclient.Lock
	LocksKnown  bool
	// BotState is /show_config's state ("running", "paused", ...); "" when
	// not known.
	BotState string
	// Blacklist is /blacklist's list of patterns.
	Blacklist      []string
	BlacklistKnown bool
}

// Reconcile finds what became of an attempt whose outcome was unknown,
// from the bot's state: before is what was known when it was sent, now
// what the bot answered since. A change that only the action explains
// decides at once (the trade is gone, an exit order is open, the new lock
// is there). "Nothing changed" decides only when settled: the bot answered
// long enough after the outcome became unknown that a late call would
// have shown. decided is false while the state does not tell yet; a
// decided Result is Done, Refused (it did not happen), or Unknown when the
// state cannot tell (a reload leaves no trace).
func Reconcile(a Attempt, before, now State, settled bool) (r Result, decided bool) {
	switch a.Kind {
	case ForceExit, CancelOrder, DeleteTrade:
		if !now.TradesKnown {
			return Result{}, false
		}
		return tradeVerdict(a, before, now, settled)
	case ForceExitAll:
		if !now.TradesKnown {
			return Result{}, false
		}
		return exitAllVerdict(before, now, settled)
	case ForceEnter:
		if !now.TradesKnown {
			return Result{}, false
		}
		return enterVerdict(a.Target, before, now, settled)
	case AddLock, DeleteLock:
		if !now.LocksKnown {
			return Result{}, false
		}
		return lockVerdict(a, before, now, settled)
	case Start, Stop, Pause, Reload:
		if now.BotState == "" {
			return Result{}, false
		}
		return stateVerdict(a.Kind, now.BotState, settled)
	case AddBlacklist, DeleteBlacklist:
		if !now.BlacklistKnown {
			return Result{}, false
		}
		return blacklistVerdict(a, now, settled)
	}
	return Result{Outcome: Unknown, Text: "the console cannot see this action's effect"}, true
}

// verdict is the decided result r, or, when the state shows no change, a
// refusal once settled.
func verdict(r Result, changed, settled bool, unchanged string) (Result, bool) {
	switch {
	case changed:
		return r, true
	case settled:
		return Result{Outcome: Refused, Text: unchanged}, true
	}
	return Result{}, false
}

// tradeVerdict decides a force exit, an order cancel or a trade delete.
func tradeVerdict(a Attempt, before, now State, settled bool) (Result, bool) {
	id, err := strconv.Atoi(a.Target)
	if err != nil {
		return Result{Outcome: Unknown, Text: fmt.Sprintf("no trade %q to look for", a.Target)}, true
	}
	old, hadOld := findTrade(before.Trades, id)
	t, open := findTrade(now.Trades, id)
	// An id freed by a removed trade can come back on another pair.
	open = open && (!hadOld || t.Pair == old.Pair)
	if !open {
		text := fmt.Sprintf("trade #%d is closed", id)
		switch {
		case a.Kind == DeleteTrade:
			text = fmt.Sprintf("trade #%d deleted", id)
		case hadOld && old.NrOfSuccessfulEntries == 0:
			text = "entry order cancelled, trade removed"
		}
		return Result{Outcome: Done, Text: text}, true
	}
	switch a.Kind {
	case CancelOrder:
		return verdict(Result{Outcome: Done, Text: "order cancelled"}, !t.HasOpenOrders, settled,
			fmt.Sprintf("trade #%d still has an open order", id))
	case DeleteTrade:
		return verdict(Result{}, false, settled, fmt.Sprintf("trade #%d is still there", id))
	}
	if hasOpenExit(t) {
		return Result{Outcome: Done, Text: fmt.Sprintf("exit order open for trade #%d", id)}, true
	}
	if hadOld && t.Amount < old.Amount {
		return Result{Outcome: Done, Text: fmt.Sprintf("trade #%d partly exited: amount %s → %s",
			id, fmtAmount(old.Amount), fmtAmount(t.Amount))}, true
	}
	return verdict(Result{}, false, settled, fmt.Sprintf("trade #%d is still open with no exit order: not exited", id))
}

// exitAllVerdict decides a force exit of every trade open before.
func exitAllVerdict(before, now State, settled bool) (Result, bool) {
	total, exiting := 0, 0
	for _, old := range before.Trades {
		total++
		if t, open := findTrade(now.Trades, old.TradeID); !open || hasOpenExit(t) {
			exiting++
		}
	}
	switch {
	case exiting == total:
		return Result{Outcome: Done, Text: fmt.Sprintf("all %d trades closed or exiting", total)}, true
	case !settled:
		return Result{}, false
	case exiting == 0:
		return Result{Outcome: Refused, Text: "no trade closed or exiting"}, true
	}
	return Result{Outcome: Done, Text: fmt.Sprintf("%d of %d trades closed or exiting", exiting, total)}, true
}

// enterVerdict decides a force entry on pair: a trade on it that was not
// open before.
func enterVerdict(pair string, before, now State, settled bool) (Result, bool) {
	for _, t := range now.Trades {
		if _, was := findTrade(before.Trades, t.TradeID); t.Pair == pair && !was {
			return Result{Outcome: Done, Text: fmt.Sprintf("entered #%d %s", t.TradeID, pair)}, true
		}
	}
	return verdict(Result{}, false, settled, "no new trade on "+pair+": not entered")
}

// lockVerdict decides adding a lock on a pair, or deleting a lock by id.
func lockVerdict(a Attempt, before, now State, settled bool) (Result, bool) {
	if a.Kind == DeleteLock {
		id, _ := strconv.Atoi(a.Target)
		gone := !slices.ContainsFunc(now.Locks, func(l apiclient.Lock) bool { return l.ID == id })
		return verdict(Result{Outcome: Done, Text: fmt.Sprintf("lock #%d deleted", id)}, gone, settled,
			fmt.Sprintf("lock #%d is still active", id))
	}
	for _, l := range now.Locks {
		known := slices.ContainsFunc(before.Locks, func(o apiclient.Lock) bool { return o.ID == l.ID })
		if l.Pair == a.Target && !known {
			return Result{Outcome: Done, Text: fmt.Sprintf("lock #%d on %s active", l.ID, l.Pair)}, true
		}
	}
	return verdict(Result{}, false, settled, "no new lock on "+a.Target)
}

// blacklistVerdict decides adding or deleting the blacklist patterns of
// the attempt's target (several are separated by spaces): all in the list,
// or none of them.
func blacklistVerdict(a Attempt, now State, settled bool) (Result, bool) {
	patterns := strings.Fields(a.Target)
	in := 0
	for _, p := range patterns {
		if slices.Contains(now.Blacklist, p) {
			in++
		}
	}
	if a.Kind == DeleteBlacklist {
		return verdict(Result{Outcome: Done, Text: a.Target + " is off the blacklist"}, in == 0, settled,
			a.Target+" is still on the blacklist")
	}
	return verdict(Result{Outcome: Done, Text: a.Target + " is on the blacklist"}, in == len(patterns), settled,
		a.Target+" is not on the blacklist")
}

// stateVerdict decides a control action from the bot's state.
func stateVerdict(k Kind, state string, settled bool) (Result, bool) {
	want := map[Kind]string{Start: "running", Stop: "stopped", Pause: "paused", Reload: "reload_config"}[k]
	if state == want {
		return Result{Outcome: Done, Text: "the bot is " + state}, true
	}
	if !settled {
		return Result{}, false
	}
	if k == Reload {
		// A reload ends in the state it started from.
		return Result{Outcome: Unknown, Text: "a reload leaves no trace in the bot's state: see its logs"}, true
	}
	return Result{Outcome: Refused, Text: "the bot is still " + state}, true
}

// findTrade returns the trade with id.
func findTrade(ts []apiclient.OpenTrade, id int) (apiclient.OpenTrade, bool) {
	for _, t := range ts {
		if t.TradeID == id {
			return t, true
		}
	}
	return apiclient.OpenTrade{}, false
}

// hasOpenExit reports whether t has an open exit order.
func hasOpenExit(t apiclient.OpenTrade) bool {
	exitSide := "sell"
	if t.IsShort {
		exitSide = "buy"
	}
	for _, o := range t.Orders {
		if o.IsOpen && o.FtOrderSide == exitSide {
			return true
		}
	}
	return false
}

// fmtAmount prints a quantity without trailing zeros.
func fmtAmount(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
