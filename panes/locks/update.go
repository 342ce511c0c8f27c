package locks

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/panes"
)

// Update implements panes.Pane.
func (m *Model) Update(msg tea.Msg) (panes.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case panes.LocksMsg:
		m.SetRows(msg.Locks)
	case panes.HealthMsg:
		m.SetHealth(msg)
	case panes.ClockMsg:
		m.SetClock(msg.Now)
	}
	return m, nil
}

// HandleKey implements panes.Pane: a movement, or an intent.
func (m *Model) HandleKey(msg tea.KeyMsg) (panes.Intent, tea.Cmd) {
	if m.Navigate(msg, m.keys.NavKeys) {
		return nil, nil
	}
	switch {
	case key.Matches(msg, m.keys.Add):
		return panes.LockRequestedMsg{}, nil
	case key.Matches(msg, m.keys.Delete):
		l, ok := m.Selected()
		if !ok {
			return panes.Notice("no lock selected"), nil
		}
		return panes.DeleteLockRequestedMsg{Lock: l}, nil
	}
	return nil, nil
}
