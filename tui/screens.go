package tui

import (
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/panes/balance"
	"github.com/freqdeck/freqdeck/panes/chart"
	"github.com/freqdeck/freqdeck/panes/history"
	"github.com/freqdeck/freqdeck/panes/locks"
	"github.com/freqdeck/freqdeck/panes/logs"
	"github.com/freqdeck/freqdeck/panes/pairs"
	"github.com/freqdeck/freqdeck/panes/performance"
	"github.com/freqdeck/freqdeck/panes/periodic"
	"github.com/freqdeck/freqdeck/panes/profit"
	"github.com/freqdeck/freqdeck/panes/trades"
	"github.com/freqdeck/freqdeck/tui/layout"
)

// screenViews are a bot's panes beyond the trade desk, typed, for what the
// console reads of them (the unit, the grouping and the pair they show).
type screenViews struct {
	closed    *history.Model
	periodic  *periodic.Model
	stats     *performance.Model
	balance   *balance.Model
	whitelist *pairs.Whitelist
	blacklist *pairs.Blacklist
	pairStats *performance.Model
	chart     *chart.Model
}

// newScreens builds every screen's panes for one bot, each indexed like
// its screen's layout.
func newScreens(c panes.Common, keys KeyMap) ([layout.NumScreens][]panes.Pane, screenViews) {
	v := screenViews{
		closed:    history.New(c, keys.History),
		periodic:  periodic.New(c, keys.Periodic),
		stats:     performance.New(c, keys.Performance),
		balance:   balance.New(c, keys.Balance),
		whitelist: pairs.NewWhitelist(c, keys.Whitelist),
		blacklist: pairs.NewBlacklist(c, keys.Blacklist),
		pairStats: performance.New(c, keys.Performance, panes.StatsPairs),
		chart:     chart.New(c, keys.Chart),
	}
	var s [layout.NumScreens][]panes.Pane
	s[layout.TradeDesk] = make([]panes.Pane, layout.NumPanes)
	s[layout.TradeDesk][layout.Trades] = trades.New(c, keys.Trades)
	s[layout.TradeDesk][layout.Profit] = profit.New(c, keys.Profit)
	s[layout.TradeDesk][layout.Locks] = locks.New(c, keys.Locks)
	s[layout.TradeDesk][layout.Logs] = logs.New(c, keys.Logs)
	s[layout.History] = []panes.Pane{
		layout.HistoryClosed: v.closed, layout.HistoryPeriodic: v.periodic,
		layout.HistoryPerformance: v.stats, layout.HistoryBalance: v.balance,
	}
	s[layout.Pairs] = []panes.Pane{
		layout.PairsWhitelist: v.whitelist, layout.PairsBlacklist: v.blacklist,
		layout.PairsLocks: locks.New(c, keys.Locks), layout.PairsPerformance: v.pairStats,
	}
	s[layout.Chart] = []panes.Pane{v.chart}
	return s, v
}

// screenName names a screen on the status bar.
func screenName(s layout.Screen) string {
	switch s {
	case layout.History:
		return "history"
	case layout.Pairs:
		return "pairs"
	case layout.Chart:
		return "chart"
	case layout.Overview:
		return "overview"
	case layout.TradeDesk, layout.NumScreens:
	}
	return "trade desk"
}

// paneOf returns pane i of the shown screen of bot b.
func (m *Model) paneOf(b *botState, i int) panes.Pane { return b.screens[m.screen][i] }

// focusedPane returns the shown bot's focused pane.
func (m *Model) focusedPane() panes.Pane { return m.paneOf(m.activeBot(), m.focus) }

// showScreen switches to screen s, keeping each screen's focus, and loads
// what it shows that is missing or out of date. The chart opens on the pair
// selected in the focused pane (an open or closed trade, a whitelist entry)
// when it has one.
func (m *Model) showScreen(s layout.Screen) tea.Cmd {
	b := m.activeBot()
	var pair string
	if s == layout.Chart {
		if sel, ok := m.focusedPane().(panes.PairSelector); ok {
			pair, _ = sel.SelectedPair()
		}
	}
	if s != m.screen {
		m.screenFocus[m.screen] = m.focus
		m.screen, m.focus = s, m.screenFocus[s]
		m.applyFocus()
		m.relayout()
	}
	cmds := []tea.Cmd{m.loadScreen(b)}
	switch s {
	case layout.Chart:
		cmds = append(cmds, m.chartPair(b, pair))
	case layout.Overview:
		cmds = append(cmds, m.startOverview())
	case layout.TradeDesk, layout.History, layout.Pairs, layout.NumScreens:
	}
	return tea.Batch(cmds...)
}

// tabsLine renders the strip that names the screen's panes when only the
// focused one is shown: "1 Closed trades · 2 Profit over time · ...", the
// focused one marked.
func (m *Model) tabsLine() string {
	st := m.styles
	ps := m.activeBot().screens[m.screen]
	parts := make([]string, len(ps))
	for i, p := range ps {
		label := strconv.Itoa(i+1) + " " + p.Title()
		if i == m.focus {
			parts[i] = st.Table.Selected.Render(" " + label + " ")
			continue
		}
		parts[i] = st.Muted.Render(" " + label + " ")
	}
	line := strings.Join(parts, st.Muted.Render("·"))
	hint := st.Muted.Render("  " + m.keys.Global.NextPane.Help().Key + " next")
	return panes.Fit(line+hint, m.width)
}
