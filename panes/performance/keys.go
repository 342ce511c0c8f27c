package performance

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/panes"
)

// KeyMap holds the performance pane's bindings: the shared navigation keys,
// the grouping and the sort.
type KeyMap struct {
	panes.NavKeys
	Group   key.Binding
	Sort    key.Binding
	Reverse key.Binding
}

// DefaultKeyMap returns a new KeyMap with the default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NavKeys: panes.DefaultNavKeys(),
		Group:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "pairs/entries/exits/mix")),
		Sort:    key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "sort by next column")),
		Reverse: key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "reverse the sort")),
	}
}

// Named returns the bindings by action name, for rebinding from the
// [keys.performance] config; each Binding points into k.
func (k *KeyMap) Named() []panes.NamedBinding {
	return append(k.NavKeys.Named(),
		panes.NamedBinding{Name: "group", Binding: &k.Group},
		panes.NamedBinding{Name: "sort", Binding: &k.Sort},
		panes.NamedBinding{Name: "reverse", Binding: &k.Reverse},
	)
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Group, k.Sort, k.Reverse} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.NavKeys.Help(), {k.Group, k.Sort, k.Reverse}}
}
