package logs

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/panes"
)

// searchState is the search box and the applied query.
type searchState struct {
	input   textinput.Model
	typing  bool
	query   string // lower-cased; "" means no search
	count   int    // matching lines in the filtered view
	current int    // seq of the current match, -1 for none
}

// matches reports whether e holds the query.
func (s *searchState) matches(e *entry) bool {
	return s.query != "" && !e.gap && strings.Contains(e.lower, s.query)
}

// openSearch shows an empty search box: typing starts a new search (the
// current one stays applied until enter).
func (m *Model) openSearch() tea.Cmd {
	m.search.typing = true
	m.search.input.SetValue("")
	return m.search.input.Focus()
}

// handleTyping feeds a key to the search box: Apply runs the search, Clear
// closes the box and clears the search.
func (m *Model) handleTyping(msg tea.KeyMsg) (panes.Intent, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Apply):
		m.search.typing = false
		m.search.input.Blur()
		return m.applySearch(m.search.input.Value()), nil
	case key.Matches(msg, m.keys.Clear):
		m.clearSearch()
		return nil, nil
	}
	var cmd tea.Cmd
	m.search.input, cmd = m.search.input.Update(msg)
	return nil, cmd
}

// applySearch sets the query, counts its matches and jumps to the newest;
// a search without a match answers a notice.
func (m *Model) applySearch(text string) panes.Intent {
	q := strings.ToLower(strings.TrimSpace(text))
	if q == "" {
		m.clearSearch()
		return nil
	}
	m.search.query, m.search.current, m.search.count = q, -1, 0
	for i := range m.visible.len() {
		if m.search.matches(m.ring.get(m.visible.at(i))) {
			m.search.count++
		}
	}
	m.gen++
	if m.search.count == 0 {
		return panes.Notice("no match for " + strconv.Quote(text))
	}
	m.show(m.findMatch(m.visible.len(), -1))
	return nil
}

// clearSearch closes the box and drops the query and its highlights.
func (m *Model) clearSearch() {
	m.search.typing = false
	m.search.input.Blur()
	m.search.input.SetValue("")
	m.search.query, m.search.current, m.search.count = "", -1, 0
	m.gen++
}

// jump moves to the next match in direction dir: +1 newer, -1 older; it
// answers a notice when there is none.
func (m *Model) jump(dir int) panes.Intent {
	if m.search.query == "" {
		return panes.Notice("no search (press " + m.keys.Search.Help().Key + ")")
	}
	var from int
	switch {
	case m.search.current >= m.ring.oldest():
		from = m.visible.search(m.search.current)
		// The current match may have left the filtered view: then from is
		// the next line, which a newer search must not skip.
		if dir > 0 && (from >= m.visible.len() || m.visible.at(from) != m.search.current) {
			from--
		}
	case dir > 0:
		from = m.topPos() - 1 // from the window's top edge
	default:
		from = m.topPos() + m.rows() // from the window's bottom edge
	}
	pos := m.findMatch(from, dir)
	if pos < 0 {
		if dir > 0 {
			return panes.Notice("no newer match")
		}
		return panes.Notice("no older match")
	}
	m.show(pos)
	return nil
}

// findMatch returns the position of the first match strictly after from in
// direction dir, or -1.
func (m *Model) findMatch(from, dir int) int {
	for pos := from + dir; pos >= 0 && pos < m.visible.len(); pos += dir {
		if m.search.matches(m.ring.get(m.visible.at(pos))) {
			return pos
		}
	}
	return -1
}

// show makes the match at pos current and scrolls it into view.
func (m *Model) show(pos int) {
	if pos < 0 {
		return
	}
	m.search.current = m.visible.at(pos)
	m.gen++
	top := m.topPos()
	switch {
	case pos < top:
		top = pos
	case pos >= top+m.rows():
		top = pos - m.rows() + 1
	}
	m.follow = false
	m.setTop(top)
}
