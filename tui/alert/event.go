package alert

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Event is something a bot did that may be alerted.
type Event struct {
	Kind Kind
	// Key identifies the event among its bot's events of its kind (a fill's
	// trade, order amount and time; a lock's id and end). Empty means its
	// text identifies it (warnings, exceptions), for Config.Repeat.
	Key string
	// Title says it in a line: "exit ETH/USDT #7 +1.82% (roi)".
	Title string
	// Body adds the detail; it may be empty.
	Body string
	// Label names it in a burst summary: the pair, usually.
	Label string
}

// stoplossReasons are freqtrade's exit reasons that are a stop.
func isStoploss(reason string) bool {
	switch reason {
	case "stop_loss", "stoploss_on_exchange", "trailing_stop_loss", "liquidation":
		return true
	}
	return false
}

// FromMessage returns the event a bot's WebSocket message announces:
// entry and exit fills, protection triggers, warnings and (main loop)
// exceptions. Other messages are not events (false).
func FromMessage(msg apiclient.Message) (Event, bool) {
	switch m := msg.(type) {
	case apiclient.EntryMsg:
		if m.Type == apiclient.MsgEntryFill {
			return entryFill(m), true
		}
	case apiclient.ExitMsg:
		if m.Type == apiclient.MsgExitFill {
			return exitFill(m), true
		}
	case apiclient.ProtectionMsg:
		return protection(m), true
	case apiclient.StatusMsg:
		switch m.Type {
		case apiclient.MsgWarning:
			return Event{Kind: Warning, Title: "warning", Body: m.Status, Label: "warning"}, true
		case apiclient.MsgException:
			return Event{Kind: Exception, Title: "exception", Body: m.Status, Label: "exception"}, true
		}
	case apiclient.ExceptionMsg:
		// Data is the answer to a bad request of ours, not the bot failing.
		if m.Status != "" {
			return Event{Kind: Exception, Title: "exception", Body: m.Status, Label: "exception"}, true
		}
	}
	return Event{}, false
}

func entryFill(m apiclient.EntryMsg) Event {
	side := strings.ToLower(m.Direction)
	return Event{
		Kind:  EntryFill,
		Key:   fmt.Sprintf("%d/%d/%s/%s", m.TradeID, m.OpenDate.UnixMicro(), num(m.Amount), num(m.OrderRate)),
		Title: fmt.Sprintf("entry filled: %s #%d %s", m.Pair, m.TradeID, side),
		Body:  fmt.Sprintf("%s %s at %s %s", num(m.Amount), m.BaseCurrency, num(m.OrderRate), m.QuoteCurrency),
		Label: m.Pair,
	}
}

func exitFill(m apiclient.ExitMsg) Event {
	reason := ""
	if m.ExitReason != nil {
		reason = *m.ExitReason
	}
	k := ExitFill
	if isStoploss(reason) {
		k = StoplossExit
	}
	title := fmt.Sprintf("exit filled: %s #%d %+.2f%%", m.Pair, m.TradeID, m.ProfitRatio*100)
	if reason != "" {
		title += " (" + reason + ")"
	}
	return Event{
		Kind:  k,
		Key:   fmt.Sprintf("%d/%d/%s/%s", m.TradeID, m.CloseDate.UnixMicro(), num(m.Amount), num(m.CloseRate)),
		Title: title,
		Body:  fmt.Sprintf("%s %s at %s", signed(m.ProfitAmount), m.StakeCurrency, num(m.CloseRate)),
		Label: m.Pair,
	}
}

func protection(m apiclient.ProtectionMsg) Event {
	what := m.Pair + " locked"
	if m.Type == apiclient.MsgProtectionTriggerGlobal || m.Pair == "*" {
		what = "all pairs locked"
	}
	reason := ""
	if m.Reason != nil && *m.Reason != "" {
		reason = " (" + *m.Reason + ")"
	}
	return Event{
		Kind:  Protection,
		Key:   fmt.Sprintf("%d/%s/%d/%d", m.ID, m.Pair, m.LockTimestamp, m.LockEndTimestamp),
		Title: "protection: " + what + reason,
		Body:  "until " + m.LockEndTime,
		Label: m.Pair,
	}
}

// num is a float as short as it reads exactly: 0.03316, 3012.5.
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// signed is a profit with its sign: +1.8, -0.25.
func signed(f float64) string {
	if f >= 0 {
		return "+" + num(f)
	}
	return num(f)
}
