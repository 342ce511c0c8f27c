package tui

import (
	"errors"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/tui/feed"
)

// check follows one of this console's actions whose outcome is unknown,
// until the bot's state tells (DESIGN.md "Actions and safety").
type check struct {
	o op
	action.Check
}

// checkTickMsg drives the checks: give up on those past their bound, and
// refetch what the others wait for. One chain runs while any check is
// left (Model.checkArmed).
type checkTickMsg struct{}

// reconciledMsg shows what an unknown outcome turned out to be, once its
// audit line is written: the screen never shows a result the audit log
// lacks.
type reconciledMsg struct {
	kind statusKind
	text string
	att  action.Attempt
	res  action.Result
	err  error
}

// startCheck begins reconciling o, whose outcome is unknown, and arms the
// check tick if it is not running.
func (m *Model) startCheck(b *botState, o op, att action.Attempt, before action.State) tea.Cmd {
	b.checks = append(b.checks, &check{o: o, Check: action.Check{
		// A call the bot got late may run for as long as a request may
		// last: only then is "nothing changed" believed.
		Attempt: att, Before: before, Since: m.now(), Settle: max(m.opts.CheckEvery, m.opts.Timeout),
	}})
	if m.checkArmed {
		return nil
	}
	m.checkArmed = true
	return m.checkTickCmd()
}

// checkTickCmd arms the next check tick.
func (m *Model) checkTickCmd() tea.Cmd {
	return tea.Tick(m.opts.CheckEvery, func(time.Time) tea.Msg { return checkTickMsg{} })
}

// apply gives up on the checks past their bound, asks an online bot again
// for what its other checks wait for, and re-arms while any are left.
func (checkTickMsg) apply(m *Model) tea.Cmd {
	now := m.now()
	var cmds []tea.Cmd
	pending := false
	for _, b := range m.bots {
		var want feed.Resources
		for _, c := range slices.Clone(b.checks) { // reconciled removes c
			if r, over := c.GiveUp(now, m.opts.CheckFor); over {
				cmds = append(cmds, m.reconciled(b, c, r))
				continue
			}
			want |= c.o.refetch
			cmds = append(cmds, m.refetchScreenData(b, c.o.screen))
		}
		if len(b.checks) > 0 {
			pending = true
		}
		// An offline bot is retried by its feed with a backoff; an online one
		// is asked now, so "nothing changed" can be believed.
		if want != 0 && b.feed.Conn(now).State.Fresh() {
			cmds = append(cmds, b.feed.Refetch(want))
		}
	}
	m.checkArmed = pending
	if pending {
		cmds = append(cmds, m.checkTickCmd())
	}
	return tea.Batch(cmds...)
}

// observeChecks reconciles b's checks with the data its feed just
// answered.
func (m *Model) observeChecks(b *botState, data []tea.Msg) tea.Cmd {
	if len(b.checks) == 0 {
		return nil
	}
	fresh, ok := freshState(data)
	if !ok {
		return nil
	}
	var cmds []tea.Cmd
	for _, c := range slices.Clone(b.checks) { // reconciled removes c
		if r, decided := c.Observe(m.now(), fresh); decided {
			cmds = append(cmds, m.reconciled(b, c, r))
		}
	}
	return tea.Batch(cmds...)
}

// freshState is the part of a bot's state in a feed's data messages; ok
// is false when they hold none.
func freshState(data []tea.Msg) (s action.State, ok bool) {
	for _, d := range data {
		switch d := d.(type) {
		case panes.TradesMsg:
			s.Trades, s.TradesKnown = d.Trades, true
		case panes.LocksMsg:
			s.Locks, s.LocksKnown = d.Locks, true
		case panes.ConfigMsg:
			s.BotState = d.Config.State
		case panes.BlacklistMsg:
			s.Blacklist, s.BlacklistKnown = d.Blacklist.Blacklist, true
		}
	}
	return s, s.TradesKnown || s.LocksKnown || s.BotState != "" || s.BlacklistKnown
}

// reconciled ends check c with what came of it: the bot's registry lets the
// action go again, the audit log gets the reconciled line under the
// attempt's request id, and then the result is shown.
func (m *Model) reconciled(b *botState, c *check, r action.Result) tea.Cmd {
	for i, x := range b.checks {
		if x == c {
			b.checks = append(b.checks[:i], b.checks[i+1:]...)
			break
		}
	}
	b.actions.Settle(c.Attempt)
	kind := statusError
	if r.Outcome == action.Done {
		kind = statusOK
	}
	done := reconciledMsg{kind: kind, text: resultText(m.botPrefix(b)+capitalize(c.o.label), r, true), att: c.Attempt, res: r}
	audit, now, att := m.audit, m.now(), c.Attempt
	return func() tea.Msg {
		done.err = audit.Record(now, att, action.PhaseReconciled, r)
		return done
	}
}

// apply shows the reconciled result, and a lost audit line.
func (msg reconciledMsg) apply(m *Model) tea.Cmd {
	m.fleetResult(msg.att, msg.res, true)
	text := msg.text
	if msg.err != nil {
		m.opts.Logger.Error("audit log", "err", msg.err)
		text += " (not in the audit log: " + msg.err.Error() + ")"
	}
	return m.setStatusFull(msg.kind, firstLine(text), text)
}

// closeChecks gives up on every check when the console closes: the audit
// log says the outcome stayed unknown, and the bot's registry lets the
// action go again for the other consoles.
func (m *Model) closeChecks() error {
	var errs []error
	for _, b := range m.bots {
		if len(b.checks) == 0 {
			continue
		}
		for _, c := range b.checks {
			b.actions.Settle(c.Attempt)
			r := action.Result{Outcome: action.Unknown, Text: "still unknown: the console closed before the bot told"}
			if err := m.audit.Record(m.now(), c.Attempt, action.PhaseReconciled, r); err != nil {
				errs = append(errs, err)
			}
		}
		b.checks = nil
	}
	return errors.Join(errs...)
}
