package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/tui/feed"
	"github.com/freqdeck/freqdeck/tui/layout"
)

// statusPart is one piece of the status bar's left side; when the line is
// too narrow, the lowest keep goes first. A part kept at least shrinkKeep
// (the connection's state) is cut to the room left instead of dropped, while
// at least minShrunk columns of it fit.
type statusPart struct {
	text string
	keep int
}

const (
	// shrinkKeep is the keep from which a part is cut rather than dropped.
	shrinkKeep = 8
	// minShrunk is the fewest columns a part is cut to.
	minShrunk = 12
)

// statusBar renders the bottom line: which bot (and which of how many),
// its state, dry or live, the connection, how fresh the data is, and the
// last action's result or notice. When it does not fit, the least useful
// parts are dropped before the message is cut.
func (m *Model) statusBar(width int) string {
	st := m.styles
	bar := st.StatusBar
	b := m.activeBot()
	now := m.now()

	name := b.displayName()
	if len(m.bots) > 1 {
		name = fmt.Sprintf("[%d/%d] %s", m.active+1, len(m.bots), name)
	}
	parts := []statusPart{{bar.Key.Render(" " + name), 9}}
	if m.screen != layout.TradeDesk {
		parts = append(parts, statusPart{bar.Key.Render(screenName(m.screen)), 8})
	}
	if s := b.feed.State(); s != "" {
		parts = append(parts, statusPart{onBar(st.StateStyle(s), bar).Render("● " + s), 6})
	}
	if cfg := b.config(); cfg != nil {
		mode := statusPart{onBar(st.Mode.DryRun, bar).Render("dry"), 3}
		if !cfg.DryRun {
			mode = statusPart{onBar(st.Mode.Live, bar).Render("LIVE"), 7}
		}
		parts = append(parts, mode)
	}
	c := b.feed.Conn(now)
	connAt := len(parts)
	parts = append(parts, statusPart{onBar(m.connStyle(c.State), bar).Render(c.Text(now)), essentialKeep})
	if ago := c.Ago(now); ago != "" {
		parts = append(parts, statusPart{bar.Value.Render(ago), 1})
	}
	if c.CanPrompt {
		k := m.keys.Global.Password.Help()
		parts = append(parts, statusPart{bar.Key.Render(k.Key) + bar.Value.Render(" "+k.Desc), 5})
	}
	if b.cfg.ReadOnly {
		parts = append(parts, statusPart{bar.Value.Render("read-only"), 2})
	}
	if n := len(b.checks); n > 0 {
		parts = append(parts, statusPart{onBar(st.Warning, bar).Render(fmt.Sprintf("checking %s", plural(n, "action", "actions"))), 5})
	}
	if unread := m.unreadAlerts(); unread != "" {
		parts = append(parts, statusPart{onBar(st.Warning, bar).Render(unread), 5})
	}
	if others := m.othersDown(); others != "" {
		parts = append(parts, statusPart{onBar(st.Warning, bar).Render(others), 4})
	}
	sep := bar.Value.Render(" · ")
	room := width - essentialWidth(parts, sep)
	msg := m.statusText()
	switch {
	case msg == "":
		// The help hint is the first to go: a long connection state (an
		// SSH link's reason) is then cut, not shrunk to one word.
		if hint := bar.Value.Render(" │ " + m.keys.Global.Help.Help().Key + " help"); ansi.StringWidth(hint) <= room {
			msg = hint
		}
	default:
		// The name, the screen and the connection state stay beside a
		// long message: the state in one word, then the message cut (m
		// shows it in full).
		msg = bar.Value.Render(" │ ") + msg
		if ansi.StringWidth(msg) > room {
			parts[connAt].text = onBar(m.connStyle(c.State), bar).Render(c.State.String())
			if room := max(width-essentialWidth(parts, sep), 0); ansi.StringWidth(msg) > room {
				msg = ansi.Truncate(msg, room, "…")
			}
		}
	}
	return bar.Bar.Render(panes.Fit(fitParts(parts, sep, width-ansi.StringWidth(msg))+msg, width))
}

// essentialKeep is the least keep of the parts a message never pushes out.
const essentialKeep = 8

// essentialWidth is the width of the parts kept at essentialKeep or more,
// joined with sep.
func essentialWidth(parts []statusPart, sep string) int {
	w, n := 0, 0
	for _, p := range parts {
		if p.keep >= essentialKeep {
			w += ansi.StringWidth(p.text)
			n++
		}
	}
	return w + max(n-1, 0)*ansi.StringWidth(sep)
}

// fitParts joins parts with sep, dropping the lowest keep first until the
// result fits in room (the first part always stays). A part kept at least
// shrinkKeep that is next in line is cut to fit rather than dropped.
func fitParts(parts []statusPart, sep string, room int) string {
	parts = append([]statusPart(nil), parts...)
	for {
		joined := make([]string, len(parts))
		for i, p := range parts {
			joined[i] = p.text
		}
		line := strings.Join(joined, sep)
		if len(parts) <= 1 || ansi.StringWidth(line) <= room {
			return line
		}
		low := 1
		for i := 2; i < len(parts); i++ {
			if parts[i].keep < parts[low].keep {
				low = i
			}
		}
		if p := parts[low]; p.keep >= shrinkKeep {
			if w := ansi.StringWidth(p.text) - (ansi.StringWidth(line) - room); w >= minShrunk {
				parts[low].text = ansi.Truncate(p.text, w, "…")
				continue
			}
		}
		parts = append(parts[:low:low], parts[low+1:]...)
	}
}

// onBar keeps a style's foreground on the status bar's background.
func onBar(s lipgloss.Style, bar panes.StatusBarStyles) lipgloss.Style {
	return s.Background(bar.Bar.GetBackground())
}

// connStyle colours a connection state.
func (m *Model) connStyle(k feed.ConnState) lipgloss.Style {
	switch k {
	case feed.Online:
		return m.styles.Profit
	case feed.Connecting, feed.Stale:
		return m.styles.Warning
	case feed.Offline, feed.AuthFailed, feed.Failing, feed.NoSecret:
		return m.styles.Error
	}
	return m.styles.Text
}

// statusText renders the status message in its colour.
func (m *Model) statusText() string {
	if m.status.text == "" {
		return ""
	}
	return onBar(m.statusStyle(m.status.kind), m.styles.StatusBar).Render(panes.Sanitize(m.status.text))
}

// statusStyle colours a status message of kind k.
func (m *Model) statusStyle(k statusKind) lipgloss.Style {
	switch k {
	case statusError:
		return m.styles.Error
	case statusOK:
		return m.styles.Profit
	case statusBusy, statusPending:
		return m.styles.Warning
	case statusInfo:
	}
	return m.styles.Info
}

// othersDown says how many other bots have a problem, so an outage of a bot
// that is not shown is not missed.
func (m *Model) othersDown() string {
	n := 0
	for i, b := range m.bots {
		if i == m.active {
			continue
		}
		if b.feed.Conn(m.now()).State.Down() {
			n++
		}
	}
	switch n {
	case 0:
		return ""
	case 1:
		return "1 other bot down"
	}
	return fmt.Sprintf("%d other bots down", n)
}
