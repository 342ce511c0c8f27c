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
		m.setTrades(msg.Trades)
	case panes.ClockMsg:
		m.tick(msg.Now)
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	}
	return m, nil
}

// setTrades replaces the trades, keeping the selection on the same trade id;
// when that trade is gone the selection stays at the same row position,
// which is the nearest remaining trade.
func (m *Model) setTrades(trades []apiclient.OpenTrade) {
	m.trades = trades
	m.now = m.clock()
	if m.hasSel {
		for i, t := range trades {
			if t.TradeID == m.selID {
				m.cursor.Index = i
				break
			}
		}
	}
	m.hasSel = len(trades) > 0
	m.cursor.Clamp(len(trades), m.visibleRows())
	if m.hasSel {
		m.selID = trades[m.cursor.Index].TradeID
	}
	m.rebuild()
}

// handleKey maps a key to a movement or an intent.
func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	page := max(m.visibleRows()-1, 1)
	switch {
	case key.Matches(msg, m.keys.Up):
		m.move(-1)
	case key.Matches(msg, m.keys.Down):
		m.move(1)
	case key.Matches(msg, m.keys.PageUp):
		m.move(-page)
	case key.Matches(msg, m.keys.PageDown):
		m.move(page)
	case key.Matches(msg, m.keys.Top):
		m.move(-len(m.trades))
	case key.Matches(msg, m.keys.Bottom):
		m.move(len(m.trades))
	case key.Matches(msg, m.keys.ForceExitAll):
		if len(m.trades) == 0 {
			return notice("no open trades")
		}
		return emit(panes.ForceExitAllRequestedMsg{})
	case key.Matches(msg, m.keys.ForceEnter):
		return emit(panes.ForceEnterRequestedMsg{})
	default:
		return m.handleTradeKey(msg)
	}
	return nil
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
		return notice("no trade selected")
	}
	return emit(intent(t))
}

// move moves the selection and re-renders the two rows that changed.
func (m *Model) move(delta int) {
	if len(m.trades) == 0 {
		return
	}
	old := m.cursor.Index
	m.cursor.Move(delta, len(m.trades), m.visibleRows())
	m.selID = m.trades[m.cursor.Index].TradeID
	m.renderLine(old)
	m.renderLine(m.cursor.Index)
}

// emit returns a command that sends msg.
func emit(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// notice returns a command that puts text on the status bar.
func notice(text string) tea.Cmd { return emit(panes.NoticeMsg{Text: text}) }
