package profit

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/panes"
)

// KeyMap holds the profit pane's bindings. The pane is read-only and has
// none today; the type keeps its constructor in line with the other panes.
type KeyMap struct{}

// DefaultKeyMap returns a new KeyMap.
func DefaultKeyMap() KeyMap { return KeyMap{} }

// Named returns the bindings by action name (none).
func (k *KeyMap) Named() []panes.NamedBinding { return nil }

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return nil }
