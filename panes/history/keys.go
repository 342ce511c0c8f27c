package history

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/panes"
)

// KeyMap holds the closed-trades pane's bindings: the shared navigation
// keys, the detail, and the filters. Inside the pair filter's box only
// Apply and Clear act, so Apply may share its key with Detail; it is not
// listed in Named, which would reject the shared key.
type KeyMap struct {
	panes.NavKeys
	Detail     key.Binding
	FilterPair key.Binding
	ExitReason key.Binding
	Apply      key.Binding
	Clear      key.Binding
}

// DefaultKeyMap returns a new KeyMap with the default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NavKeys:    panes.DefaultNavKeys(),
		Detail:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "trade detail")),
		FilterPair: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter by pair")),
		ExitReason: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "next exit reason filter")),
		Apply:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply filter")),
		Clear:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filters")),
	}
}

// Named returns the bindings by action name, for rebinding from the
// [keys.history] config; each Binding points into k.
func (k *KeyMap) Named() []panes.NamedBinding {
	return append(k.NavKeys.Named(),
		panes.NamedBinding{Name: "detail", Binding: &k.Detail},
		panes.NamedBinding{Name: "filter_pair", Binding: &k.FilterPair},
		panes.NamedBinding{Name: "filter_exit_reason", Binding: &k.ExitReason},
		panes.NamedBinding{Name: "clear_filters", Binding: &k.Clear},
	)
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Detail, k.FilterPair, k.ExitReason, k.Clear}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.NavKeys.Help(), {k.Detail, k.FilterPair, k.ExitReason, k.Clear}}
}
