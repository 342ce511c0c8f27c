package chart

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/panes"
)

// KeyMap holds the chart pane's bindings: the next and previous pair.
type KeyMap struct {
	NextPair key.Binding
	PrevPair key.Binding
}

// DefaultKeyMap returns a new KeyMap with the default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NextPair: key.NewBinding(key.WithKeys("n", "right"), key.WithHelp("n/→", "next pair")),
		PrevPair: key.NewBinding(key.WithKeys("N", "left"), key.WithHelp("N/←", "previous pair")),
	}
}

// Named returns the bindings by action name, for rebinding from the
// [keys.chart] config; each Binding points into k.
func (k *KeyMap) Named() []panes.NamedBinding {
	return []panes.NamedBinding{
		{Name: "next_pair", Binding: &k.NextPair},
		{Name: "prev_pair", Binding: &k.PrevPair},
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.NextPair, k.PrevPair} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.NextPair, k.PrevPair}} }
