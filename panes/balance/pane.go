// Package balance is the console's balance pane: the wallet's total in the
// stake currency and in fiat where the bot converts it, the starting
// capital and the change since, and each currency's free, used and total
// amounts with their value in the stake currency (/balance).
//
// Boundary: it imports apiclient (wire types) and panes; never tui or
// server, and it never calls the API.
package balance

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// Model is the balance pane. The embedded Drawn gives it Init, Focus,
// Blur, Capturing, SetSize and the help, and keeps its body.
type Model struct {
	panes.Drawn
	keys KeyMap

	balance *apiclient.Balances
	// top is the first currency shown.
	top int
}

// Model implements panes.Pane.
var _ panes.Pane = (*Model)(nil)

// New returns an empty balance pane.
func New(c panes.Common, keys KeyMap) *Model {
	m := &Model{keys: keys}
	m.Drawn = panes.NewDrawn(c, keys, m.render)
	return m
}

// Title implements panes.Pane.
func (m *Model) Title() string { return "Balance" }

// Update implements panes.Pane.
func (m *Model) Update(msg tea.Msg) (panes.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case panes.BalanceMsg:
		m.balance = &msg.Balance
		m.top = min(m.top, m.maxTop())
		m.Redraw()
	case panes.HealthMsg:
		m.SetHealth(msg)
		if m.balance == nil {
			m.Redraw() // the body says what is wrong
		}
	}
	return m, nil
}

// HandleKey implements panes.Pane: the navigation keys scroll.
func (m *Model) HandleKey(msg tea.KeyMsg) (panes.Intent, tea.Cmd) {
	top := m.top
	if delta, ok := m.keys.Scroll(msg, 1); ok {
		top += delta
	}
	switch {
	case key.Matches(msg, m.keys.Top):
		top = 0
	case key.Matches(msg, m.keys.Bottom):
		top = m.maxTop()
	}
	top = min(max(top, 0), m.maxTop())
	if top != m.top {
		m.top = top
		m.Redraw()
	}
	return nil, nil
}

// maxTop is the scroll position that shows the last currency at the
// bottom.
func (m *Model) maxTop() int {
	if m.balance == nil {
		return 0
	}
	_, ih := m.Inner()
	rows := ih - len(m.summary()) - 1
	return max(len(m.balance.Currencies)-max(rows, 1), 0)
}

// View implements panes.Pane.
func (m *Model) View() string { return m.FrameLines(m.Title(), m.Body()) }
