package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient/action"
)

// attempt names op o for the audit log and its bot's registry, under a new
// request id.
func (m *Model) attempt(o op) action.Attempt {
	return action.Attempt{
		ID: action.NewID(), Via: m.opts.Via, Actor: m.opts.Actor,
		Bot: o.botName, Kind: o.kind, Target: o.target, Request: o.request,
	}
}

// run starts a confirmed op, once: while the same action on the same target
// is under way or its outcome is not known, in this console or another on
// the same bot, it is refused with the reason.
func (m *Model) run(o op) tea.Cmd {
	b := m.bots[o.bot]
	if b.cfg.ReadOnly {
		return m.setStatus(statusError, readOnlyReason(b))
	}
	att := m.attempt(o)
	if err := b.actions.Begin(att, m.now()); err != nil {
		return m.setStatus(statusInfo, m.botPrefix(b)+busyText(err))
	}
	b.feed.Hold(o.refetch)
	return tea.Batch(
		m.setStatus(statusBusy, m.botPrefix(b)+capitalize(o.label)+"…"),
		runOpCmd(m.ctx, b.cfg.API, m.opts.Timeout, m.audit, m.opts.Clock, o, att, b.actionState()),
	)
}

// apply shows the outcome of an op and refetches what it touched, which
// answers the stream events the op caused too. An unknown outcome starts a
// check that reconciles it from the bot's state; the action stays refused
// until then.
func (msg opDoneMsg) apply(m *Model) tea.Cmd {
	o, res := msg.o, msg.res
	b := m.bots[o.bot]
	label := m.botPrefix(b) + capitalize(o.label)
	note := ""
	if msg.auditErr != nil {
		m.opts.Logger.Error("audit log", "err", msg.auditErr)
		note = " (not in the audit log: " + msg.auditErr.Error() + ")"
	}
	// A call that found the bot gone shows at once (feed.Report).
	cmds := []tea.Cmd{b.feed.Release(o.refetch), b.feed.Report(msg.err), m.refetchScreenData(b, o.screen)}
	m.fleetResult(msg.att, res, false)
	if res.Outcome == action.Unknown {
		b.actions.MarkUnknown(msg.att)
		cmds = append(cmds,
			m.setStatusFull(statusPending, unknownText(label, res, false)+note, unknownText(label, res, true)+note),
			m.startCheck(b, o, msg.att, msg.before))
		return tea.Batch(cmds...)
	}
	b.actions.Settle(msg.att)
	kind := statusError
	if res.Outcome == action.Done {
		kind = statusOK
	}
	text := resultText(label, res, false) + note
	return tea.Batch(append(cmds, m.setStatusFull(kind, firstLine(text), text))...)
}

// resultText says what came of an action: "Force exit #3 BTC/USDT: Created
// exit order for trade 3.", "... failed: <the bot's message>", "... not
// sent: <why>". Reconciled, a refusal is what the bot's state showed: the
// action did not happen.
func resultText(label string, r action.Result, reconciled bool) string {
	switch r.Outcome {
	case action.Done:
		return label + ": " + r.Text
	case action.NotSent:
		return label + " not sent: " + r.Text
	case action.Unknown:
		return label + ": outcome " + r.Text
	case action.Refused:
		if reconciled {
			return label + " did not happen: " + r.Text
		}
	}
	return label + " failed: " + r.Text
}

// unknownText says that an action's outcome is not known yet and is being
// checked; full adds the cause.
func unknownText(label string, r action.Result, full bool) string {
	if r.Answer != "" {
		// The bot answered, in words that do not say what it did.
		return label + ": " + r.Text + ": checking…"
	}
	if full {
		return label + " sent, no answer (" + r.Text + "): checking…"
	}
	return label + " sent, no answer: checking…"
}

// busyText is the reason an action is refused while the same one is under
// way or its outcome is not known.
func busyText(err error) string {
	var busy *action.BusyError
	if !errors.As(err, &busy) {
		return err.Error()
	}
	what := capitalize(keyLabel(busy.Key))
	if !busy.Pending.Unknown {
		return what + " is already in progress"
	}
	return fmt.Sprintf("%s refused: the last one (sent %s) has no known outcome yet",
		what, busy.Pending.Since.Format("15:04:05"))
}

// keyLabel names an action and its target: "force exit #12", "stop".
func keyLabel(k action.Key) string {
	name := strings.ReplaceAll(k.Kind.String(), "_", " ")
	switch {
	case k.Target == "" || k.Target == "all":
		return name
	case isNumber(k.Target):
		return name + " #" + k.Target
	}
	return name + " " + k.Target
}

// isNumber reports whether s is a decimal integer (a trade or lock id).
func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// botPrefix names the bot on the status bar when several are watched.
func (m *Model) botPrefix(b *botState) string {
	if len(m.bots) < 2 {
		return ""
	}
	return b.displayName() + ": "
}
