// Package logs is the console's log pane: a bounded ring of the bot's log
// lines (at least DefaultCapacity), rendered one visible window at a time,
// with follow mode, a minimum-level filter and search with highlighted,
// navigable matches.
//
// Boundary: it imports apiclient (wire types) and panes; never tui or
// server, and it never calls the API.
package logs

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"

	"github.com/freqdeck/freqdeck/panes"
)

// DefaultCapacity is how many log lines the pane keeps by default.
const DefaultCapacity = 10_000

// Model implements panes.Pane.
var _ panes.Pane = (*Model)(nil)

// Model is the logs pane. The embedded Base gives it Init, Focus, Blur and
// the full help.
type Model struct {
	panes.Base
	keys KeyMap

	ring    *ring
	visible seqList // seqs passing the level filter, ascending
	minRank int     // index into levels
	dropped int     // rows the feed reported lost
	evicted int     // rows pushed out of the ring

	follow bool
	topSeq int // first line shown when not following

	search searchState

	// cache holds rendered lines by ring slot, valid while the slot still
	// holds cacheSeq and cacheGen matches gen; gen moves on width or search
	// changes.
	cache    []string
	cacheSeq []int
	cacheGen []int
	gen      int
	paints   paints
}

// Option configures a Model.
type Option func(*Model)

// WithCapacity sets how many lines the ring keeps (at least 1).
func WithCapacity(n int) Option {
	return func(m *Model) { m.ring = newRing(max(n, 1)) }
}

// New returns an empty logs pane in follow mode showing every level.
func New(c panes.Common, keys KeyMap, opts ...Option) *Model {
	m := &Model{Base: panes.NewBase(c, keys), keys: keys, follow: true, ring: newRing(DefaultCapacity), paints: newPaints(c.Styles)}
	for _, o := range opts {
		o(m)
	}
	size := m.ring.size
	m.cache = make([]string, size)
	m.cacheGen = make([]int, size)
	m.cacheSeq = make([]int, size)
	m.gen = 1
	ti := textinput.New()
	ti.Prompt = "/"
	ti.Placeholder = "search"
	ti.CharLimit = 200
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.PromptStyle = c.Styles.Info
	ti.TextStyle = c.Styles.Text
	ti.PlaceholderStyle = c.Styles.Muted
	m.search.input = ti
	m.search.current = -1
	return m
}

// SetSize implements panes.Pane.
func (m *Model) SetSize(width, height int) {
	if !m.Resize(width, height) {
		return
	}
	// Border, margin, prompt and cursor take six cells.
	m.search.input.Width = max(width-6, 1)
	m.gen++
}

// Capturing implements panes.Pane: true while the search box takes text.
func (m *Model) Capturing() bool { return m.search.typing }

// Title implements panes.Pane.
func (m *Model) Title() string { return "Logs" }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.search.typing {
		return []key.Binding{m.keys.Apply, m.keys.Clear}
	}
	return m.keys.ShortHelp()
}

// Len returns the number of lines held (dropped-line markers included).
func (m *Model) Len() int { return m.ring.n }

// Evicted returns how many lines the ring has pushed out to stay bounded.
func (m *Model) Evicted() int { return m.evicted }

// Dropped returns how many lines the feed reported lost.
func (m *Model) Dropped() int { return m.dropped }

// Following reports whether the view sticks to the newest line.
func (m *Model) Following() bool { return m.follow }

// MinLevel returns the minimum level shown.
func (m *Model) MinLevel() string {
	name, _ := filterLevel(m.minRank)
	return name
}

// View implements panes.Pane.
func (m *Model) View() string {
	return m.FrameLines(m.frameTitle(), m.body())
}
