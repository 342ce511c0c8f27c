package tui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/tui/layout"
)

// View implements tea.Model: exactly the terminal's height in lines, none
// wider than its width.
func (m *Model) View() string {
	if m.state == stateStarting || m.width <= 0 || m.height <= 0 {
		return ""
	}
	lines := make([]string, 0, m.height)
	if m.layout.Mode == layout.TooSmall {
		lines = append(lines, m.tooSmall()...)
	} else {
		lines = append(lines, m.paneLines()...)
	}
	if m.layout.Status.Visible() {
		lines = append(lines, m.statusBar(m.width))
	}
	if box := m.modalBox(); box != nil {
		overlay(lines, box, m.width)
	}
	return strings.Join(lines, "\n")
}

// paneLines joins the shown bot's pane views row by row. The panes tile the
// area exactly (layout.Compute) and each view has exactly its size (the Pane
// contract), so rows are plain concatenations.
func (m *Model) paneLines() []string {
	b := m.activeBot()
	area := m.height - m.layout.Status.H
	order := leftToRight(m.layout)
	var views [layout.NumPanes][]string
	for _, i := range order {
		views[i] = strings.Split(m.paneOf(b, i).View(), "\n")
	}
	lines := make([]string, area)
	var sb strings.Builder
	for y := range area {
		if t := m.layout.Tabs; t.Visible() && y == t.Y {
			lines[y] = m.tabsLine()
			continue
		}
		sb.Reset()
		for _, i := range order {
			r := m.layout.Panes[i]
			if y < r.Y || y >= r.Y+r.H {
				continue
			}
			if row := y - r.Y; row < len(views[i]) {
				sb.WriteString(views[i][row])
			} else {
				sb.WriteString(strings.Repeat(" ", r.W))
			}
		}
		lines[y] = sb.String()
	}
	return lines
}

// leftToRight returns the visible panes ordered by their left edge, so
// that the panes covering any one screen row come left to right.
func leftToRight(l layout.Layout) []int {
	order := make([]int, 0, layout.NumPanes)
	for i, r := range l.Panes {
		if r.Visible() {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(l.Panes[a].X, l.Panes[b].X) })
	return order
}

// tooSmall fills the pane area with a note.
func (m *Model) tooSmall() []string {
	area := m.height - m.layout.Status.H
	lines := make([]string, area)
	note := fmt.Sprintf("terminal too small (%dx%d)", m.width, m.height)
	for i := range lines {
		lines[i] = panes.Fit("", m.width)
	}
	if area > 0 {
		lines[0] = panes.Fit(note, m.width)
	}
	return lines
}

// overlay draws box over lines, centred.
func overlay(lines, box []string, width int) {
	if len(box) == 0 || len(lines) == 0 {
		return
	}
	bw := ansi.StringWidth(box[0])
	x := max((width-bw)/2, 0)
	y := max((len(lines)-len(box))/2, 0)
	for i, row := range box {
		if y+i >= len(lines) {
			break
		}
		base := lines[y+i]
		left := ansi.Truncate(base, x, "")
		right := ansi.TruncateLeft(base, x+bw, "")
		lines[y+i] = left + resetIfStyled(left) + row + resetIfStyled(row) + right
	}
}

// resetIfStyled ends any style s left open, so it cannot bleed into what
// follows.
func resetIfStyled(s string) string {
	if strings.Contains(s, "\x1b[") {
		return ansi.ResetStyle
	}
	return ""
}

// ShortHelp implements help.KeyMap: the focused pane's keys, then global.
func (m *Model) ShortHelp() []key.Binding {
	pane := m.focusedPane()
	return append(pane.ShortHelp(), m.keys.Global.ShortHelp()...)
}

// FullHelp implements help.KeyMap: the focused pane's groups, then global.
func (m *Model) FullHelp() [][]key.Binding {
	pane := m.focusedPane()
	return append(pane.FullHelp(), m.keys.Global.FullHelp()...)
}
