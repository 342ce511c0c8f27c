package logs

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// filterLevels is how many minimum levels L cycles through.
const filterLevels = 4

// filterLevel returns the name and rank of minimum level i.
func filterLevel(i int) (string, int) {
	switch i {
	case 1:
		return "INFO", levelRank("INFO")
	case 2:
		return "WARNING", levelRank("WARNING")
	case 3:
		return "ERROR", levelRank("ERROR")
	default:
		return "DEBUG", levelRank("DEBUG")
	}
}

// Update implements panes.Pane.
func (m *Model) Update(msg tea.Msg) (panes.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case panes.LogsMsg:
		m.appendRows(msg.Rows, msg.Dropped)
	case panes.HealthMsg:
		m.SetHealth(msg)
	}
	return m, nil
}

// HandleKey implements panes.Pane: the search box takes the keys while it
// is open.
func (m *Model) HandleKey(msg tea.KeyMsg) (panes.Intent, tea.Cmd) {
	if m.search.typing {
		return m.handleTyping(msg)
	}
	return m.handleKey(msg)
}

// appendRows adds a batch, preceded by a marker when rows were lost.
func (m *Model) appendRows(rows []apiclient.LogRow, dropped int) {
	if dropped > 0 {
		m.dropped += dropped
		m.push(gapEntry(dropped))
	}
	for _, row := range rows {
		m.push(newEntry(row))
	}
	m.visible.dropBefore(m.ring.oldest())
}

// push appends one entry to the ring and the filtered view, keeping the
// match count in step with what enters and leaves.
func (m *Model) push(e entry) {
	old, evicted := m.ring.push(e)
	if evicted {
		m.evicted++
		if m.passes(&old) && m.search.matches(&old) {
			m.search.count--
		}
	}
	added := m.ring.get(m.ring.total - 1)
	if m.passes(added) {
		m.visible.add(added.seq)
		if m.search.matches(added) {
			m.search.count++
		}
	}
}

// passes reports whether e is at or above the minimum level.
func (m *Model) passes(e *entry) bool {
	_, rank := filterLevel(m.minRank)
	return e.rank >= rank
}

// handleKey maps a key to scrolling, a mode change or search navigation.
func (m *Model) handleKey(msg tea.KeyMsg) (panes.Intent, tea.Cmd) {
	if delta, ok := m.keys.Scroll(msg, max(m.rows()-1, 1)); ok {
		m.scroll(delta)
		return nil, nil
	}
	switch {
	case key.Matches(msg, m.keys.Top):
		m.follow = false
		m.topSeq = -1
	case key.Matches(msg, m.keys.Bottom):
		m.follow = true
	case key.Matches(msg, m.keys.Follow):
		m.toggleFollow()
	case key.Matches(msg, m.keys.Level):
		m.cycleLevel()
	case key.Matches(msg, m.keys.Search):
		return nil, m.openSearch()
	case key.Matches(msg, m.keys.Next):
		return m.jump(1), nil
	case key.Matches(msg, m.keys.Prev):
		return m.jump(-1), nil
	case key.Matches(msg, m.keys.Clear):
		m.clearSearch()
	case key.Matches(msg, m.keys.Read):
		return m.readIntent(), nil
	}
	return nil, nil
}

// readIntent asks to show the selected line in full.
func (m *Model) readIntent() panes.Intent {
	seq := m.selectedSeq()
	if seq < 0 || m.ring.get(seq).gap {
		return panes.Notice("no log line selected")
	}
	return panes.LogLineRequestedMsg{Row: m.ring.get(seq).row}
}

// selectedSeq is the line Read opens, marked on screen: the current search
// match while it is in the window, else the newest line in the window; -1
// when the window is empty.
func (m *Model) selectedSeq() int {
	if m.visible.empty() {
		return -1
	}
	from := m.topPos()
	to := min(from+m.rows(), m.visible.len())
	if to <= from {
		return -1
	}
	if cur := m.search.current; cur >= 0 {
		if pos := m.visible.search(cur); pos >= from && pos < to && m.visible.at(pos) == cur {
			return cur
		}
	}
	return m.visible.at(to - 1)
}

// scroll moves the window by delta lines; any scroll leaves follow mode,
// so new lines do not move what the user is reading.
func (m *Model) scroll(delta int) {
	pos := m.topPos() + delta
	m.follow = false
	m.setTop(pos)
}

// toggleFollow turns follow off (freezing the current window) or on.
func (m *Model) toggleFollow() {
	if m.follow {
		m.scroll(0)
		return
	}
	m.follow = true
}

// cycleLevel moves the minimum level on and rebuilds the filtered view,
// keeping the window near the line it showed.
func (m *Model) cycleLevel() {
	anchor := m.topSeqNow()
	m.minRank = (m.minRank + 1) % filterLevels
	m.visible.reset()
	m.search.count = 0
	for seq := m.ring.oldest(); seq < m.ring.total; seq++ {
		e := m.ring.get(seq)
		if m.passes(e) {
			m.visible.add(seq)
			if m.search.matches(e) {
				m.search.count++
			}
		}
	}
	if !m.follow {
		m.topSeq = anchor
	}
}

// rows is the number of log lines the window shows.
func (m *Model) rows() int {
	_, h := m.Inner()
	if m.search.typing {
		h--
	}
	return max(h, 0)
}

// maxTop is the highest top position that still fills the window.
func (m *Model) maxTop() int { return max(m.visible.len()-m.rows(), 0) }

// topPos returns the position in the filtered view of the first line shown.
func (m *Model) topPos() int {
	if m.follow {
		return m.maxTop()
	}
	return min(m.visible.search(m.topSeq), m.maxTop())
}

// setTop shows the window from position pos (clamped) without following.
func (m *Model) setTop(pos int) {
	pos = min(max(pos, 0), m.maxTop())
	if m.visible.empty() {
		m.topSeq = m.ring.total
		return
	}
	m.topSeq = m.visible.at(pos)
}

// topSeqNow returns the seq of the first line shown now.
func (m *Model) topSeqNow() int {
	if m.visible.empty() {
		return m.ring.total
	}
	return m.visible.at(min(m.topPos(), m.visible.len()-1))
}
