package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/panes/trades"
	"github.com/freqdeck/freqdeck/tui/layout"
)

// Place is where a console stands: the bot shown, the screen, its focused
// pane and the selected open trade (or, beyond the trade desk, the focused
// pane's selected row). `freqdeck host` keeps each key's last
// Place and opens its next session there (Options.Place).
type Place struct {
	Bot    int
	Screen layout.Screen
	Focus  int
	// Trade is the selected open trade's id; 0 for none.
	Trade int
	// Row is the selected row's id in the focused pane of a screen beyond
	// the trade desk (a closed trade, a lock...), when HasRow.
	Row    int
	HasRow bool
}

// rowPane is a pane of rows that keeps its selection by row id.
type rowPane interface {
	SelectedID() (int, bool)
	Prefer(id int)
}

// Place returns where the console stands now.
func (m *Model) Place() Place {
	p := Place{Bot: m.active, Screen: m.screen, Focus: m.focus}
	if t, ok := m.tradesPane(m.activeBot()); ok {
		if sel, ok := t.Selected(); ok {
			p.Trade = sel.TradeID
		}
	}
	if r, ok := m.focusedPane().(rowPane); ok && m.screen != layout.TradeDesk {
		p.Row, p.HasRow = r.SelectedID()
	}
	return p
}

// tradesPane is bot b's open-trades pane.
func (m *Model) tradesPane(b *botState) (*trades.Model, bool) {
	t, ok := b.screens[layout.TradeDesk][layout.Trades].(*trades.Model)
	return t, ok
}

// restorePlace opens the console at p (nil: the default place). Out of
// range parts (a bot gone from the config) are ignored.
func (m *Model) restorePlace(p *Place) {
	if p == nil {
		return
	}
	if p.Bot >= 0 && p.Bot < len(m.bots) {
		m.active = p.Bot
	}
	if p.Screen >= 0 && p.Screen < layout.NumScreens {
		m.screen = p.Screen
		if p.Focus >= 0 && p.Focus < m.screen.Panes() {
			m.focus = p.Focus
		}
		m.screenFocus[m.screen] = m.focus
	}
	m.applyFocus()
	if t, ok := m.tradesPane(m.activeBot()); ok && p.Trade != 0 {
		t.Prefer(p.Trade)
	}
	if r, ok := m.focusedPane().(rowPane); ok && p.HasRow && m.screen == p.Screen {
		r.Prefer(p.Row)
	}
}

// placeCmd loads what the restored screen shows.
func (m *Model) placeCmd() tea.Cmd {
	if m.opts.Place == nil || m.screen == layout.TradeDesk {
		return nil
	}
	return m.showScreen(m.screen)
}
