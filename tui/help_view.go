package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/panes/trades"
)

// helpSection is a titled list of bindings.
type helpSection struct {
	title    string
	bindings []key.Binding
}

// helpSections composes the help: the focused pane's keys, the global keys
// and the dialog keys, all from the keymap.
func (m *Model) helpSections() []helpSection {
	pane := m.focusedPane()
	flat := func(groups [][]key.Binding) []key.Binding {
		var out []key.Binding
		for _, g := range groups {
			for _, b := range g {
				if b.Enabled() {
					out = append(out, b)
				}
			}
		}
		return out
	}
	return []helpSection{
		{pane.Title(), flat(pane.FullHelp())},
		{"Global", flat(m.keys.Global.FullHelp())},
		{"Dialogs", flat(m.keys.Dialog.FullHelp())},
	}
}

// helpBody flows the help sections into as many columns as the height
// needs, within width.
func (m *Model) helpBody(width, height int) []string {
	st := m.styles
	sections := m.helpSections()
	var cells []string
	keyW := 0
	for _, s := range sections {
		for _, b := range s.bindings {
			keyW = max(keyW, ansi.StringWidth(b.Help().Key))
		}
	}
	for _, s := range sections {
		if len(cells) > 0 {
			cells = append(cells, "")
		}
		cells = append(cells, st.Dialog.Title.Render(s.title))
		for _, b := range s.bindings {
			k := b.Help().Key
			cells = append(cells, st.Help.Key.Render(k)+strings.Repeat(" ", keyW-ansi.StringWidth(k)+1)+st.Help.Desc.Render(b.Help().Desc))
		}
	}
	return m.flowHelp(cells, width, height)
}

// helpGap separates the help's columns.
const helpGap = "   "

// flowHelp flows cells into as few rows as the columns that fit in width
// allow, at most height rows; when they do not fit, the rows scroll with
// the modal's cursor and a key line says how.
func (m *Model) flowHelp(cells []string, width, height int) []string {
	colW := 0
	for _, c := range cells {
		colW = max(colW, ansi.StringWidth(c))
	}
	fit := max((width+len(helpGap))/(colW+len(helpGap)), 1)
	rows := max(height, 1)
	cols := min(max((len(cells)+rows-1)/rows, 1), fit)
	rows = (len(cells) + cols - 1) / cols
	lines := make([]string, rows)
	for i, c := range cells {
		r := i % rows
		if i/rows > 0 {
			lines[r] += helpGap
		}
		if i/rows < cols-1 {
			c = panes.Fit(c, colW)
		}
		lines[r] += c
	}
	for i := range lines {
		lines[i] = panes.Truncate(lines[i], width)
	}
	if rows <= height {
		return lines
	}
	room := max(height-2, 1)
	m.modal.cursor = min(m.modal.cursor, rows-room)
	nav := m.keys.Trades.NavKeys
	closing := m.keys.Dialog.Cancel
	closing.SetHelp(closing.Help().Key, "close")
	return append(lines[m.modal.cursor:m.modal.cursor+room], "", m.helpLine([]key.Binding{nav.Down, nav.Up, closing}))
}

// botListBody lists every bot with its state and connection.
func (m *Model) botListBody() []string {
	now := m.now()
	lines := make([]string, 0, len(m.bots)+2)
	for i, b := range m.bots {
		marker := "  "
		if i == m.modal.cursor {
			marker = "› "
		}
		c := b.feed.Conn(now)
		conn := c.Text(now)
		state := b.feed.State()
		if state == "" {
			state = "?"
		}
		line := fmt.Sprintf("%s%d %-16s %-8s %s", marker, i+1, panes.Truncate(panes.Sanitize(b.displayName()), 16), state, conn)
		if ago := c.Ago(now); ago != "" {
			line += "  " + ago
		}
		if i == m.modal.cursor {
			line = m.styles.Table.Selected.Render(line)
		}
		lines = append(lines, line)
	}
	// Relabel copies of the dialog bindings for this list.
	d := m.keys.Dialog
	pick, closeList, move := d.Confirm, d.Cancel, d.NextField
	pick.SetHelp(d.Confirm.Help().Key, "switch to bot")
	closeList.SetHelp(d.Cancel.Help().Key, "close")
	move.SetHelp(d.NextField.Help().Key, "move")
	return append(lines, "", m.helpLine([]key.Binding{pick, closeList, move}))
}

// detailBody shows one trade.
func (m *Model) detailBody() []string {
	b := m.bots[m.modal.bot]
	t := latestTrade(b, m.modal.trade)
	st := m.styles
	rows := tradeLines(b, t)
	rows = append(rows,
		[2]string{"Opened", fmt.Sprintf("%s (%s ago)", t.OpenDate, trades.Duration(t, m.now()))},
		[2]string{"Open rate", panes.FormatPrice(t.OpenRate)},
	)
	if t.StopLossAbs != nil {
		rows = append(rows, [2]string{"Stoploss", panes.FormatPrice(*t.StopLossAbs)})
	}
	if t.EnterTag != nil {
		rows = append(rows, [2]string{"Enter tag", *t.EnterTag})
	}
	var lines []string
	for _, r := range rows {
		lines = append(lines, st.Muted.Render(fmt.Sprintf("%-10s", r[0]))+" "+panes.Sanitize(r[1]))
	}
	if len(t.Orders) > 0 {
		lines = append(lines, "", st.Dialog.Title.Render("Orders"))
		for _, o := range t.Orders {
			lines = append(lines, orderLine(o))
		}
	}
	d := m.keys.Dialog
	return append(lines, "", m.helpLine([]key.Binding{d.Cancel}))
}

// orderLine renders one order of a trade.
func orderLine(o apiclient.Order) string {
	return fmt.Sprintf("%-4s %-6s %-8s %s @ %s", o.FtOrderSide, o.OrderType, o.Status,
		formatAmount(o.Amount), panes.FormatPrice(o.SafePrice))
}
