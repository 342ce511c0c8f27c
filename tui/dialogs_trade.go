package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

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

// unfilledEntry reports whether t's entry order is open and nothing of it
// has filled: freqtrade's force exit then cancels the entry and removes the
// trade, and cancelling the order does the same.
func unfilledEntry(t apiclient.OpenTrade) bool {
	return t.HasOpenOrders && t.NrOfSuccessfulEntries == 0
}

// tradeChange says how trade t changed from was in what an exit depends on
// (the amount, open orders), or "".
func tradeChange(was, t apiclient.OpenTrade) string {
	var what []string
	if t.Amount != was.Amount {
		what = append(what, fmt.Sprintf("amount %s → %s", formatAmount(was.Amount), formatAmount(t.Amount)))
	}
	if t.HasOpenOrders != was.HasOpenOrders {
		if t.HasOpenOrders {
			what = append(what, "an order is open on it now")
		} else {
			what = append(what, "its open order is gone")
		}
	}
	if t.NrOfSuccessfulEntries != was.NrOfSuccessfulEntries {
		what = append(what, "its entry filled")
	}
	if len(what) == 0 {
		return ""
	}
	return fmt.Sprintf("Trade #%d changed: %s", t.TradeID, strings.Join(what, ", "))
}

// liveTrade keeps a trade dialog on the latest copy of its trade: it
// updates the lines (rate, profit) and returns the trade to act on, or
// blocks the dialog when the trade is no longer open. why says what closing
// means for this dialog's action.
func liveTrade(b *botState, shown *apiclient.OpenTrade, why string) func(d *dialog) {
	return func(d *dialog) {
		t, ok := b.tradeByID(shown.TradeID)
		if !ok || t.Pair != shown.Pair { // an id freed by a removed trade can come back on another pair
			d.blocked = fmt.Sprintf("Trade #%d %s is no longer open: %s.", shown.TradeID, shown.Pair, why)
			d.lines = tradeLines(b, *shown)
			d.lines[1][1] += " (no longer open)"
			return
		}
		d.blocked = ""
		if c := tradeChange(*shown, t); c != "" {
			d.changed, d.changeSeen = c, false
		}
		*shown = t
		d.lines = tradeLines(b, t)
	}
}

// The fields of the force-exit dialog.
const (
	exitFieldType = iota
	exitFieldPrice
	exitFieldAmount
)

// forceExitDialog asks how to exit one trade: market or limit (at a price
// pre-filled with the current rate), all of it or a part. It follows the
// trade live and acts on its latest copy.
func forceExitDialog(b *botState, t apiclient.OpenTrade) *dialog {
	price := ""
	if t.CurrentRate != nil {
		price = formatAmount(*t.CurrentRate)
	}
	shown := &t
	live := liveTrade(b, shown, "nothing to exit")
	d := &dialog{
		title: "Force exit",
		lines: tradeLines(b, t),
		warn:  forceExitWarning(t),
		fields: []field{
			exitFieldType:   {label: "Order type", kind: fieldChoice, choices: []string{"market", "limit"}},
			exitFieldPrice:  {label: "Limit price", kind: fieldNumber, value: []rune(price), onlyIf: &fieldCond{exitFieldType, "limit"}},
			exitFieldAmount: {label: "Amount", kind: fieldNumber, hint: "blank = all " + formatAmount(t.Amount)},
		},
		refresh: func(d *dialog) {
			live(d)
			d.warn = forceExitWarning(*shown)
			d.fields[exitFieldAmount].hint = "blank = all " + formatAmount(shown.Amount)
		},
		submit: func(v dialogValues) (op, error) {
			t := *shown
			var price, amount *float64
			if v[exitFieldType] == "limit" {
				p, err := parsePositive(v[exitFieldPrice], "limit price")
				if err != nil {
					return op{}, err
				}
				price = &p
			}
			if v[exitFieldAmount] != "" {
				a, err := parsePositive(v[exitFieldAmount], "amount")
				if err != nil {
					return op{}, err
				}
				if a > t.Amount {
					return op{}, fmt.Errorf("amount %s is more than the trade's %s", formatAmount(a), formatAmount(t.Amount))
				}
				if a < t.Amount {
					amount = &a
				}
			}
			return forceExitOp(b, t, v[exitFieldType], price, amount), nil
		},
	}
	d.focusFirst()
	return d
}

// forceExitWarning says what a force exit of t does when its entry has not
// filled, or "".
func forceExitWarning(t apiclient.OpenTrade) string {
	if !unfilledEntry(t) {
		return ""
	}
	return "The entry order has not filled: freqtrade cancels it and removes the trade, " +
		`and answers "Failed to exit trade.". Nothing is sold.`
}

// exitAllLines are the lines of the exit-all dialog: how many trades, and
// their profit.
func exitAllLines(b *botState) [][2]string {
	lines := [][2]string{{"Bot", b.displayName()}, {"Open trades", strconv.Itoa(len(b.trades()))}}
	var total float64
	for _, t := range b.trades() {
		total += apiclient.Deref(t.ProfitAbs)
	}
	return append(lines, [2]string{"Open profit", panes.FormatSignedMoney(total)})
}

// forceExitAllDialog needs the word "all" typed: it closes every position.
func forceExitAllDialog(b *botState) *dialog {
	d := &dialog{
		title: "Force exit ALL trades",
		lines: exitAllLines(b),
		warn:  "Every open trade is closed. Type all and press enter.",
		fields: []field{
			{label: "Confirm", kind: fieldText, hint: "type all"},
		},
		refresh: func(d *dialog) {
			d.lines = exitAllLines(b)
			d.blocked = ""
			if len(b.trades()) == 0 {
				d.blocked = "No trade is open any more: nothing to exit."
			}
		},
		submit: func(v dialogValues) (op, error) {
			if v[0] != "all" {
				return op{}, errors.New(`type "all" to confirm`)
			}
			return forceExitAllOp(b), nil
		},
	}
	d.focusFirst()
	return d
}

// cancelOrderDialog confirms cancelling a trade's open order, live.
func cancelOrderDialog(b *botState, t apiclient.OpenTrade, o op) *dialog {
	warn := ""
	switch {
	case !t.HasOpenOrders:
		warn = "The console knows of no open order on this trade."
	case unfilledEntry(t):
		warn = "The entry order has not filled: cancelling it removes the trade."
	}
	shown := &t
	live := liveTrade(b, shown, "no order to cancel")
	d := confirmDialog("Cancel open order", tradeLines(b, t), warn, o)
	d.refresh = func(d *dialog) {
		live(d)
		if d.blocked == "" && !shown.HasOpenOrders {
			d.blocked = fmt.Sprintf("Trade #%d has no open order any more: nothing to cancel.", shown.TradeID)
		}
	}
	return d
}

// deleteTradeDialog needs the trade id typed: deleting a trade forgets it.
func deleteTradeDialog(b *botState, t apiclient.OpenTrade) *dialog {
	id := strconv.Itoa(t.TradeID)
	shown := &t
	d := &dialog{
		title: "Delete trade",
		lines: tradeLines(b, t),
		warn:  "The trade is removed from the bot's database; its open orders are cancelled. Type the trade id and press enter.",
		fields: []field{
			{label: "Trade id", kind: fieldNumber, hint: "type " + id},
		},
		refresh: liveTrade(b, shown, "nothing to delete"),
		submit: func(v dialogValues) (op, error) {
			if v[0] != id {
				return op{}, fmt.Errorf("type the trade id %s to confirm", id)
			}
			return deleteTradeOp(b, *shown), nil
		},
	}
	d.focusFirst()
	return d
}
