package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// tradeLines names the bot and the trade in a dialog: id, pair, side,
// amount and the current profit.
func tradeLines(b *botState, t apiclient.OpenTrade) [][2]string {
	side := "long"
	if t.IsShort {
		side = "short"
	}
	lines := [][2]string{
		{"Bot", b.displayName()},
		{"Trade", fmt.Sprintf("#%d %s %s", t.TradeID, t.Pair, side)},
		{"Amount", fmt.Sprintf("%s %s (stake %s %s)", formatAmount(t.Amount), t.BaseCurrency,
			panes.FormatMoney(t.StakeAmount), t.QuoteCurrency)},
	}
	profit := "unknown"
	if t.ProfitRatio != nil {
		profit = panes.FormatPercent(*t.ProfitRatio)
		if t.ProfitAbs != nil {
			profit += fmt.Sprintf(" (%s %s)", panes.FormatSignedMoney(*t.ProfitAbs), t.QuoteCurrency)
		}
	}
	lines = append(lines, [2]string{"Profit", profit})
	if t.CurrentRate != nil {
		lines = append(lines, [2]string{"Rate", panes.FormatPrice(*t.CurrentRate)})
	}
	return lines
}

// The fields of the force-exit dialog.
const (
	exitFieldType = iota
	exitFieldPrice
	exitFieldAmount
)

// forceExitDialog asks how to exit one trade: market or limit (at a price
// pre-filled with the current rate), all of it or a part.
func forceExitDialog(b *botState, t apiclient.OpenTrade) *dialog {
	price := ""
	if t.CurrentRate != nil {
		price = formatAmount(*t.CurrentRate)
	}
	d := &dialog{
		title: "Force exit",
		lines: tradeLines(b, t),
		fields: []field{
			exitFieldType:   {label: "Order type", kind: fieldChoice, choices: []string{"market", "limit"}},
			exitFieldPrice:  {label: "Limit price", kind: fieldNumber, value: []rune(price), onlyIf: &fieldCond{exitFieldType, "limit"}},
			exitFieldAmount: {label: "Amount", kind: fieldNumber, hint: "blank = all " + formatAmount(t.Amount)},
		},
		submit: func(v dialogValues) (action, error) {
			var price, amount *float64
			if v[exitFieldType] == "limit" {
				p, err := parsePositive(v[exitFieldPrice], "limit price")
				if err != nil {
					return action{}, err
				}
				price = &p
			}
			if v[exitFieldAmount] != "" {
				a, err := parsePositive(v[exitFieldAmount], "amount")
				if err != nil {
					return action{}, err
				}
				if a > t.Amount {
					return action{}, fmt.Errorf("amount %s is more than the trade's %s", formatAmount(a), formatAmount(t.Amount))
				}
				if a < t.Amount {
					amount = &a
				}
			}
			return forceExitAction(b, t, v[exitFieldType], price, amount), nil
		},
	}
	d.focusFirst()
	return d
}

// forceExitAllDialog needs the word "all" typed: it closes every position.
func forceExitAllDialog(b *botState) *dialog {
	lines := [][2]string{{"Bot", b.displayName()}, {"Open trades", strconv.Itoa(len(b.trades()))}}
	var total float64
	for _, t := range b.trades() {
		total += apiclient.Deref(t.ProfitAbs)
	}
	lines = append(lines, [2]string{"Open profit", panes.FormatSignedMoney(total)})
	d := &dialog{
		title: "Force exit ALL trades",
		lines: lines,
		warn:  "Every open trade is closed. Type all and press enter.",
		fields: []field{
			{label: "Confirm", kind: fieldText, hint: "type all"},
		},
		submit: func(v dialogValues) (action, error) {
			if v[0] != "all" {
				return action{}, errors.New(`type "all" to confirm`)
			}
			return forceExitAllAction(b), nil
		},
	}
	d.focusFirst()
	return d
}

// confirmDialog is a plain yes/no dialog for a prepared action.
func confirmDialog(title string, lines [][2]string, warn string, a action) *dialog {
	d := &dialog{
		title: title, lines: lines, warn: warn,
		submit: func(dialogValues) (action, error) { return a, nil },
	}
	d.focusFirst()
	return d
}

// deleteTradeDialog needs the trade id typed: deleting a trade forgets it.
func deleteTradeDialog(b *botState, t apiclient.OpenTrade) *dialog {
	id := strconv.Itoa(t.TradeID)
	d := &dialog{
		title: "Delete trade",
		lines: tradeLines(b, t),
		warn:  "The trade is removed from the bot's database; its open orders are cancelled. Type the trade id and press enter.",
		fields: []field{
			{label: "Trade id", kind: fieldNumber, hint: "type " + id},
		},
		submit: func(v dialogValues) (action, error) {
			if v[0] != id {
				return action{}, fmt.Errorf("type the trade id %s to confirm", id)
			}
			return deleteTradeAction(b, t), nil
		},
	}
	d.focusFirst()
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
		submit: func(v dialogValues) (action, error) {
			p := v[lockFieldPair]
			if p == "" {
				return action{}, errors.New("pair is required")
			}
			dur, err := parseLockDuration(v[lockFieldDuration])
			if err != nil {
				return action{}, err
			}
			req := apiclient.LockRequest{Pair: p, Side: v[lockFieldSide], Until: apiclient.FormatAwareTime(now().Add(dur))}
			if r := v[lockFieldReason]; r != "" {
				req.Reason = &r
			}
			return addLockAction(b, req), nil
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
		submit: func(v dialogValues) (action, error) {
			p := strings.ToUpper(v[enterFieldPair])
			if p == "" {
				return action{}, errors.New("pair is required")
			}
			req := apiclient.ForceEnterRequest{Pair: p, Side: v[enterFieldSide]}
			if s := v[enterFieldStake]; s != "" {
				stake, err := parsePositive(s, "stake")
				if err != nil {
					return action{}, err
				}
				req.StakeAmount = &stake
			}
			return forceEnterAction(b, req), nil
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
