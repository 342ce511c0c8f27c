package locks

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/panes"
)

// KeyMap holds the locks pane's bindings.
type KeyMap struct {
	Up     key.Binding
	Down   key.Binding
	Top    key.Binding
	Bottom key.Binding
	Add    key.Binding
	Delete key.Binding
}

// DefaultKeyMap returns a new KeyMap with the default keys of DESIGN.md.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:     key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Top:    key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "first")),
		Bottom: key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "last")),
		Add:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add lock")),
		Delete: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete lock")),
	}
}

// Named returns the bindings by action name, for rebinding from the
// [keys.locks] config; each Binding points into k.
func (k *KeyMap) Named() []panes.NamedBinding {
	return []panes.NamedBinding{
		{Name: "up", Binding: &k.Up},
		{Name: "down", Binding: &k.Down},
		{Name: "top", Binding: &k.Top},
		{Name: "bottom", Binding: &k.Bottom},
		{Name: "add", Binding: &k.Add},
		{Name: "delete", Binding: &k.Delete},
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Add, k.Delete} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {k.Add, k.Delete}}
}
