package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/tui/feed"
)

// healthOf is what a bot's panes are told of its connection at now: stale
// unless online (or connecting with nothing to say yet), how old the data
// is, and why a pane that never had data has none. The password key is
// named when typing the password would help.
func (m *Model) healthOf(c feed.Conn, now time.Time) panes.HealthMsg {
	if c.State.Fresh() || c.State == feed.Connecting && c.Reason == "" {
		return panes.HealthMsg{}
	}
	h := panes.HealthMsg{
		Stale:    true,
		Answered: !c.Updated.IsZero(),
		Age:      c.Age(now).Truncate(time.Second),
		Problem:  c.Text(now),
	}
	if c.CanPrompt {
		h.Problem += " · " + m.keys.Global.Password.Help().Key + " to " + m.keys.Global.Password.Help().Desc
	}
	return h
}

// syncHealth tells b's panes of a change in its health, and the alerts of
// its connection state.
func (m *Model) syncHealth(b *botState, now time.Time) tea.Cmd {
	c := b.feed.Conn(now)
	alerts := m.alertLink(b, c, now)
	h := m.healthOf(c, now)
	if h == b.health {
		return alerts
	}
	b.health = h
	return tea.Batch(alerts, b.send(h))
}
