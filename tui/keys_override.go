package tui

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/freqdeck/freqdeck/panes"
)

// ErrKeys is wrapped by every error of ApplyOverrides and Validate.
var ErrKeys = errors.New("keys")

// scope is one [keys.<name>] table: its bindings by action name.
type scope struct {
	name  string
	named []panes.NamedBinding
}

// scopes lists the scopes of k, pointing into k, in the order of the docs.
func (k *KeyMap) scopes() []scope {
	return []scope{
		{ScopeGlobal, k.Global.Named()},
		{ScopeTrades, k.Trades.Named()},
		{ScopeProfit, k.Profit.Named()},
		{ScopeLocks, k.Locks.Named()},
		{ScopeLogs, k.Logs.Named()},
		{ScopeHistory, k.History.Named()},
		{ScopePeriodic, k.Periodic.Named()},
		{ScopePerformance, k.Performance.Named()},
		{ScopeBalance, k.Balance.Named()},
		{ScopeWhitelist, k.Whitelist.Named()},
		{ScopeBlacklist, k.Blacklist.Named()},
		{ScopeChart, k.Chart.Named()},
		{ScopeOverview, k.Overview.Named()},
		{ScopeDialog, k.Dialog.Named()},
	}
}

// ScopeNames returns the [keys] scope names.
func ScopeNames() []string {
	k := DefaultKeyMap()
	var names []string
	for _, s := range k.scopes() {
		names = append(names, s.name)
	}
	return names
}

// ApplyOverrides returns a copy of k with the bindings of overrides
// (scope → action → keys, as in the config's [keys.<scope>] tables)
// replaced; k itself is not changed. An empty key list disables the action.
// An unknown scope or action, an empty key name, the same key on two actions
// of one scope, or a pane key shadowed by a global key is an error that
// names them.
func (k KeyMap) ApplyOverrides(overrides map[string]map[string][]string) (KeyMap, error) {
	out := k
	byName := map[string][]panes.NamedBinding{}
	for _, s := range out.scopes() {
		byName[s.name] = s.named
	}
	for _, scopeName := range slices.Sorted(maps.Keys(overrides)) {
		named, ok := byName[scopeName]
		if !ok {
			return k, fmt.Errorf("%w: unknown scope %q (scopes: %s)", ErrKeys, scopeName, strings.Join(ScopeNames(), ", "))
		}
		actions := overrides[scopeName]
		for _, action := range slices.Sorted(maps.Keys(actions)) {
			if err := rebind(named, scopeName, action, actions[action]); err != nil {
				return k, err
			}
		}
	}
	if err := out.Validate(); err != nil {
		return k, err
	}
	return out, nil
}

// rebind sets the keys of one action.
func rebind(named []panes.NamedBinding, scopeName, action string, keys []string) error {
	i := slices.IndexFunc(named, func(n panes.NamedBinding) bool { return n.Name == action })
	if i < 0 {
		var names []string
		for _, n := range named {
			names = append(names, n.Name)
		}
		return fmt.Errorf("%w: unknown action %q in scope %q (actions: %s)", ErrKeys, action, scopeName, strings.Join(names, ", "))
	}
	for _, key := range keys {
		if strings.TrimSpace(key) == "" && key != " " {
			return fmt.Errorf("%w: %s.%s: empty key name", ErrKeys, scopeName, action)
		}
	}
	b := named[i].Binding
	desc := b.Help().Desc
	if len(keys) == 0 {
		b.SetEnabled(false)
		return nil
	}
	b.SetKeys(slices.Clone(keys)...)
	b.SetHelp(helpLabel(keys), desc)
	b.SetEnabled(true)
	return nil
}

// helpLabel is the help text of a key list: "x", "ctrl+x/X".
func helpLabel(keys []string) string {
	labels := make([]string, len(keys))
	for i, k := range keys {
		if k == " " {
			k = "space"
		}
		labels[i] = k
	}
	return strings.Join(labels, "/")
}

// Validate reports the first conflict in k: one key on two actions of a
// scope, or a pane key that a global key would shadow.
func (k KeyMap) Validate() error {
	global := map[string]string{}
	for _, s := range k.scopes() {
		owner := map[string]string{}
		for _, n := range s.named {
			if !n.Binding.Enabled() {
				continue
			}
			for _, key := range n.Binding.Keys() {
				if prev, dup := owner[key]; dup {
					return fmt.Errorf("%w: key %q is bound to both %s.%s and %s.%s", ErrKeys, key, s.name, prev, s.name, n.Name)
				}
				owner[key] = n.Name
				if s.name == ScopeGlobal {
					global[key] = n.Name
				} else if g, shadowed := global[key]; shadowed && s.name != ScopeDialog {
					return fmt.Errorf("%w: key %q of %s.%s is already the global key of global.%s", ErrKeys, key, s.name, n.Name, g)
				}
			}
		}
	}
	return nil
}

// binds reports whether an enabled binding of any scope has the key name s.
func (k *KeyMap) binds(s string) bool {
	for _, sc := range k.scopes() {
		for _, n := range sc.named {
			if n.Binding.Enabled() && slices.Contains(n.Binding.Keys(), s) {
				return true
			}
		}
	}
	return false
}
