// Package overview is the console's overview screen: one row per bot (its
// connection with the age of its data, its state, dry or live, open and
// most trades, open profit, closed profit today, this week and in all,
// and its last event, or why it is down), totals per stake currency, a
// sort by any of the figures, and marks for actions on several bots.
//
// Boundary: it imports apiclient (wire types) and panes; never tui or
// server, and it never calls the API. The console hands it the rows
// (RowsMsg), built from what the bots' feeds hold; the pane answers keys
// with intents (a bot's desk, force exit all) and keeps the marks, which
// the console reads (Marked).
package overview

import (
	"slices"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/panes"
)

// Amount is a sum of money, or nothing yet.
type Amount struct {
	Value float64
	Known bool
}

// Some is a known amount.
func Some(v float64) Amount { return Amount{Value: v, Known: true} }

// Row is one bot as the overview shows it; figures the bot has not
// answered yet are not Known. Rows compare with ==, so rows that did not
// change cost no redraw.
type Row struct {
	// Bot identifies the bot (its index in the console); the selection and
	// the marks follow it across sorts and updates.
	Bot  int
	Name string
	// Conn is the connection state ("online", "offline", "stale", ...);
	// Fresh is set only while it is online; Answered once the bot has
	// answered with data, Age how long ago that was (shown for an online
	// bot once it is 30 s or more).
	Conn     string
	Fresh    bool
	Answered bool
	Age      time.Duration
	// Problem says why a bot that is not online is not, after its state:
	// "connection refused (retrying in 3s)".
	Problem string
	// State is the bot's state (running, paused, stopped); "" unknown.
	State string
	// Mode is "dry" or "live"; "" while /show_config has not answered.
	Mode string
	// Open counts the open trades (TradesKnown once /status answered); Max
	// is max_open_trades, negative for unlimited (MaxKnown once known).
	Open        int
	TradesKnown bool
	Max         int
	MaxKnown    bool
	// Currency is the stake currency; totals are kept per currency.
	Currency string
	// OpenProfit is the open trades' profit; Today, Week and Total the
	// closed trades' profit today, this week and in all, in Currency.
	OpenProfit, Today, Week, Total Amount
	// Event is the bot's last event ("exit filled: ETH/USDT #7 +1.2%") and
	// EventAt when it came.
	Event   string
	EventAt time.Time
	// ReadOnly marks a bot that refuses actions.
	ReadOnly bool
}

// RowsMsg hands the overview every bot's row, in the console's order.
type RowsMsg struct{ Rows []Row }

// Model is the overview pane.
type Model struct {
	panes.Drawn
	keys KeyMap

	rows   []Row // in the console's order
	sorted []Row // as shown
	marked map[int]bool
	cursor panes.Cursor
	sel    int // the selected row's Bot
	sortBy column
	desc   bool
	now    time.Time
}

// Model implements panes.Pane.
var _ panes.Pane = (*Model)(nil)

// New returns an empty overview, sorted by bot name.
func New(c panes.Common, keys KeyMap) *Model {
	m := &Model{keys: keys, marked: map[int]bool{}, sortBy: colBot}
	m.Drawn = panes.NewDrawn(c, keys, m.draw)
	m.now = m.Now()
	return m
}

// Title implements panes.Pane.
func (m *Model) Title() string { return "Overview" }

// View implements panes.Pane.
func (m *Model) View() string { return m.FrameLines(m.title(), m.Body()) }

// Update implements panes.Pane: the rows and the clock.
func (m *Model) Update(msg tea.Msg) (panes.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case RowsMsg:
		if !slices.Equal(msg.Rows, m.rows) {
			m.rows = msg.Rows
			m.resort()
		}
	case panes.ClockMsg:
		m.now = msg.Now
		if m.hasEvents() {
			m.Redraw() // the ages of the last events move
		}
	}
	return m, nil
}

// hasEvents reports whether any row shows an event's age.
func (m *Model) hasEvents() bool {
	return slices.ContainsFunc(m.rows, func(r Row) bool { return !r.EventAt.IsZero() })
}

// HandleKey implements panes.Pane.
func (m *Model) HandleKey(k tea.KeyMsg) (panes.Intent, tea.Cmd) {
	if delta, ok := m.keys.Scroll(k, max(m.visibleRows()-1, 1)); ok {
		m.move(delta)
		return nil, nil
	}
	switch {
	case key.Matches(k, m.keys.Top):
		m.move(-len(m.sorted))
	case key.Matches(k, m.keys.Bottom):
		m.move(len(m.sorted))
	case key.Matches(k, m.keys.Open):
		if r, ok := m.Selected(); ok {
			return panes.OpenBotRequestedMsg{Bot: r.Bot}, nil
		}
	case key.Matches(k, m.keys.Mark):
		if r, ok := m.Selected(); ok {
			m.setMark(r.Bot, !m.marked[r.Bot])
			m.move(1)
		}
	case key.Matches(k, m.keys.MarkAll):
		all := len(m.marked) < len(m.rows)
		for _, r := range m.rows {
			m.setMark(r.Bot, all)
		}
	case key.Matches(k, m.keys.Sort):
		m.sortBy = m.sortBy.next()
		m.desc = m.sortBy.descending()
		m.resort()
	case key.Matches(k, m.keys.Reverse):
		m.desc = !m.desc
		m.resort()
	case key.Matches(k, m.keys.ExitAll):
		return panes.FleetExitAllRequestedMsg{}, nil
	}
	return nil, nil
}

// setMark marks or unmarks bot.
func (m *Model) setMark(bot int, on bool) {
	if on {
		m.marked[bot] = true
	} else {
		delete(m.marked, bot)
	}
	m.Redraw()
}

// Marked returns the marked bots in the order shown, or the selected bot
// when none is marked: what an action from the overview acts on.
func (m *Model) Marked() []int {
	var out []int
	for _, r := range m.sorted {
		if m.marked[r.Bot] {
			out = append(out, r.Bot)
		}
	}
	if len(out) == 0 {
		if r, ok := m.Selected(); ok {
			out = []int{r.Bot}
		}
	}
	return out
}

// Selected returns the selected row.
func (m *Model) Selected() (Row, bool) {
	if m.cursor.Index >= len(m.sorted) {
		return Row{}, false
	}
	return m.sorted[m.cursor.Index], true
}

// move moves the selection.
func (m *Model) move(delta int) {
	if len(m.sorted) == 0 {
		return
	}
	m.cursor.Move(delta, len(m.sorted), m.visibleRows())
	m.sel = m.sorted[m.cursor.Index].Bot
	m.Redraw()
}

// resort sorts the rows and keeps the selection on its bot.
func (m *Model) resort() {
	m.sorted = sortRows(m.rows, m.sortBy, m.desc)
	for i, r := range m.sorted {
		if r.Bot == m.sel {
			m.cursor.Index = i
		}
	}
	m.cursor.Clamp(len(m.sorted), m.visibleRows())
	if len(m.sorted) > 0 {
		m.sel = m.sorted[m.cursor.Index].Bot
	}
	m.Redraw()
}

// SetSize implements panes.Pane.
func (m *Model) SetSize(width, height int) {
	m.Drawn.SetSize(width, height)
	m.cursor.Clamp(len(m.sorted), m.visibleRows())
}
