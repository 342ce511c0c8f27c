package trades

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/panes"
)

// KeyMap holds the open-trades pane's bindings: the shared navigation keys
// and the trade actions.
type KeyMap struct {
	panes.NavKeys
	Detail       key.Binding
	ForceExit    key.Binding
	ForceExitAll key.Binding
	ForceEnter   key.Binding
	Lock         key.Binding
	CancelOrder  key.Binding
	DeleteTrade  key.Binding
}

// DefaultKeyMap returns a new KeyMap with the default keys of DESIGN.md.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NavKeys:      panes.DefaultNavKeys(),
		Detail:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "detail")),
		ForceExit:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "force exit")),
		ForceExitAll: key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "exit all")),
		ForceEnter:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "force enter")),
		Lock:         key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "lock pair")),
		CancelOrder:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "cancel order")),
		DeleteTrade:  key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delete trade")),
	}
}

// Named returns the bindings by action name, for rebinding from the
// [keys.trades] config; each Binding points into k.
func (k *KeyMap) Named() []panes.NamedBinding {
	return append(k.NavKeys.Named(),
		panes.NamedBinding{Name: "detail", Binding: &k.Detail},
		panes.NamedBinding{Name: "force_exit", Binding: &k.ForceExit},
		panes.NamedBinding{Name: "force_exit_all", Binding: &k.ForceExitAll},
		panes.NamedBinding{Name: "force_enter", Binding: &k.ForceEnter},
		panes.NamedBinding{Name: "lock", Binding: &k.Lock},
		panes.NamedBinding{Name: "cancel_order", Binding: &k.CancelOrder},
		panes.NamedBinding{Name: "delete_trade", Binding: &k.DeleteTrade},
	)
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.ForceExit, k.ForceEnter, k.Lock, k.Detail}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		k.NavKeys.Help(),
		{k.Detail, k.ForceExit, k.ForceExitAll, k.ForceEnter},
		{k.Lock, k.CancelOrder, k.DeleteTrade},
	}
}
