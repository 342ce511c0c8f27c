package history

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/panes"
)

// Update implements panes.Pane.
func (m *Model) Update(msg tea.Msg) (panes.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case panes.ClosedTradesMsg:
		m.all, m.total, m.loaded = msg.Trades, msg.Total, true
		m.load.Done()
		m.showRows()
	case panes.LoadFailedMsg:
		m.load.Fail(msg, panes.DataClosedTrades)
	case panes.HealthMsg:
		m.SetHealth(msg)
	}
	return m, nil
}

// HandleKey implements panes.Pane: the filter box takes the keys while it
// is open; a movement near the end of what is loaded asks for the next page.
func (m *Model) HandleKey(msg tea.KeyMsg) (panes.Intent, tea.Cmd) {
	if m.filter.typing {
		return m.handleTyping(msg)
	}
	if m.Navigate(msg, m.keys.NavKeys) {
		return m.morePage(), nil
	}
	switch {
	case key.Matches(msg, m.keys.Detail):
		t, ok := m.Selected()
		if !ok {
			return panes.Notice("no trade selected"), nil
		}
		return panes.ClosedTradeDetailRequestedMsg{Trade: t}, nil
	case key.Matches(msg, m.keys.FilterPair):
		m.filter.typing = true
		m.filter.input.SetValue(m.filter.pair)
		m.filter.input.CursorEnd()
		return nil, m.filter.input.Focus()
	case key.Matches(msg, m.keys.ExitReason):
		m.filter.reason = nextReason(m.all, m.filter.reason)
		return m.refilter(), nil
	case key.Matches(msg, m.keys.Clear):
		if !m.filter.active() {
			return nil, nil
		}
		m.filter.pair, m.filter.reason = "", ""
		return m.refilter(), nil
	}
	return nil, nil
}

// handleTyping feeds a key to the pair filter's box.
func (m *Model) handleTyping(msg tea.KeyMsg) (panes.Intent, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Apply):
		m.filter.typing = false
		m.filter.input.Blur()
		m.filter.pair = strings.ToLower(strings.TrimSpace(m.filter.input.Value()))
		return m.refilter(), nil
	case key.Matches(msg, m.keys.Clear):
		m.filter.typing = false
		m.filter.input.Blur()
		return nil, nil
	}
	var cmd tea.Cmd
	m.filter.input, cmd = m.filter.input.Update(msg)
	return nil, cmd
}

// refilter shows the trades that pass the filter; when none of the loaded
// ones do, it says so and asks for more if there are more.
func (m *Model) refilter() panes.Intent {
	m.showRows()
	if intent := m.morePage(); intent != nil {
		return intent
	}
	if m.filter.active() && m.Len() == 0 {
		return panes.Notice("no loaded trade matches " + strings.Join(m.filter.terms(), ", "))
	}
	return nil
}

// morePage asks for the next page when the selection is within a page of
// the end of what is loaded, more trades exist and none is on the way.
func (m *Model) morePage() panes.Intent {
	if m.load.Pending() || !m.loaded || len(m.all) >= m.total {
		return nil
	}
	if m.Len() > 0 && m.Index() < m.Len()-m.PageRows() {
		return nil
	}
	m.load.Start()
	return panes.ClosedTradesPageRequestedMsg{Offset: len(m.all)}
}

// showRows shows the loaded trades that pass the filter.
func (m *Model) showRows() {
	empty := " No closed trades"
	if m.filter.active() {
		empty = " No loaded trade matches the filter (esc clears it)"
	}
	m.SetEmpty(empty)
	m.SetRows(m.filter.apply(m.all))
}
