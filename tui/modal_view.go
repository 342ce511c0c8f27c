package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/freqdeck/freqdeck/panes"
)

// The widest a dialog gets, and the narrowest a text field is drawn.
const (
	dialogMaxWidth = 64
	fieldMinWidth  = 8
)

// modalBox renders the open overlay as lines of one width, or nil.
func (m *Model) modalBox() []string {
	switch m.modal.kind {
	case modalDialog:
		return m.box(m.modal.dialog.title, m.dialogBody(m.modal.dialog, m.boxInner(dialogMaxWidth)), dialogMaxWidth)
	case modalHelp:
		return m.box("Keys", m.helpBody(m.width-4, m.height-3), m.width)
	case modalBots:
		return m.box("Bots", m.botListBody(), dialogMaxWidth+16)
	case modalDetail:
		return m.box(fmt.Sprintf("Trade #%d", m.modal.trade.TradeID), m.detailBody(), dialogMaxWidth)
	case modalClosedDetail:
		return m.box(m.closedDetailTitle(), m.closedDetailBody(), closedDetailWidth)
	case modalHistory:
		w := min(historyWidth, m.width)
		return m.box(m.historyTitle(), m.historyBody(m.boxInner(w), m.height-2), w)
	case modalFleet:
		return m.box(m.fleetTitle(), m.fleetBody(m.boxInner(m.width)), m.width)
	case modalAlerts:
		w := min(historyWidth, m.width)
		return m.box(m.alertsTitle(), m.alertsBody(m.boxInner(w), m.height-2), w)
	case modalSecret:
		if m.modal.secret.ask != nil {
			return m.box("Passphrase", m.secretBody(m.boxInner(m.width)), m.width)
		}
		return m.box("Password", m.secretBody(m.boxInner(dialogMaxWidth)), dialogMaxWidth)
	case modalTrust:
		return m.box("Unknown SSH host key", m.trustBody(m.boxInner(m.width)), m.width)
	case modalLogLine:
		return m.box("Log line", m.logLineBody(m.boxInner(m.width)), m.width)
	case modalNone:
	}
	return nil
}

// boxInner is the text width inside a box at most maxW wide.
func (m *Model) boxInner(maxW int) int { return max(min(maxW, m.width-2)-4, 10) }

// box frames body lines in the dialog border, sized to its content, at most
// maxW wide and the terminal's height.
func (m *Model) box(title string, body []string, maxW int) []string {
	w := ansi.StringWidth(title) + 6
	for _, l := range body {
		w = max(w, ansi.StringWidth(l)+4)
	}
	w = min(w, maxW, m.width)
	h := min(len(body)+2, m.height)
	if w < 4 || h < 3 {
		return nil
	}
	s := m.dialogStyles
	padded := make([]string, len(body))
	for i, l := range body {
		padded[i] = " " + l
	}
	return strings.Split(panes.Frame(s, title, true, w, h, strings.Join(padded, "\n")), "\n")
}

// dialogBody renders a dialog's context, warning, fields, error and keys.
func (m *Model) dialogBody(d *dialog, width int) []string {
	st := m.styles
	var lines []string
	labelW := 0
	for _, l := range d.lines {
		labelW = max(labelW, len(l[0]))
	}
	for _, l := range d.lines {
		lines = append(lines, st.Muted.Render(fmt.Sprintf("%-*s", labelW, l[0]))+"  "+st.Text.Render(panes.Sanitize(l[1])))
	}
	ctx := len(lines)
	if d.warn != "" {
		lines = append(lines, "")
		for _, w := range strings.Split(ansi.Wordwrap(d.warn, width, ""), "\n") {
			lines = append(lines, st.Warning.Render(w))
		}
	}
	if len(d.fields) > 0 {
		lines = append(lines, "")
		lines = append(lines, m.fieldLines(d)...)
	}
	for _, note := range []struct {
		text  string
		style lipgloss.Style
	}{{d.changed, st.Warning}, {d.blocked, st.Error}, {d.err, st.Error}} {
		if note.text == "" {
			continue
		}
		lines = append(lines, "")
		for _, w := range strings.Split(ansi.Wordwrap(note.text, width, ""), "\n") {
			lines = append(lines, note.style.Render(w))
		}
	}
	lines = append(lines, "", m.dialogKeysLine(d))
	return m.fitContext(lines, ctx)
}

// fitContext shortens the first ctx lines of a dialog's body (its context:
// twenty bots of a fleet action) when the body is taller than the terminal,
// so that its warning, fields and keys stay in sight: the lines cut are
// counted in one line ("… and 12 more").
func (m *Model) fitContext(lines []string, ctx int) []string {
	over := len(lines) - (m.height - 2)
	if over <= 0 || ctx < 2 {
		return lines
	}
	keep := max(ctx-over-1, 1)
	more := m.styles.Muted.Render(fmt.Sprintf("… and %d more", ctx-keep))
	return append(append(lines[:keep:keep], more), lines[ctx:]...)
}

// fieldLines renders the visible fields, the focused one marked.
func (m *Model) fieldLines(d *dialog) []string {
	st := m.styles
	labelW := 0
	for _, f := range d.fields {
		labelW = max(labelW, len(f.label))
	}
	var lines []string
	for i := range d.fields {
		if !d.visible(i) {
			continue
		}
		f := &d.fields[i]
		focused := i == d.focus
		marker := "  "
		if focused {
			marker = "› "
		}
		line := marker + fmt.Sprintf("%-*s", labelW, f.label) + "  " + m.fieldValue(f, focused)
		if f.hint != "" {
			line += "  " + st.Muted.Render(f.hint)
		}
		lines = append(lines, line)
	}
	return lines
}

// fieldValue renders one field's value: choices with the chosen one
// bracketed, text with a cursor when focused.
func (m *Model) fieldValue(f *field, focused bool) string {
	st := m.styles
	switch f.kind {
	case fieldChoice:
		parts := make([]string, len(f.choices))
		for i, c := range f.choices {
			if i == f.choice {
				parts[i] = st.Table.Selected.Render("[" + c + "]")
			} else {
				parts[i] = st.Muted.Render(" " + c + " ")
			}
		}
		return strings.Join(parts, " ")
	case fieldFixed:
		return st.Text.Render(panes.Sanitize(string(f.value)))
	case fieldText, fieldNumber:
	}
	v := panes.Sanitize(string(f.value))
	if focused {
		v += "_"
	}
	return st.Text.Render("[" + panes.Fit(v, max(ansi.StringWidth(v), fieldMinWidth)) + "]")
}

// dialogKeysLine lists the dialog's keys, from the keymap.
func (m *Model) dialogKeysLine(d *dialog) string {
	k := m.keys.Dialog
	confirm, cancel := k.Confirm, k.Cancel
	if f := d.focused(); f != nil && f.kind == fieldText {
		// Printable keys are typed here; show only the others.
		confirm.SetHelp(nonPrintable(confirm), confirm.Help().Desc)
		cancel.SetHelp(nonPrintable(cancel), cancel.Help().Desc)
	}
	bindings := []key.Binding{confirm, cancel}
	if len(d.fields) > 1 {
		bindings = append(bindings, k.NextField)
	}
	return m.helpLine(bindings)
}

// nonPrintable is the help label of a binding's non-printable keys.
func nonPrintable(b key.Binding) string {
	var keys []string
	for _, k := range b.Keys() {
		if len([]rune(k)) > 1 {
			keys = append(keys, k)
		}
	}
	return helpLabel(keys)
}

// helpLine renders bindings as "key desc · key desc".
func (m *Model) helpLine(bindings []key.Binding) string {
	st := m.styles.Help
	var parts []string
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		parts = append(parts, st.Key.Render(b.Help().Key)+" "+st.Desc.Render(b.Help().Desc))
	}
	return strings.Join(parts, st.Sep.Render(" · "))
}
