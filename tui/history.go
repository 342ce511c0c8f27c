package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/freqdeck/freqdeck/panes"
)

// historyLen is how many messages the history keeps.
const historyLen = 100

// historyEntry is one message of the status bar, in full, with its time.
type historyEntry struct {
	at   time.Time
	kind statusKind
	text string
}

// remember keeps a message for the history, dropping the oldest beyond
// historyLen.
func (m *Model) remember(kind statusKind, text string) {
	if len(m.history) == historyLen {
		m.history = append(m.history[:0], m.history[1:]...)
	}
	m.history = append(m.history, historyEntry{at: m.now(), kind: kind, text: text})
}

// historyWidth is the widest the history box gets.
const historyWidth = 100

// historyBody renders the history, newest first, each message wrapped in
// full under its time, scrolled by the modal's cursor to fit height.
func (m *Model) historyBody(width, height int) []string {
	entries := make([]historyEntry, 0, len(m.history))
	for i := len(m.history) - 1; i >= 0; i-- {
		entries = append(entries, m.history[i])
	}
	return m.entriesBody(entries, "No results or errors yet.", width, height)
}

// entriesBody renders entries in the given order, each wrapped in full
// under its time, scrolled by the modal's cursor to fit height, and the
// keys that scroll and close; empty is the text of no entries.
func (m *Model) entriesBody(entries []historyEntry, empty string, width, height int) []string {
	if len(entries) == 0 {
		return []string{m.styles.Muted.Render(empty)}
	}
	const stamp = "15:04:05"
	textW := max(width-len(stamp)-1, 10)
	var lines []string
	for _, e := range entries {
		st := m.statusStyle(e.kind)
		var wrapped []string
		for _, l := range strings.Split(e.text, "\n") {
			wrapped = append(wrapped, strings.Split(ansi.Wrap(panes.Sanitize(l), textW, " "), "\n")...)
		}
		for j, w := range wrapped {
			prefix := strings.Repeat(" ", len(stamp)+1)
			if j == 0 {
				prefix = m.styles.Muted.Render(e.at.Format(stamp)) + " "
			}
			lines = append(lines, prefix+st.Render(w))
		}
	}
	room := max(height-2, 1)
	m.modal.cursor = min(m.modal.cursor, max(len(lines)-room, 0))
	lines = lines[m.modal.cursor:min(m.modal.cursor+room, len(lines))]
	keys := m.keys.Trades
	closing := m.keys.Dialog.Cancel
	closing.SetHelp(closing.Help().Key, "close")
	return append(lines, "", m.helpLine([]key.Binding{keys.Down, keys.Up, closing}))
}

// historyTitle names the history and how many messages it holds.
func (m *Model) historyTitle() string {
	return fmt.Sprintf("Messages (%d, newest first)", len(m.history))
}

// handleHistoryKey scrolls the history or the alert list, or closes it
// (its own key, toggle, closes it too).
func (m *Model) handleHistoryKey(k tea.KeyMsg, toggle key.Binding) tea.Cmd {
	nav, d := m.keys.Trades.NavKeys, m.keys.Dialog
	page := max(m.height-6, 1)
	switch {
	case key.Matches(k, d.Cancel, d.Confirm, toggle, m.keys.Global.Quit):
		m.modal = modal{}
	case key.Matches(k, nav.Down):
		m.modal.cursor++
	case key.Matches(k, nav.Up):
		m.modal.cursor = max(m.modal.cursor-1, 0)
	case key.Matches(k, nav.PageDown):
		m.modal.cursor += page
	case key.Matches(k, nav.PageUp):
		m.modal.cursor = max(m.modal.cursor-page, 0)
	case key.Matches(k, nav.Top):
		m.modal.cursor = 0
	case key.Matches(k, nav.Bottom):
		m.modal.cursor = historyLen * 10 // clamped to the end when drawn
	}
	return nil
}
