// Package locks is the console's pair-locks pane: the active locks with the
// time each has left, a selection that follows the lock id, and keys that
// emit add-lock and delete-lock intents.
//
// Boundary: it imports apiclient (wire types) and panes; never tui or
// server, and it never calls the API.
package locks

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// Model implements panes.Pane.
var _ panes.Pane = (*Model)(nil)

// Model is the locks pane.
type Model struct {
	common  panes.Common
	keys    KeyMap
	width   int
	height  int
	focused bool
	now     time.Time

	locks  []apiclient.Lock
	cursor panes.Cursor
	selID  int
	hasSel bool

	// Render cache, rebuilt on data, clock, size or selection changes.
	cells  [][]string
	layout panes.Layout
	header string
	lines  []string
	paints panes.RowPaints
}

// New returns an empty locks pane.
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
	m.cursor.Clamp(len(m.locks), m.visibleRows())
	m.relayout()
}

// Focus implements panes.Pane.
func (m *Model) Focus() { m.focused = true }

// Blur implements panes.Pane.
func (m *Model) Blur() { m.focused = false }

// Capturing implements panes.Pane; the locks pane takes no text.
func (m *Model) Capturing() bool { return false }

// Title implements panes.Pane.
func (m *Model) Title() string { return "Locks" }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// Len returns the number of locks shown.
func (m *Model) Len() int { return len(m.locks) }

// Selected returns the selected lock, if any.
func (m *Model) Selected() (apiclient.Lock, bool) {
	if !m.hasSel || m.cursor.Index >= len(m.locks) {
		return apiclient.Lock{}, false
	}
	return m.locks[m.cursor.Index], true
}

// View implements panes.Pane.
func (m *Model) View() string {
	title := fmt.Sprintf("%s (%d)", m.Title(), len(m.locks))
	return panes.FrameFitted(m.common.Styles, title, m.focused, m.width, m.height, m.body())
}
