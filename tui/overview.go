package tui

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/panes/overview"
	"github.com/freqdeck/freqdeck/tui/alert"
	"github.com/freqdeck/freqdeck/tui/layout"
)

// addOverview builds the overview pane, one for the console, and makes it
// the overview screen of every bot: whichever bot is shown, the screen is
// the same pane. It gets only its rows (RowsMsg); the bots' data messages
// that reach it through each bot are ignored.
func (m *Model) addOverview(c panes.Common) {
	m.overview = overview.New(c, m.keys.Overview)
	for _, b := range m.bots {
		b.screens[layout.Overview] = []panes.Pane{m.overview}
	}
}

// overviewShown reports whether the overview is on screen.
func (m *Model) overviewShown() bool { return m.screen == layout.Overview && m.state == stateReady }

// syncOverview hands the overview its rows, built from what the feeds
// hold, the slow profit fetches and the bots' last events; only while it
// is shown (a hidden screen costs nothing).
func (m *Model) syncOverview() tea.Cmd {
	if !m.overviewShown() {
		return nil
	}
	now := m.now()
	rows := make([]overview.Row, len(m.bots))
	for i, b := range m.bots {
		rows[i] = m.overviewRow(b, now)
	}
	_, cmd := m.overview.Update(overview.RowsMsg{Rows: rows})
	return cmd
}

// overviewRow is bot b's row at now.
func (m *Model) overviewRow(b *botState, now time.Time) overview.Row {
	c := b.feed.Conn(now)
	d := b.feed.Data()
	r := overview.Row{
		Bot: b.id, Name: b.displayName(), Conn: c.State.String(), Fresh: c.State.Fresh(),
		Answered: !c.Updated.IsZero(), Age: c.Age(now).Truncate(time.Second), ReadOnly: b.cfg.ReadOnly,
		Today: b.fleet.today, Week: b.fleet.week, Event: b.fleet.event, EventAt: b.fleet.eventAt,
	}
	if !r.Fresh {
		r.Problem = strings.TrimPrefix(strings.TrimPrefix(c.Text(now), r.Conn), ": ")
	}
	if cfg := d.Config; cfg != nil {
		r.State, r.Currency = cfg.State, cfg.StakeCurrency
		r.Max, r.MaxKnown = cfg.MaxOpenTrades, true
		r.Mode = "dry"
		if !cfg.DryRun {
			r.Mode = "live"
		}
	}
	if d.Trades != nil || d.Count != nil {
		r.Open, r.TradesKnown = len(d.Trades), true
		sum := 0.0
		for _, t := range d.Trades {
			sum += apiclient.Deref(t.ProfitAbs)
		}
		r.OpenProfit = overview.Some(sum)
	}
	if d.Profit != nil {
		r.Total = overview.Some(d.Profit.ProfitClosedCoin)
	}
	return r
}

// noteEvents remembers bot b's last event among the messages it pushed.
func (m *Model) noteEvents(b *botState, msgs []apiclient.Message) {
	for _, msg := range msgs {
		if text, ok := eventText(msg); ok {
			b.fleet.event, b.fleet.eventAt = text, m.now()
		}
	}
}

// eventText says what a pushed message announces, for the overview's last
// event: fills, orders, cancels, protections, warnings, state changes.
func eventText(msg apiclient.Message) (string, bool) {
	if ev, ok := alert.FromMessage(msg); ok {
		return ev.Title, true
	}
	switch m := msg.(type) {
	case apiclient.EntryMsg:
		return fmt.Sprintf("entry order: %s #%d", m.Pair, m.TradeID), true
	case apiclient.ExitMsg:
		return fmt.Sprintf("exit order: %s #%d", m.Pair, m.TradeID), true
	case apiclient.EntryCancelMsg:
		return fmt.Sprintf("entry cancelled: %s #%d", m.Pair, m.TradeID), true
	case apiclient.ExitCancelMsg:
		return fmt.Sprintf("exit cancelled: %s #%d", m.Pair, m.TradeID), true
	case apiclient.StatusMsg:
		if m.Type == apiclient.MsgStatus {
			return "status: " + m.Status, true
		}
	}
	return "", false
}

// openBot shows bot i's trade desk.
func (m *Model) openBot(i int) tea.Cmd {
	if i < 0 || i >= len(m.bots) {
		return nil
	}
	return tea.Batch(m.switchBot(i), m.showScreen(layout.TradeDesk))
}
