package trades

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
	case panes.TradesMsg:
		m.SetRows(msg.Trades)
	case panes.ClockMsg:
		// Only the duration cells move with the clock.
		m.Tick(msg.Now, colDuration, duration)
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
	case key.Matches(msg, m.keys.ForceExitAll):
		if m.Len() == 0 {
			return panes.Notice("no open trades")
		}
		return panes.Emit(panes.ForceExitAllRequestedMsg{})
	case key.Matches(msg, m.keys.ForceEnter):
		return panes.Emit(panes.ForceEnterRequestedMsg{})
	}
	return m.handleTradeKey(msg)
}

// handleTradeKey handles the keys that act on the selected trade.
func (m *Model) handleTradeKey(msg tea.KeyMsg) tea.Cmd {
	var intent func(apiclient.OpenTrade) tea.Msg
	switch {
	case key.Matches(msg, m.keys.ForceExit):
		intent = func(t apiclient.OpenTrade) tea.Msg { return panes.ForceExitRequestedMsg{Trade: t} }
	case key.Matches(msg, m.keys.Lock):
		intent = func(t apiclient.OpenTrade) tea.Msg { return panes.LockRequestedMsg{Pair: t.Pair} }
	case key.Matches(msg, m.keys.CancelOrder):
		intent = func(t apiclient.OpenTrade) tea.Msg { return panes.CancelOrderRequestedMsg{Trade: t} }
	case key.Matches(msg, m.keys.DeleteTrade):
		intent = func(t apiclient.OpenTrade) tea.Msg { return panes.DeleteTradeRequestedMsg{Trade: t} }
	case key.Matches(msg, m.keys.Detail):
		intent = func(t apiclient.OpenTrade) tea.Msg { return panes.TradeDetailRequestedMsg{Trade: t} }
	default:
		return nil
	}
	t, ok := m.Selected()
	if !ok {
		return panes.Notice("no trade selected")
	}
	return panes.Emit(intent(t))
}
