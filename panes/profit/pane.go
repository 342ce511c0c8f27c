// Package profit is the console's profit pane: closed and overall profit,
// win/loss statistics, drawdown, the bot's state and mode, open trade slots
// and the balance, laid out as a grid that turns compact when the pane is
// short.
//
// Boundary: it imports apiclient (wire types) and panes; never tui or
// server, and it never calls the API.
package profit

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// Model is the profit pane.
type Model struct {
	common  panes.Common
	keys    KeyMap
	width   int
	height  int
	focused bool

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
	return &Model{common: c, keys: keys}
}

// Init implements panes.Pane.
func (m *Model) Init() tea.Cmd { return nil }

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
	default:
		return m, nil
	}
	m.body = ""
	return m, nil
}

// SetSize implements panes.Pane.
func (m *Model) SetSize(width, height int) {
	if width != m.width || height != m.height {
		m.width, m.height = width, height
		m.body = ""
	}
}

// Focus implements panes.Pane.
func (m *Model) Focus() { m.focused = true }

// Blur implements panes.Pane.
func (m *Model) Blur() { m.focused = false }

// Capturing implements panes.Pane; the profit pane takes no text.
func (m *Model) Capturing() bool { return false }

// Title implements panes.Pane.
func (m *Model) Title() string { return "Profit" }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// View implements panes.Pane.
func (m *Model) View() string {
	if m.body == "" {
		m.body = m.render(max(m.width-2, 0), max(m.height-2, 0))
	}
	return panes.Frame(m.common.Styles, m.Title(), m.focused, m.width, m.height, m.body)
}
