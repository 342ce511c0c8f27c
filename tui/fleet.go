package tui

import (
	"errors"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/panes"
)

// fleetStep is what an action on several bots does to one of them: its op,
// or why the bot is skipped.
type fleetStep struct {
	bot  int
	o    op
	skip string
	// what says what will happen to the bot: "running → paused", "exit 3
	// trades, open profit -4.00 USDT".
	what string
}

// fleetPlan is an action on several bots, as the confirmation lists it.
type fleetPlan struct {
	kind  action.Kind
	steps []fleetStep
}

// runnable counts the bots the action will be sent to.
func (p *fleetPlan) runnable() int {
	n := 0
	for _, s := range p.steps {
		if s.skip == "" {
			n++
		}
	}
	return n
}

// requestFleet opens the confirmation of kind on the overview's marked
// bots (the selected one when none is marked).
func (m *Model) requestFleet(kind action.Kind) tea.Cmd {
	ids := m.overview.Marked()
	if len(ids) == 0 {
		return m.setStatus(statusInfo, "no bot to act on")
	}
	d := fleetDialog(m, kind, ids)
	m.modal = modal{kind: modalDialog, dialog: d}
	return nil
}

// planFleet decides each bot's step at the console's clock: a read-only
// bot, one that is not online (its data may be old, the call may not reach
// it), one where the same action's outcome is not known yet, and, for force
// exit all, one without open trades are skipped, with the reason.
func (m *Model) planFleet(kind action.Kind, ids []int) *fleetPlan {
	now := m.now()
	p := &fleetPlan{kind: kind}
	for _, id := range ids {
		b := m.bots[id]
		st := fleetStep{bot: id}
		c := b.feed.Conn(now)
		k := action.Key{Kind: kind}
		if kind == action.ForceExitAll {
			k.Target = "all"
		}
		switch {
		case b.cfg.ReadOnly:
			st.skip = "read-only (read_only = true)"
		case !c.State.Fresh():
			st.skip = c.Text(now)
		case b.actions.Check(k) != nil:
			st.skip = busyText(b.actions.Check(k))
		case kind == action.ForceExitAll && len(b.trades()) == 0:
			st.skip = "no open trades"
		case kind == action.ForceExitAll:
			st.o, st.what = forceExitAllOp(b), exitAllWhat(b)
		default:
			st.o, st.what = controlOp(b, kind), controlWhat(b, kind)
		}
		p.steps = append(p.steps, st)
	}
	return p
}

// controlWhat says what a control action does to b: "running → paused".
func controlWhat(b *botState, kind action.Kind) string {
	from := b.feed.State()
	if from == "" {
		from = "state unknown"
	}
	to := map[action.Kind]string{action.Start: "running", action.Stop: "stopped", action.Pause: "paused", action.Reload: "reload, then as before"}[kind]
	return from + " → " + to
}

// exitAllWhat says what force exit all does to b: its open trades and
// their profit, per stake currency.
func exitAllWhat(b *botState) string {
	sum, currency := 0.0, ""
	for _, t := range b.trades() {
		sum += apiclient.Deref(t.ProfitAbs)
		currency = t.QuoteCurrency
	}
	if cfg := b.config(); cfg != nil {
		currency = cfg.StakeCurrency
	}
	return fmt.Sprintf("exit %s, open profit %s %s", plural(len(b.trades()), "trade", "trades"), panes.FormatSignedMoney(sum), currency)
}

// fleetDialog confirms kind on the bots ids, listing each with what will
// happen to it or why it is skipped, live: it is planned again whenever a
// bot's data changes, and when it is sent. Force exit all needs "all"
// typed, as on one bot.
func fleetDialog(m *Model, kind action.Kind, ids []int) *dialog {
	title, warn := controlWords(kind)
	d := &dialog{title: fmt.Sprintf("%s on %s", title, plural(len(ids), "bot", "bots")),
		warn: strings.Replace(warn, "The bot ", "Each bot it is sent to ", 1)}
	d.refresh = func(d *dialog) {
		p := m.planFleet(kind, ids)
		d.fleet, d.lines, d.blocked = p, fleetLines(m, p), ""
		if p.runnable() == 0 {
			d.blocked = "None of these bots can take the action now."
		}
	}
	d.refresh(d)
	if kind == action.ForceExitAll {
		d.warn = "Every open trade of every bot listed is sold at the market price now. Type all and press enter."
		d.fields = []field{{label: "Confirm", kind: fieldText, hint: "type all"}}
	}
	d.submit = func(v dialogValues) (op, error) {
		if kind == action.ForceExitAll && v[0] != "all" {
			return op{}, errors.New(`type "all" to confirm`)
		}
		return op{}, nil
	}
	d.focusFirst()
	return d
}

// fleetLines lists each bot of p: what will happen to it, or that it is
// skipped and why.
func fleetLines(m *Model, p *fleetPlan) [][2]string {
	lines := make([][2]string, len(p.steps))
	for i, s := range p.steps {
		what := s.what
		if s.skip != "" {
			what = "skipped: " + s.skip
		}
		lines[i] = [2]string{m.bots[s.bot].displayName(), what}
	}
	return lines
}

// runFleet sends the plan's action to every bot not skipped, at once and in
// parallel: each call is the single-bot pipeline's (its registry, its audit
// lines under its own request id and the plan's shared batch id, its
// per-request timeout, its outcome read and reconciled), and its outcome
// fills the result table.
func (m *Model) runFleet(p *fleetPlan) tea.Cmd {
	p = m.planFleet(p.kind, p.botIDs()) // the bots may have changed since the dialog drew
	title, _ := controlWords(p.kind)
	fb := &fleetBatch{id: action.NewID(), title: title}
	m.batch = fb
	var cmds []tea.Cmd
	for _, s := range p.steps {
		b := m.bots[s.bot]
		row := fleetRow{bot: s.bot, name: b.displayName(), what: s.what}
		if s.skip != "" {
			row.state, row.text = rowSkipped, s.skip
			fb.rows = append(fb.rows, row)
			continue
		}
		att := m.attempt(s.o)
		att.Batch = fb.id
		if err := b.actions.Begin(att, m.now()); err != nil {
			row.state, row.text = rowSkipped, busyText(err)
			fb.rows = append(fb.rows, row)
			continue
		}
		row.state, row.request = rowSent, att.ID
		fb.rows = append(fb.rows, row)
		b.feed.Hold(s.o.refetch)
		cmds = append(cmds, runOpCmd(m.ctx, b.cfg.API, m.opts.Timeout, m.audit, m.opts.Clock, s.o, att, b.actionState()))
	}
	m.modal = modal{kind: modalFleet}
	return tea.Batch(append(cmds, m.setStatus(statusBusy, fmt.Sprintf("%s: sent to %s…", title, plural(len(cmds), "bot", "bots"))))...)
}

// botIDs are the bots of the plan, in its order.
func (p *fleetPlan) botIDs() []int {
	ids := make([]int, len(p.steps))
	for i, s := range p.steps {
		ids[i] = s.bot
	}
	return ids
}

// fleetResult records the outcome of attempt att in the result table, when
// it belongs to the last batch; reconciled marks an outcome found from the
// bot's state.
func (m *Model) fleetResult(att action.Attempt, r action.Result, reconciled bool) {
	fb := m.batch
	if fb == nil || att.Batch == "" || att.Batch != fb.id {
		return
	}
	for i := range fb.rows {
		row := &fb.rows[i]
		if row.request != att.ID {
			continue
		}
		row.state, row.text, row.reconciled = stateOf(r.Outcome), r.Text, reconciled
		if r.Outcome == action.Unknown && !reconciled {
			row.text = unknownText("", r, true)
			row.text = strings.TrimSpace(strings.TrimPrefix(row.text, ":"))
		}
	}
}
