package balance

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/panes"
)

// KeyMap holds the balance pane's bindings: the navigation keys (no
// paging), which scroll the currencies.
type KeyMap struct {
	panes.NavKeys
}

// DefaultKeyMap returns a new KeyMap with the default keys.
func DefaultKeyMap() KeyMap {
	nav := panes.DefaultNavKeys().WithoutPaging()
	nav.Up.SetHelp("↑/k", "scroll up")
	nav.Down.SetHelp("↓/j", "scroll down")
	return KeyMap{NavKeys: nav}
}

// Named returns the bindings by action name, for rebinding from the
// [keys.balance] config; each Binding points into k.
func (k *KeyMap) Named() []panes.NamedBinding { return k.NavKeys.Named() }

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.NavKeys.Help()} }
