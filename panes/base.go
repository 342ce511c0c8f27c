package panes

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Base is what every pane keeps the same way: the Common, the help of its
// key map, its size and its focus. A pane embeds it for Init, HandleKey,
// Focus, Blur, Capturing and the help methods, adds Update, View, SetSize and
// Title, and overrides any of the others it does differently.
type Base struct {
	common  Common
	help    help.KeyMap
	width   int
	height  int
	focused bool
	health  HealthMsg
}

// NewBase returns the Base of a pane built from c whose help comes from
// keys.
func NewBase(c Common, keys help.KeyMap) Base {
	return Base{common: c, help: keys}
}

// Init implements Pane; panes start without a command.
func (b *Base) Init() tea.Cmd { return nil }

// Focus implements Pane.
func (b *Base) Focus() { b.focused = true }

// Blur implements Pane.
func (b *Base) Blur() { b.focused = false }

// HandleKey implements Pane; a pane without keys answers none.
func (b *Base) HandleKey(tea.KeyMsg) (Intent, tea.Cmd) { return nil, nil }

// Capturing implements Pane; a pane takes no typed text unless it says so.
func (b *Base) Capturing() bool { return false }

// ShortHelp implements help.KeyMap from the pane's key map.
func (b *Base) ShortHelp() []key.Binding { return b.help.ShortHelp() }

// FullHelp implements help.KeyMap from the pane's key map.
func (b *Base) FullHelp() [][]key.Binding { return b.help.FullHelp() }

// Styles returns the pane's styles, built once from the theme.
func (b *Base) Styles() *Styles { return &b.common.Styles }

// Now reads the Common clock, falling back to the wall clock.
func (b *Base) Now() time.Time {
	if b.common.Now == nil {
		return time.Now()
	}
	return b.common.Now()
}

// Resize records the outer size and reports whether it changed; a pane's
// SetSize calls it and re-lays itself out only on true.
func (b *Base) Resize(width, height int) bool {
	if width == b.width && height == b.height {
		return false
	}
	b.width, b.height = width, height
	return true
}

// Inner returns the size inside the border.
func (b *Base) Inner() (width, height int) {
	return max(b.width-2, 0), max(b.height-2, 0)
}

// Frame draws body inside the pane's border, titled (and marked stale, see
// SetHealth), at its size and focus.
func (b *Base) Frame(title, body string) string {
	return Frame(b.common.Styles, b.markStale(title), b.focused, b.width, b.height, body)
}

// FrameLines draws lines, each already fitted to the inner width, inside
// the pane's border, titled (and marked stale), at its size and focus.
func (b *Base) FrameLines(title string, lines []string) string {
	return FrameFitted(b.common.Styles, b.markStale(title), b.focused, b.width, b.height, lines)
}

// SetHealth records how far the pane's data can be trusted (a pane's
// Update calls it with each HealthMsg).
func (b *Base) SetHealth(h HealthMsg) { b.health = h }

// Health returns what SetHealth recorded.
func (b *Base) Health() HealthMsg { return b.health }

// markStale adds "stale 12s" to the title of stale data: it comes first
// when the title is cut to fit.
func (b *Base) markStale(title string) string {
	switch {
	case !b.health.Stale:
		return title
	case b.health.Answered:
		return "stale " + FormatAge(b.health.Age) + " · " + title
	default:
		return "stale · " + title
	}
}

// NoData is the body of a pane that never had data, in lines fitted to
// width: what is wrong (Problem), wrapped so nothing is cut, or that the
// first answer is awaited.
func (b *Base) NoData(width int) []string {
	text, st := "Waiting for data…", b.common.Styles.Muted
	if b.health.Problem != "" {
		text, st = Sanitize(b.health.Problem), b.common.Styles.Error
	}
	lines := strings.Split(ansi.Wrap(text, max(width-1, 1), " "), "\n")
	for i, l := range lines {
		lines[i] = Fit(st.Render(" "+l), width)
	}
	return lines
}
