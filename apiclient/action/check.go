package action

import (
	"fmt"
	"time"
)

// Check follows one attempt whose outcome is unknown until the bot's state
// tells (Observe) or checking gives up (GiveUp). It is not safe for
// concurrent use: its owner (the console that sent the attempt) drives it.
type Check struct {
	Attempt Attempt
	// Before is the bot's state when the attempt was sent.
	Before State
	// Since is when the outcome became unknown.
	Since time.Time
	// Settle is how long after the bot first answered again with no change
	// that "nothing changed" is believed: a call the bot was still working
	// on would show by then.
	Settle time.Duration

	seen     State     // what the bot answered since Since, newest parts
	answered time.Time // when it first answered what the attempt needs
}

// Observe adds the parts of the bot's state answered at now (only those
// answered since the outcome became unknown) and reconciles. decided is
// false while the state does not tell yet.
func (c *Check) Observe(now time.Time, fresh State) (r Result, decided bool) {
	if fresh.TradesKnown {
		c.seen.Trades, c.seen.TradesKnown = fresh.Trades, true
	}
	if fresh.LocksKnown {
		c.seen.Locks, c.seen.LocksKnown = fresh.Locks, true
	}
	if fresh.BotState != "" {
		c.seen.BotState = fresh.BotState
	}
	if fresh.BlacklistKnown {
		c.seen.Blacklist, c.seen.BlacklistKnown = fresh.Blacklist, true
	}
	settled := !c.answered.IsZero() && now.Sub(c.answered) >= c.Settle
	r, decided = Reconcile(c.Attempt, c.Before, c.seen, settled)
	if !decided && c.answered.IsZero() && answered(c.Attempt.Kind, c.seen) {
		c.answered = now
	}
	return r, decided
}

// GiveUp ends the check once it has lasted after: the outcome stays
// unknown, and says so.
func (c *Check) GiveUp(now time.Time, after time.Duration) (Result, bool) {
	if now.Sub(c.Since) < after {
		return Result{}, false
	}
	text := fmt.Sprintf("still unknown after %s: the bot's state did not tell; check it before sending again", after)
	if c.answered.IsZero() {
		text = fmt.Sprintf("still unknown after %s: the bot has not answered since; check it before sending again", after)
	}
	return Result{Outcome: Unknown, Text: text}, true
}

// answered reports whether s holds the part of the bot's state that tells
// what came of an action of kind k.
func answered(k Kind, s State) bool {
	switch k {
	case ForceExit, ForceExitAll, ForceEnter, CancelOrder, DeleteTrade:
		return s.TradesKnown
	case AddLock, DeleteLock:
		return s.LocksKnown
	case Start, Stop, Pause, Reload:
		return s.BotState != ""
	case AddBlacklist, DeleteBlacklist:
		return s.BlacklistKnown
	}
	return false
}
