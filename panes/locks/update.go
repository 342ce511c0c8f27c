package locks

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// Update implements panes.Pane. Keys are handled whatever the focus: the
// console routes keys to the focused pane only.
func (m *Model) Update(msg tea.Msg) (panes.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case panes.LocksMsg:
		m.setLocks(msg.Locks)
	case panes.ClockMsg:
		m.now = msg.Now
		m.rebuild()
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	}
	return m, nil
}

// setLocks replaces the locks, keeping the selection on the same lock id,
// or on the same row position when that lock is gone.
func (m *Model) setLocks(locks []apiclient.Lock) {
	m.locks = locks
	m.now = m.clock()
	if m.hasSel {
		for i, l := range locks {
			if l.ID == m.selID {
				m.cursor.Index = i
				break
			}
		}
	}
	m.hasSel = len(locks) > 0
	m.cursor.Clamp(len(locks), m.visibleRows())
	if m.hasSel {
		m.selID = locks[m.cursor.Index].ID
	}
	m.rebuild()
}

// handleKey maps a key to a movement or an intent.
func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.move(-1)
	case key.Matches(msg, m.keys.Down):
		m.move(1)
	case key.Matches(msg, m.keys.Top):
		m.move(-len(m.locks))
	case key.Matches(msg, m.keys.Bottom):
		m.move(len(m.locks))
	case key.Matches(msg, m.keys.Add):
		return emit(panes.LockRequestedMsg{})
	case key.Matches(msg, m.keys.Delete):
		l, ok := m.Selected()
		if !ok {
			return emit(panes.NoticeMsg{Text: "no lock selected"})
		}
		return emit(panes.DeleteLockRequestedMsg{Lock: l})
	}
	return nil
}

// move moves the selection and re-renders the two rows that changed.
func (m *Model) move(delta int) {
	if len(m.locks) == 0 {
		return
	}
	old := m.cursor.Index
	m.cursor.Move(delta, len(m.locks), m.visibleRows())
	m.selID = m.locks[m.cursor.Index].ID
	m.renderLine(old)
	m.renderLine(m.cursor.Index)
}

// emit returns a command that sends msg.
func emit(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
