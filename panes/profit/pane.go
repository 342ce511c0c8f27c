// Package profit is the console's profit pane: closed and overall profit,
// win/loss statistics, drawdown, the bot's state and mode, open trade slots
// and the balance, laid out as a grid that turns compact when the pane is
// short.
//
// Boundary: it imports apiclient (wire types) and panes; never tui or
// server, and it never calls the API.
package profit

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// Model is the profit pane. The embedded Base gives it Init, Focus, Blur,
// Capturing and the help.
type Model struct {
	panes.Base

	profit  *apiclient.Profit
	count   *apiclient.Count
	balance *apiclient.Balances
	config  *apiclient.ShowConfig

	// body caches the rendered body; empty means stale.
	body string
}

// Model implements panes.Pane.
var _ panes.Pane = (*Model)(nil)

// New returns an empty profit pane.
func New(c panes.Common, keys KeyMap) *Model {
	return &Model{Base: panes.NewBase(c, keys)}
}

// Update implements panes.Pane.
func (m *Model) Update(msg tea.Msg) (panes.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case panes.ProfitMsg:
		m.profit = &msg.Profit
	case panes.CountMsg:
		m.count = &msg.Count
	case panes.BalanceMsg:
		m.balance = &msg.Balance
	case panes.ConfigMsg:
		m.config = &msg.Config
	case panes.HealthMsg:
		m.SetHealth(msg)
	default:
		return m, nil
	}
	m.body = ""
	return m, nil
}

// SetSize implements panes.Pane.
func (m *Model) SetSize(width, height int) {
	if m.Resize(width, height) {
		m.body = ""
	}
}

// Title implements panes.Pane.
func (m *Model) Title() string { return "Profit" }

// View implements panes.Pane.
func (m *Model) View() string {
	if m.body == "" {
		m.body = m.render(m.Inner())
	}
	return m.Frame(m.Title(), m.body)
}
