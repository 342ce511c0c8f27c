package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/panes"
)

// rowState is where one bot of an action on several bots stands.
type rowState int

const (
	rowSkipped rowState = iota
	rowSent
	rowDone
	rowRefused
	rowNotSent
	rowUnknown
)

// String is the state as the result table writes it.
func (s rowState) String() string {
	switch s {
	case rowSkipped:
		return "skipped"
	case rowSent:
		return "sent"
	case rowDone:
		return "done"
	case rowRefused:
		return "refused"
	case rowNotSent:
		return "not sent"
	case rowUnknown:
		return "unknown"
	}
	return "?"
}

// stateOf is the row state of an outcome.
func stateOf(o action.Outcome) rowState {
	switch o {
	case action.Done:
		return rowDone
	case action.Refused:
		return rowRefused
	case action.NotSent:
		return rowNotSent
	case action.Unknown:
	}
	return rowUnknown
}

// fleetRow is one bot's line of the result table.
type fleetRow struct {
	bot     int
	name    string
	what    string
	request string // the request id, "" when skipped
	state   rowState
	text    string
	// reconciled marks an outcome found from the bot's state after it was
	// unknown.
	reconciled bool
}

// fleetBatch is the last action sent to several bots: its batch id (on
// every audit line of it) and each bot's outcome.
type fleetBatch struct {
	id    string
	title string
	rows  []fleetRow
}

// fleetTitle names the result table: the action, the batch id and what is
// still under way.
func (m *Model) fleetTitle() string {
	fb := m.batch
	counts := map[rowState]int{}
	for _, r := range fb.rows {
		counts[r.state]++
	}
	var parts []string
	for _, s := range []rowState{rowDone, rowRefused, rowNotSent, rowUnknown, rowSent, rowSkipped} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	return fmt.Sprintf("%s · batch %s · %s", fb.title, fb.id, strings.Join(parts, ", "))
}

// fleetBody is the result table: each bot, its outcome and the bot's words
// (or why it was skipped), wrapped to width.
func (m *Model) fleetBody(width int) []string {
	st := m.styles
	nameW := 0
	for _, r := range m.batch.rows {
		nameW = max(nameW, panes.Width(panes.Sanitize(r.name)))
	}
	nameW = min(nameW, 20)
	rows := m.batch.rows
	var lines []string
	if len(rows)+3 > m.height-2 {
		// Too many bots for the terminal: the bots done are named on one
		// line, and every other outcome keeps its row.
		var done []string
		rows = nil
		for _, r := range m.batch.rows {
			if r.state == rowDone && !r.reconciled {
				done = append(done, panes.Sanitize(r.name))
			} else {
				rows = append(rows, r)
			}
		}
		if len(done) > 0 {
			lines = append(lines, ansi.Truncate(fmt.Sprintf("%d done: %s", len(done), strings.Join(done, ", ")), width, "…"))
		}
	}
	for _, r := range rows {
		word := r.state.String()
		if r.reconciled {
			word += " (checked)"
		}
		text := r.text
		if r.state == rowSent {
			text = r.what
		}
		head := panes.Fit(panes.Sanitize(r.name), nameW) + "  " + m.rowStyle(r.state).Render(fmt.Sprintf("%-17s", word))
		rest := max(width-nameW-2-17-1, 10)
		for i, l := range strings.Split(ansi.Wrap(panes.Sanitize(text), rest, " "), "\n") {
			if i > 0 {
				head = strings.Repeat(" ", nameW+2+17)
			}
			lines = append(lines, head+" "+st.Text.Render(l))
		}
	}
	closing := m.keys.Dialog.Cancel
	closing.SetHelp(closing.Help().Key, "close")
	return append(lines, "", st.Muted.Render("Each bot's lines are in the audit log under batch "+m.batch.id+"."),
		m.helpLine([]key.Binding{closing}))
}

// rowStyle colours an outcome.
func (m *Model) rowStyle(s rowState) lipgloss.Style {
	switch s {
	case rowDone:
		return m.styles.Profit
	case rowRefused, rowNotSent:
		return m.styles.Error
	case rowUnknown, rowSent:
		return m.styles.Warning
	case rowSkipped:
	}
	return m.styles.Muted
}

// handleFleetKey closes the result table.
func (m *Model) handleFleetKey(k tea.KeyMsg) tea.Cmd {
	d := m.keys.Dialog
	if key.Matches(k, d.Cancel, d.Confirm) {
		m.modal = modal{}
	}
	return nil
}
