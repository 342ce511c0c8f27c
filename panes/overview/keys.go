package overview

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/panes"
)

// KeyMap holds the overview's bindings: the shared navigation keys, the
// jump to a bot's desk, the marks, the sort and the force exit of the
// marked bots. The control actions (start, stop, pause, reload) are the
// global keys, which act on the marked bots while the overview is shown.
type KeyMap struct {
	panes.NavKeys
	Open    key.Binding
	Mark    key.Binding
	MarkAll key.Binding
	Sort    key.Binding
	Reverse key.Binding
	ExitAll key.Binding
}

// DefaultKeyMap returns a new KeyMap with the default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NavKeys: panes.DefaultNavKeys(),
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "bot's trade desk")),
		Mark:    key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "mark bot")),
		MarkAll: key.NewBinding(key.WithKeys("*"), key.WithHelp("*", "mark all / none")),
		Sort:    key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "sort by next column")),
		Reverse: key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "reverse the sort")),
		ExitAll: key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "force exit all (marked bots)")),
	}
}

// Named returns the bindings by action name, for rebinding from the
// [keys.overview] config; each Binding points into k.
func (k *KeyMap) Named() []panes.NamedBinding {
	return append(k.NavKeys.Named(),
		panes.NamedBinding{Name: "open", Binding: &k.Open},
		panes.NamedBinding{Name: "mark", Binding: &k.Mark},
		panes.NamedBinding{Name: "mark_all", Binding: &k.MarkAll},
		panes.NamedBinding{Name: "sort", Binding: &k.Sort},
		panes.NamedBinding{Name: "reverse", Binding: &k.Reverse},
		panes.NamedBinding{Name: "force_exit_all", Binding: &k.ExitAll},
	)
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Mark, k.MarkAll, k.Sort}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.NavKeys.Help(), {k.Open, k.Mark, k.MarkAll, k.ExitAll}, {k.Sort, k.Reverse}}
}
