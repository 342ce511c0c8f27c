package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
)

// confirmDialog is a plain yes/no dialog for a prepared op.
func confirmDialog(title string, lines [][2]string, warn string, o op) *dialog {
	d := &dialog{
		title: title, lines: lines, warn: warn,
		submit: func(dialogValues) (op, error) { return o, nil },
	}
	d.focusFirst()
	return d
}

// controlDialog confirms start, stop, pause (stopbuy) or reload, naming the
// bot and its state, live.
func controlDialog(b *botState, kind action.Kind) *dialog {
	title, warn := controlWords(kind)
	d := confirmDialog(title, botLines(b), warn, controlOp(b, kind))
	d.refresh = func(d *dialog) { d.lines = botLines(b) }
	return d
}

// controlWords are the title and the warning of a control action's
// dialog, for one bot.
func controlWords(kind action.Kind) (title, warn string) {
	switch kind {
	case action.Start:
		return "Start bot", "The bot starts trading: it may open trades at once."
	case action.Stop:
		return "Stop bot", "The bot stops trading. Open trades stay open and are no longer managed."
	case action.Pause:
		return "Pause entries", "The bot opens no new trades (stopbuy); open trades are still managed and exit as usual. Start undoes it."
	case action.ForceExitAll:
		return "Force exit all", "Every open trade is sold at the market price now."
	}
	return "Reload config", "The bot re-reads its configuration; it pauses while it reloads."
}

// deleteLockDialog confirms deleting a lock, and will not send once the
// lock is gone.
func deleteLockDialog(b *botState, l apiclient.Lock, o op) *dialog {
	d := confirmDialog("Delete lock", lockLines(b, l), "", o)
	d.refresh = func(d *dialog) {
		d.blocked = fmt.Sprintf("Lock #%d %s is no longer active: nothing to delete.", l.ID, l.Pair)
		for _, cur := range b.feed.Data().Locks {
			if cur.ID == l.ID {
				d.blocked = ""
			}
		}
	}
	return d
}

// The fields of the lock dialog.
const (
	lockFieldPair = iota
	lockFieldDuration
	lockFieldSide
	lockFieldReason
)

// lockDialog asks for a lock's pair (fixed when it comes from a trade),
// duration, side and reason.
func lockDialog(b *botState, pair string, now func() time.Time) *dialog {
	pairField := field{label: "Pair", kind: fieldText, value: []rune(pair), hint: "e.g. BTC/USDT, * for all"}
	if pair != "" {
		pairField.kind = fieldFixed
	}
	d := &dialog{
		title: "Lock pair",
		lines: [][2]string{{"Bot", b.displayName()}},
		fields: []field{
			lockFieldPair:     pairField,
			lockFieldDuration: {label: "Duration", kind: fieldText, value: []rune("30m"), hint: "30m, 2h, 1d"},
			lockFieldSide:     {label: "Side", kind: fieldChoice, choices: []string{"*", "long", "short"}},
			lockFieldReason:   {label: "Reason", kind: fieldText, hint: "optional"},
		},
		submit: func(v dialogValues) (op, error) {
			p := v[lockFieldPair]
			if p == "" {
				return op{}, errors.New("pair is required")
			}
			dur, err := parseLockDuration(v[lockFieldDuration])
			if err != nil {
				return op{}, err
			}
			req := apiclient.LockRequest{Pair: p, Side: v[lockFieldSide], Until: apiclient.FormatAwareTime(now().Add(dur))}
			if r := v[lockFieldReason]; r != "" {
				req.Reason = &r
			}
			return addLockOp(b, req), nil
		},
	}
	d.focusFirst()
	return d
}

// The fields of the force-enter dialog.
const (
	enterFieldPair = iota
	enterFieldSide
	enterFieldStake
)

// forceEnterDialog asks for a pair, a side and an optional stake.
func forceEnterDialog(b *botState, pair string) *dialog {
	stakeHint := "blank = the bot's stake"
	if cfg := b.config(); cfg != nil {
		stakeHint += " (" + cfg.StakeAmount + " " + cfg.StakeCurrency + ")"
	}
	d := &dialog{
		title: "Force enter",
		lines: [][2]string{{"Bot", b.displayName()}},
		fields: []field{
			enterFieldPair:  {label: "Pair", kind: fieldText, value: []rune(pair)},
			enterFieldSide:  {label: "Side", kind: fieldChoice, choices: []string{"long", "short"}},
			enterFieldStake: {label: "Stake", kind: fieldNumber, hint: stakeHint},
		},
		submit: func(v dialogValues) (op, error) {
			p := strings.ToUpper(v[enterFieldPair])
			if p == "" {
				return op{}, errors.New("pair is required")
			}
			req := apiclient.ForceEnterRequest{Pair: p, Side: v[enterFieldSide]}
			if s := v[enterFieldStake]; s != "" {
				stake, err := parsePositive(s, "stake")
				if err != nil {
					return op{}, err
				}
				req.StakeAmount = &stake
			}
			return forceEnterOp(b, req), nil
		},
	}
	d.focusFirst()
	return d
}

// parsePositive parses a number that must be above zero.
func parsePositive(s, what string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("%s must be a number above 0", what)
	}
	return v, nil
}

// maxLockDuration bounds a lock typed by hand.
const maxLockDuration = 366 * 24 * time.Hour

// parseLockDuration parses "30m", "2h", "1d", "1d12h", "1w".
func parseLockDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	bad := fmt.Errorf("duration %q: use a number and a unit, like 30m, 2h or 1d", s)
	if s == "" {
		return 0, bad
	}
	var total time.Duration
	for s != "" {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) || i > 6 {
			return 0, bad
		}
		n, _ := strconv.Atoi(s[:i])
		unit, ok := map[byte]time.Duration{'m': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour}[s[i]]
		if !ok {
			return 0, bad
		}
		total += time.Duration(n) * unit
		s = s[i+1:]
	}
	if total <= 0 || total > maxLockDuration {
		return 0, fmt.Errorf("duration must be between 1m and %dd", int(maxLockDuration/(24*time.Hour)))
	}
	return total, nil
}

// formatAmount prints a quantity without trailing zeros.
func formatAmount(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
