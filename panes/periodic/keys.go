package periodic

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/panes"
)

// KeyMap holds the profit-over-time pane's bindings: the navigation keys
// (no paging), which scroll the table, and the period unit.
type KeyMap struct {
	panes.NavKeys
	Unit key.Binding
}

// DefaultKeyMap returns a new KeyMap with the default keys.
func DefaultKeyMap() KeyMap {
	nav := panes.DefaultNavKeys().WithoutPaging()
	nav.Up.SetHelp("↑/k", "scroll up")
	nav.Down.SetHelp("↓/j", "scroll down")
	return KeyMap{
		NavKeys: nav,
		Unit:    key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "day/week/month")),
	}
}

// Named returns the bindings by action name, for rebinding from the
// [keys.periodic] config; each Binding points into k.
func (k *KeyMap) Named() []panes.NamedBinding {
	return append(k.NavKeys.Named(), panes.NamedBinding{Name: "unit", Binding: &k.Unit})
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Unit} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.NavKeys.Help(), {k.Unit}} }
