package tui

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// statusKind colours the status bar's message.
type statusKind int

const (
	statusInfo statusKind = iota
	// statusBusy is an action being sent; its result replaces it.
	statusBusy
	statusOK
	statusError
	// statusPending is an action whose outcome is unknown and being
	// checked; it stays until the check replaces it.
	statusPending
)

// statusLine is the message on the right of the status bar: the last
// action's result, a notice from a pane or the bot.
type statusLine struct {
	text string
	kind statusKind
}

// How long a status message stays.
const (
	statusInfoFor  = 10 * time.Second
	statusErrorFor = 60 * time.Second
)

// setStatus shows a message and arms its clear timer (none while busy or
// pending: the result replaces it).
func (m *Model) setStatus(kind statusKind, text string) tea.Cmd {
	return m.setStatusFull(kind, text, text)
}

// setStatusFull shows text and keeps full, the whole message, in the
// history (unless busy: the result follows).
func (m *Model) setStatusFull(kind statusKind, text, full string) tea.Cmd {
	m.status = statusLine{text: text, kind: kind}
	m.statusTag++
	var d time.Duration
	switch kind {
	case statusBusy:
		return nil
	case statusPending:
		m.remember(kind, full)
		return nil
	case statusError:
		d = statusErrorFor
	case statusInfo, statusOK:
		d = statusInfoFor
	}
	m.remember(kind, full)
	tag := m.statusTag
	return tea.Tick(d, func(time.Time) tea.Msg { return statusClearMsg{tag: tag} })
}

// botNotice shows a bot's pushed warning or message, prefixed with its
// name when several bots are watched.
func (m *Model) botNotice(b *botState, text string) tea.Cmd {
	return m.setStatus(statusInfo, firstLine(m.botPrefix(b)+text))
}

// firstLine returns the first line of s.
func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}
