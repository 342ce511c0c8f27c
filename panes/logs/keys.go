package logs

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/panes"
)

// KeyMap holds the logs pane's bindings. Apply and Clear also act inside
// the search box.
type KeyMap struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Follow   key.Binding
	Level    key.Binding
	Search   key.Binding
	Apply    key.Binding
	Clear    key.Binding
	Next     key.Binding
	Prev     key.Binding
}

// DefaultKeyMap returns a new KeyMap with the default keys of DESIGN.md.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "scroll up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "scroll down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom + follow")),
		Follow:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "follow on/off")),
		Level:    key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "min level")),
		Search:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Apply:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply search")),
		Clear:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear search")),
		Next:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "newer match")),
		Prev:     key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "older match")),
	}
}

// Named returns the bindings by action name, for rebinding from the
// [keys.logs] config; each Binding points into k.
func (k *KeyMap) Named() []panes.NamedBinding {
	return []panes.NamedBinding{
		{Name: "up", Binding: &k.Up},
		{Name: "down", Binding: &k.Down},
		{Name: "page_up", Binding: &k.PageUp},
		{Name: "page_down", Binding: &k.PageDown},
		{Name: "top", Binding: &k.Top},
		{Name: "bottom", Binding: &k.Bottom},
		{Name: "follow", Binding: &k.Follow},
		{Name: "level", Binding: &k.Level},
		{Name: "search", Binding: &k.Search},
		{Name: "apply_search", Binding: &k.Apply},
		{Name: "clear_search", Binding: &k.Clear},
		{Name: "next_match", Binding: &k.Next},
		{Name: "prev_match", Binding: &k.Prev},
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Follow, k.Search, k.Level, k.Bottom}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Follow, k.Level, k.Search, k.Next, k.Prev, k.Clear},
	}
}
