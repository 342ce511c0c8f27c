package trades

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// Update implements panes.Pane.
func (m *Model) Update(msg tea.Msg) (panes.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case panes.TradesMsg:
		m.SetRows(msg.Trades)
	case panes.HealthMsg:
		m.SetHealth(msg)
	case panes.ClockMsg:
		// Only the duration cells move with the clock.
		m.Tick(msg.Now, colDuration, Duration)
	}
	return m, nil
}

// HandleKey implements panes.Pane: a movement, or an intent.
func (m *Model) HandleKey(msg tea.KeyMsg) (panes.Intent, tea.Cmd) {
	if m.Navigate(msg, m.keys.NavKeys) {
		return nil, nil
	}
	switch {
	case key.Matches(msg, m.keys.ForceExitAll):
		if m.Len() == 0 {
			return panes.Notice("no open trades"), nil
		}
		return panes.ForceExitAllRequestedMsg{}, nil
	case key.Matches(msg, m.keys.ForceEnter):
		return panes.ForceEnterRequestedMsg{}, nil
	}
	return m.tradeIntent(msg), nil
}

// tradeIntent answers the keys that act on the selected trade.
func (m *Model) tradeIntent(msg tea.KeyMsg) panes.Intent {
	var intent func(apiclient.OpenTrade) panes.Intent
	switch {
	case key.Matches(msg, m.keys.ForceExit):
		intent = func(t apiclient.OpenTrade) panes.Intent { return panes.ForceExitRequestedMsg{Trade: t} }
	case key.Matches(msg, m.keys.Lock):
		intent = func(t apiclient.OpenTrade) panes.Intent { return panes.LockRequestedMsg{Pair: t.Pair} }
	case key.Matches(msg, m.keys.CancelOrder):
		intent = func(t apiclient.OpenTrade) panes.Intent { return panes.CancelOrderRequestedMsg{Trade: t} }
	case key.Matches(msg, m.keys.DeleteTrade):
		intent = func(t apiclient.OpenTrade) panes.Intent { return panes.DeleteTradeRequestedMsg{Trade: t} }
	case key.Matches(msg, m.keys.Detail):
		intent = func(t apiclient.OpenTrade) panes.Intent { return panes.TradeDetailRequestedMsg{Trade: t} }
	default:
		return nil
	}
	t, ok := m.Selected()
	if !ok {
		return panes.Notice("no trade selected")
	}
	return intent(t)
}
