package pairs

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/panes"
)

// WhitelistKeyMap holds the whitelist pane's bindings: the shared
// navigation keys, a lock on the selected pair, and its blacklisting.
type WhitelistKeyMap struct {
	panes.NavKeys
	Lock      key.Binding
	Blacklist key.Binding
}

// DefaultWhitelistKeyMap returns a new WhitelistKeyMap with the default
// keys.
func DefaultWhitelistKeyMap() WhitelistKeyMap {
	return WhitelistKeyMap{
		NavKeys:   panes.DefaultNavKeys(),
		Lock:      key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "lock pair")),
		Blacklist: key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "blacklist pair")),
	}
}

// Named returns the bindings by action name, for rebinding from the
// [keys.whitelist] config; each Binding points into k.
func (k *WhitelistKeyMap) Named() []panes.NamedBinding {
	return append(k.NavKeys.Named(),
		panes.NamedBinding{Name: "lock", Binding: &k.Lock},
		panes.NamedBinding{Name: "blacklist", Binding: &k.Blacklist},
	)
}

// ShortHelp implements help.KeyMap.
func (k WhitelistKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Lock, k.Blacklist} }

// FullHelp implements help.KeyMap.
func (k WhitelistKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.NavKeys.Help(), {k.Lock, k.Blacklist}}
}

// BlacklistKeyMap holds the blacklist pane's bindings: the shared
// navigation keys (no paging), add and delete.
type BlacklistKeyMap struct {
	panes.NavKeys
	Add    key.Binding
	Delete key.Binding
}

// DefaultBlacklistKeyMap returns a new BlacklistKeyMap with the default
// keys.
func DefaultBlacklistKeyMap() BlacklistKeyMap {
	return BlacklistKeyMap{
		NavKeys: panes.DefaultNavKeys().WithoutPaging(),
		Add:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add to blacklist")),
		Delete:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete from blacklist")),
	}
}

// Named returns the bindings by action name, for rebinding from the
// [keys.blacklist] config; each Binding points into k.
func (k *BlacklistKeyMap) Named() []panes.NamedBinding {
	return append(k.NavKeys.Named(),
		panes.NamedBinding{Name: "add", Binding: &k.Add},
		panes.NamedBinding{Name: "delete", Binding: &k.Delete},
	)
}

// ShortHelp implements help.KeyMap.
func (k BlacklistKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Add, k.Delete} }

// FullHelp implements help.KeyMap.
func (k BlacklistKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.NavKeys.Help(), {k.Add, k.Delete}}
}
