package locks

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/panes"
)

// KeyMap holds the locks pane's bindings: the shared navigation keys (no
// paging) and the lock actions.
type KeyMap struct {
	panes.NavKeys
	Add    key.Binding
	Delete key.Binding
}

// DefaultKeyMap returns a new KeyMap with the default keys of DESIGN.md.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NavKeys: panes.DefaultNavKeys().WithoutPaging(),
		Add:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add lock")),
		Delete:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete lock")),
	}
}

// Named returns the bindings by action name, for rebinding from the
// [keys.locks] config; each Binding points into k.
func (k *KeyMap) Named() []panes.NamedBinding {
	return append(k.NavKeys.Named(),
		panes.NamedBinding{Name: "add", Binding: &k.Add},
		panes.NamedBinding{Name: "delete", Binding: &k.Delete},
	)
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Add, k.Delete} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.NavKeys.Help(), {k.Add, k.Delete}}
}
