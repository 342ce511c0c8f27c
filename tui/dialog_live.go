package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/tui/feed"
)

// refreshDialog keeps the open dialog live: when its bot's feed answered
// new data, the dialog updates from it (DESIGN.md "Actions and safety").
func (m *Model) refreshDialog(b *botState, data []tea.Msg) tea.Cmd {
	d := m.modal.dialog
	if m.modal.kind != modalDialog || d == nil || d.bot != b.id && d.fleet == nil || d.refresh == nil || len(data) == 0 {
		return nil
	}
	d.refresh(d)
	return nil
}

// submitDialog runs the op a dialog submitted. On a bot that is not online
// (offline, stale, auth failed, still connecting) it first asks for an
// extra confirmation that names the state: its data may be old, and the
// action may not reach it.
func (m *Model) submitDialog(d *dialog, o op) tea.Cmd {
	b := m.bots[o.bot]
	now := m.now()
	c := b.feed.Conn(now)
	if d.stateConfirmed || c.State.Fresh() {
		m.modal = modal{}
		return m.run(o)
	}
	gate := stateGateDialog(b, o, c.State, c.Text(now), c.Ago(now))
	gate.bot = b.id
	m.modal = modal{kind: modalDialog, dialog: gate}
	return nil
}

// stateGateDialog asks to type the bot's state to send o to a bot that is
// not online.
func stateGateDialog(b *botState, o op, state feed.ConnState, conn, updated string) *dialog {
	word := state.String()
	if updated == "" {
		updated = "never answered"
	}
	d := &dialog{
		title: fmt.Sprintf("%s is %s", b.displayName(), strings.ToUpper(word)),
		lines: [][2]string{
			{"Bot", b.displayName()}, {"Connection", conn}, {"Data", updated}, {"Action", capitalize(o.label)},
		},
		warn: fmt.Sprintf("The bot is %s: what the console shows may be out of date, and the action may not reach it. "+
			"Type %s and press enter to send it anyway.", word, word),
		fields:         []field{{label: "Confirm", kind: fieldText, hint: "type " + word}},
		stateConfirmed: true,
		submit: func(v dialogValues) (op, error) {
			if v[0] != word {
				return op{}, fmt.Errorf("type %q to send to a bot that is %s", word, word)
			}
			return o, nil
		},
	}
	d.focusFirst()
	return d
}
