// Package trades is the console's open-trades pane: a table of the bot's
// open trades with a selection that follows the trade id across refreshes,
// and keys that emit force-exit, force-enter, lock, cancel-order, delete and
// detail intents.
//
// Boundary: it imports apiclient (wire types) and panes; never tui or
// server, and it never calls the API.
package trades

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// Model is the open-trades pane.
type Model struct {
	common  panes.Common
	keys    KeyMap
	width   int
	height  int
	focused bool
	now     time.Time

	trades []apiclient.OpenTrade
	cursor panes.Cursor
	// selID is the selected trade's id; hasSel is false with no trades.
	selID  int
	hasSel bool

	// Render cache, rebuilt when data, clock, size or selection change so
	// View only joins the visible lines.
	cells  [][]string
	layout panes.Layout
	header string
	lines  []string
	paints panes.RowPaints
}

// Model implements panes.Pane.
var _ panes.Pane = (*Model)(nil)

// New returns an empty open-trades pane.
func New(c panes.Common, keys KeyMap) *Model {
	m := &Model{common: c, keys: keys, paints: panes.NewRowPaints(c.Styles)}
	m.now = m.clock()
	return m
}

// clock reads the Common clock, falling back to the wall clock.
func (m *Model) clock() time.Time {
	if m.common.Now == nil {
		return time.Now()
	}
	return m.common.Now()
}

// Init implements panes.Pane.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements panes.Pane.
func (m *Model) SetSize(width, height int) {
	if width == m.width && height == m.height {
		return
	}
	m.width, m.height = width, height
	m.cursor.Clamp(len(m.trades), m.visibleRows())
	m.relayout()
}

// Focus implements panes.Pane.
func (m *Model) Focus() { m.focused = true }

// Blur implements panes.Pane.
func (m *Model) Blur() { m.focused = false }

// Capturing implements panes.Pane; the trades pane takes no text.
func (m *Model) Capturing() bool { return false }

// Title implements panes.Pane.
func (m *Model) Title() string { return "Open trades" }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// Len returns the number of open trades shown.
func (m *Model) Len() int { return len(m.trades) }

// Selected returns the selected trade, if any.
func (m *Model) Selected() (apiclient.OpenTrade, bool) {
	if !m.hasSel || m.cursor.Index >= len(m.trades) {
		return apiclient.OpenTrade{}, false
	}
	return m.trades[m.cursor.Index], true
}

// View implements panes.Pane.
func (m *Model) View() string {
	title := fmt.Sprintf("%s (%d)", m.Title(), len(m.trades))
	return panes.FrameFitted(m.common.Styles, title, m.focused, m.width, m.height, m.body())
}
