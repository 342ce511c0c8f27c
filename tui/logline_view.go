package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// logLineView is one log line shown in full, scrolled by scroll lines.
type logLineView struct {
	row    apiclient.LogRow
	scroll int
}

// openLogLine shows row in full.
func (m *Model) openLogLine(row apiclient.LogRow) {
	m.modal = modal{kind: modalLogLine, logLine: &logLineView{row: row}}
}

// handleLogLineKey scrolls a long line with the logs pane's keys and closes
// on the dialog's keys, the read key or help.
func (m *Model) handleLogLineKey(k tea.KeyMsg) tea.Cmd {
	v := m.modal.logLine
	nav := m.keys.Logs.NavKeys
	d := m.keys.Dialog
	total := len(m.logLineText(m.boxInner(m.width)))
	page := max(m.logLineRows(), 1)
	if delta, ok := nav.Scroll(k, page); ok {
		v.scroll += delta
	}
	switch {
	case key.Matches(k, nav.Top):
		v.scroll = 0
	case key.Matches(k, nav.Bottom):
		v.scroll = total
	case key.Matches(k, d.Cancel, d.Confirm, m.keys.Logs.Read, m.keys.Global.Help):
		m.modal = modal{}
		return nil
	}
	v.scroll = max(min(v.scroll, total-page), 0)
	return nil
}

// logLineRows is how many lines of the message the box shows: the screen
// less the border, the header lines and the key line.
func (m *Model) logLineRows() int { return m.height - 2 - 6 }

// logLineText is the row's message wrapped to width, every line of it.
func (m *Model) logLineText(width int) []string {
	msg := strings.ReplaceAll(m.modal.logLine.row.Message, "\r\n", "\n")
	var out []string
	for _, line := range strings.Split(msg, "\n") {
		wrapped := ansi.Wrap(panes.Sanitize(line), max(width, 10), " ,;:/")
		out = append(out, strings.Split(wrapped, "\n")...)
	}
	return out
}

// logLineBody renders the row: time, level and logger, then the visible
// part of the message and the keys.
func (m *Model) logLineBody(width int) []string {
	st := m.styles
	row := m.modal.logLine.row
	lines := []string{
		st.Muted.Render("Time  ") + " " + panes.Sanitize(row.Date),
		st.Muted.Render("Level ") + " " + st.LevelStyle(row.Level).Render(panes.Sanitize(row.Level)),
		st.Muted.Render("Logger") + " " + panes.Truncate(panes.Sanitize(row.Logger), width-7),
		"",
	}
	text := m.logLineText(width)
	from := m.modal.logLine.scroll
	to := min(from+max(m.logLineRows(), 1), len(text))
	lines = append(lines, text[from:to]...)
	nav := m.keys.Logs.NavKeys
	closeView := m.keys.Dialog.Cancel
	closeView.SetHelp(closeView.Help().Key, "close")
	bindings := []key.Binding{closeView}
	if len(text) > to-from {
		bindings = append(bindings, nav.Up, nav.Down)
	}
	return append(lines, "", m.helpLine(bindings))
}
