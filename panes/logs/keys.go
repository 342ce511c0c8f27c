package logs

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/panes"
)

// KeyMap holds the logs pane's bindings: the shared navigation keys, which
// scroll here, and the follow, level and search keys. Apply and Clear also
// act inside the search box.
type KeyMap struct {
	panes.NavKeys
	Follow key.Binding
	Level  key.Binding
	Search key.Binding
	Apply  key.Binding
	Clear  key.Binding
	Next   key.Binding
	Prev   key.Binding
	// Read opens the selected line (marked ▸) in full.
	Read key.Binding
}

// DefaultKeyMap returns a new KeyMap with the default keys of DESIGN.md.
func DefaultKeyMap() KeyMap {
	nav := panes.DefaultNavKeys()
	nav.Up.SetHelp("↑/k", "scroll up")
	nav.Down.SetHelp("↓/j", "scroll down")
	nav.Top = key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top"))
	nav.Bottom = key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom + follow"))
	return KeyMap{
		NavKeys: nav,
		Follow:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "follow on/off")),
		Level:   key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "min level")),
		Search:  key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Apply:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply search")),
		Clear:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear search")),
		Next:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "newer match")),
		Prev:    key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "older match")),
		Read:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "read line in full")),
	}
}

// Named returns the bindings by action name, for rebinding from the
// [keys.logs] config; each Binding points into k.
func (k *KeyMap) Named() []panes.NamedBinding {
	return append(k.NavKeys.Named(),
		panes.NamedBinding{Name: "follow", Binding: &k.Follow},
		panes.NamedBinding{Name: "level", Binding: &k.Level},
		panes.NamedBinding{Name: "search", Binding: &k.Search},
		panes.NamedBinding{Name: "apply_search", Binding: &k.Apply},
		panes.NamedBinding{Name: "clear_search", Binding: &k.Clear},
		panes.NamedBinding{Name: "next_match", Binding: &k.Next},
		panes.NamedBinding{Name: "prev_match", Binding: &k.Prev},
		panes.NamedBinding{Name: "read_line", Binding: &k.Read},
	)
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Follow, k.Search, k.Level, k.Read, k.Bottom}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		k.NavKeys.Help(),
		{k.Follow, k.Level, k.Search, k.Next, k.Prev, k.Clear, k.Read},
	}
}
