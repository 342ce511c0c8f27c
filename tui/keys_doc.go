package tui

import (
	"fmt"
	"strings"
)

//go:generate go test -run TestKeysDocUpToDate -update .

// KeysMarkdown renders the key reference (docs/keys.md) from a keymap: one
// table per scope, with the action names used by the [keys] config.
func KeysMarkdown(k KeyMap) string {
	var b strings.Builder
	b.WriteString("# freqdeck keys\n\n")
	b.WriteString("<!-- Generated from tui.DefaultKeyMap() by `go generate ./tui`; do not edit. -->\n\n")
	b.WriteString("Keys are remapped by action name in the config file, for example:\n\n")
	b.WriteString("```toml\n[keys.trades]\nforce_exit = [\"x\"]\n\n[keys.global]\nquit = [\"q\", \"ctrl+c\"]\n```\n\n")
	b.WriteString("An empty list disables an action. Two actions of one scope cannot share a key, and a pane\n")
	b.WriteString("key cannot be a global key. In a dialog's text field, printable keys are typed, so only\n")
	b.WriteString("`enter` confirms and `esc` cancels there.\n")
	titles := map[string]string{
		ScopeGlobal: "Global", ScopeTrades: "Open trades pane", ScopeProfit: "Profit pane",
		ScopeLocks: "Locks pane", ScopeLogs: "Logs pane", ScopeDialog: "Dialogs",
		ScopeHistory: "Closed trades pane (history screen)", ScopePeriodic: "Profit over time pane (history screen)",
		ScopePerformance: "Performance pane (history and pairs screens)", ScopeBalance: "Balance pane (history screen)",
		ScopeWhitelist: "Whitelist pane (pairs screen)", ScopeBlacklist: "Blacklist pane (pairs screen)",
		ScopeChart: "Chart pane (chart screen)", ScopeOverview: "Overview (overview screen)",
	}
	for _, s := range k.scopes() {
		fmt.Fprintf(&b, "\n## %s (`[keys.%s]`)\n\n", titles[s.name], s.name)
		if len(s.named) == 0 {
			b.WriteString("No keys.\n")
			continue
		}
		b.WriteString("| action | keys | what it does |\n|---|---|---|\n")
		for _, n := range s.named {
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", n.Name, keyList(n.Binding.Keys()), n.Binding.Help().Desc)
		}
	}
	return b.String()
}

// keyList renders keys as `x`, `ctrl+x`.
func keyList(keys []string) string {
	if len(keys) == 0 {
		return "(none)"
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		if k == " " {
			k = "space"
		}
		if k == "|" {
			k = `\|`
		}
		out[i] = "`" + k + "`"
	}
	return strings.Join(out, " ")
}
