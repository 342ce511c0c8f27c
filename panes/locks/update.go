package locks

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/panes"
)

// Update implements panes.Pane. Keys are handled whatever the focus: the
// console routes keys to the focused pane only.
func (m *Model) Update(msg tea.Msg) (panes.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case panes.LocksMsg:
		m.SetRows(msg.Locks)
	case panes.ClockMsg:
		m.SetClock(msg.Now)
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	}
	return m, nil
}

// handleKey maps a key to a movement or an intent.
func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	if m.Navigate(msg, m.keys.NavKeys) {
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Add):
		return panes.Emit(panes.LockRequestedMsg{})
	case key.Matches(msg, m.keys.Delete):
		l, ok := m.Selected()
		if !ok {
			return panes.Notice("no lock selected")
		}
		return panes.Emit(panes.DeleteLockRequestedMsg{Lock: l})
	}
	return nil
}
