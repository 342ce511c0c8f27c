package panes

import (
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
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

// Frame draws body inside the pane's border, titled, at its size and focus.
func (b *Base) Frame(title, body string) string {
	return Frame(b.common.Styles, title, b.focused, b.width, b.height, body)
}

// FrameLines draws lines, each already fitted to the inner width, inside
// the pane's border, titled, at its size and focus.
func (b *Base) FrameLines(title string, lines []string) string {
	return FrameFitted(b.common.Styles, title, b.focused, b.width, b.height, lines)
}
