package trades

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/panes"
)

// KeyMap holds the open-trades pane's bindings.
type KeyMap struct {
	Up           key.Binding
	Down         key.Binding
	PageUp       key.Binding
	PageDown     key.Binding
	Top          key.Binding
	Bottom       key.Binding
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
		Up:           key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:         key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		PageUp:       key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:          key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "first")),
		Bottom:       key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "last")),
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
	return []panes.NamedBinding{
		{Name: "up", Binding: &k.Up},
		{Name: "down", Binding: &k.Down},
		{Name: "page_up", Binding: &k.PageUp},
		{Name: "page_down", Binding: &k.PageDown},
		{Name: "top", Binding: &k.Top},
		{Name: "bottom", Binding: &k.Bottom},
		{Name: "detail", Binding: &k.Detail},
		{Name: "force_exit", Binding: &k.ForceExit},
		{Name: "force_exit_all", Binding: &k.ForceExitAll},
		{Name: "force_enter", Binding: &k.ForceEnter},
		{Name: "lock", Binding: &k.Lock},
		{Name: "cancel_order", Binding: &k.CancelOrder},
		{Name: "delete_trade", Binding: &k.DeleteTrade},
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.ForceExit, k.ForceEnter, k.Lock, k.Detail}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Detail, k.ForceExit, k.ForceExitAll, k.ForceEnter},
		{k.Lock, k.CancelOrder, k.DeleteTrade},
	}
}
