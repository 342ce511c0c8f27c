// Package periodic is the console's profit-over-time pane: profit by day,
// week or month (/daily, /weekly, /monthly) as a table and a bar chart of
// profit and loss, and a cumulative profit line over the closed trades the
// console has loaded. Charts are drawn with ntcharts (panes/plot).
//
// Boundary: it imports apiclient (wire types), panes and panes/plot; never
// tui or server, and it never calls the API: switching the unit asks for
// its data with an intent.
package periodic

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// units are the period units in the order the unit key cycles them.
func units() []apiclient.PeriodUnit {
	return []apiclient.PeriodUnit{apiclient.Daily, apiclient.Weekly, apiclient.Monthly}
}

// Model is the profit-over-time pane. The embedded Drawn gives it Init,
// Focus, Blur, Capturing, SetSize and the help, and keeps its body.
type Model struct {
	panes.Drawn
	keys KeyMap

	unit    apiclient.PeriodUnit
	periods map[apiclient.PeriodUnit]apiclient.PeriodicProfit
	load    panes.Load

	closed      []apiclient.RawTrade
	closedTotal int
	profit      *apiclient.Profit
	stake       string

	// top is the first table row shown.
	top int
}

// Model implements panes.Pane.
var _ panes.Pane = (*Model)(nil)

// New returns an empty profit-over-time pane showing days.
func New(c panes.Common, keys KeyMap) *Model {
	m := &Model{keys: keys, unit: apiclient.Daily, periods: map[apiclient.PeriodUnit]apiclient.PeriodicProfit{}}
	m.Drawn = panes.NewDrawn(c, keys, m.render)
	return m
}

// Unit returns the unit shown.
func (m *Model) Unit() apiclient.PeriodUnit { return m.unit }

// Title implements panes.Pane.
func (m *Model) Title() string { return "Profit over time" }

// Update implements panes.Pane.
func (m *Model) Update(msg tea.Msg) (panes.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case panes.PeriodicMsg:
		m.periods[msg.Unit] = msg.Profit
		if msg.Unit == m.unit {
			m.load.Done()
		}
	case panes.ClosedTradesMsg:
		m.closed, m.closedTotal = msg.Trades, msg.Total
	case panes.ProfitMsg:
		m.profit = &msg.Profit
	case panes.ConfigMsg:
		m.stake = msg.Config.StakeCurrency
	case panes.HealthMsg:
		m.SetHealth(msg)
		if m.hasData() {
			return m, nil // the frame's title shows it
		}
	case panes.LoadFailedMsg:
		if !m.load.Fail(msg, panes.DataPeriodic) {
			return m, nil
		}
	default:
		return m, nil
	}
	m.Redraw()
	return m, nil
}

// HandleKey implements panes.Pane: the unit key switches units and asks
// for the new unit's data; the navigation keys scroll the table.
func (m *Model) HandleKey(msg tea.KeyMsg) (panes.Intent, tea.Cmd) {
	if delta, ok := m.keys.Scroll(msg, 1); ok {
		m.scroll(delta)
		return nil, nil
	}
	switch {
	case key.Matches(msg, m.keys.Top):
		m.scroll(-m.rows())
	case key.Matches(msg, m.keys.Bottom):
		m.scroll(m.rows())
	case key.Matches(msg, m.keys.Unit):
		all := units()
		for i, u := range all {
			if u == m.unit {
				m.unit = all[(i+1)%len(all)]
				break
			}
		}
		m.top = 0
		m.load.Start()
		m.Redraw()
		return panes.PeriodicRequestedMsg{Unit: m.unit}, nil
	}
	return nil, nil
}

// scroll moves the table's first row by delta, within its rows.
func (m *Model) scroll(delta int) {
	top := min(max(m.top+delta, 0), max(m.rows()-1, 0))
	if top != m.top {
		m.top = top
		m.Redraw()
	}
}

// rows is the number of periods of the unit shown.
func (m *Model) rows() int { return len(m.periods[m.unit].Data) }

// View implements panes.Pane: "Profit by day", with what is under way or
// wrong.
func (m *Model) View() string {
	return m.FrameLines(m.load.Title("Profit by "+unitName(m.unit)), m.Body())
}

// unitName is "day", "week" or "month".
func unitName(u apiclient.PeriodUnit) string {
	switch u {
	case apiclient.Weekly:
		return "week"
	case apiclient.Monthly:
		return "month"
	case apiclient.Daily:
	}
	return "day"
}
