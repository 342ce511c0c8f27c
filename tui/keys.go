package tui

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/panes/balance"
	"github.com/freqdeck/freqdeck/panes/chart"
	"github.com/freqdeck/freqdeck/panes/history"
	"github.com/freqdeck/freqdeck/panes/locks"
	"github.com/freqdeck/freqdeck/panes/logs"
	"github.com/freqdeck/freqdeck/panes/overview"
	"github.com/freqdeck/freqdeck/panes/pairs"
	"github.com/freqdeck/freqdeck/panes/performance"
	"github.com/freqdeck/freqdeck/panes/periodic"
	"github.com/freqdeck/freqdeck/panes/profit"
	"github.com/freqdeck/freqdeck/panes/trades"
)

// The [keys] scopes, as written in the config file.
const (
	ScopeGlobal = "global"
	ScopeTrades = "trades"
	ScopeProfit = "profit"
	ScopeLocks  = "locks"
	ScopeLogs   = "logs"
	ScopeDialog = "dialog"

	ScopeHistory     = "history"
	ScopePeriodic    = "periodic"
	ScopePerformance = "performance"
	ScopeBalance     = "balance"
	ScopeWhitelist   = "whitelist"
	ScopeBlacklist   = "blacklist"
	ScopeChart       = "chart"
	ScopeOverview    = "overview"
)

// KeyMap is every key binding of the console: the global keys, the dialog
// keys and each pane's keys. DefaultKeyMap returns a new value; overrides
// apply to a copy (ApplyOverrides).
type KeyMap struct {
	Global GlobalKeys
	Dialog DialogKeys
	Trades trades.KeyMap
	Profit profit.KeyMap
	Locks  locks.KeyMap
	Logs   logs.KeyMap

	History     history.KeyMap
	Periodic    periodic.KeyMap
	Performance performance.KeyMap
	Balance     balance.KeyMap
	Whitelist   pairs.WhitelistKeyMap
	Blacklist   pairs.BlacklistKeyMap
	Chart       chart.KeyMap
	Overview    overview.KeyMap
}

// GlobalKeys work in every pane, unless a dialog is open or a pane is taking
// typed text.
type GlobalKeys struct {
	Quit     key.Binding
	Help     key.Binding
	NextPane key.Binding
	PrevPane key.Binding
	// Focus focuses pane i with its i-th key (1 → trades, 2 → profit...).
	Focus   key.Binding
	PrevBot key.Binding
	NextBot key.Binding
	BotList key.Binding
	Refresh key.Binding
	Start   key.Binding
	Stop    key.Binding
	Pause   key.Binding
	Reload  key.Binding
	// Messages opens the history of results, errors and notices, in full.
	Messages key.Binding
	// Alerts opens the alert list: the last 100 alerts, newest first.
	Alerts key.Binding
	// Password asks for the shown bot's password, when it may be typed; on
	// a bot reached through SSH it first answers what the link needs: a
	// waiting key passphrase, trusting an unknown host key, a retry now.
	Password key.Binding
	// TradeDesk, History, Pairs and Chart switch screens; Chart shows the
	// pair selected in the focused pane, if any.
	TradeDesk key.Binding
	History   key.Binding
	Pairs     key.Binding
	Chart     key.Binding
	// Overview shows every bot at once; the control keys (start, stop,
	// pause, reload) then act on its marked bots.
	Overview key.Binding
}

// DialogKeys work inside confirm dialogs and forms. In a text field,
// printable keys are typed, so only their non-printable keys act there.
type DialogKeys struct {
	Confirm   key.Binding
	Cancel    key.Binding
	NextField key.Binding
	PrevField key.Binding
	Toggle    key.Binding
}

// DefaultKeyMap returns the default bindings (DESIGN.md "Default keys").
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Global: DefaultGlobalKeys(),
		Dialog: DefaultDialogKeys(),
		Trades: trades.DefaultKeyMap(),
		Profit: profit.DefaultKeyMap(),
		Locks:  locks.DefaultKeyMap(),
		Logs:   logs.DefaultKeyMap(),

		History:     history.DefaultKeyMap(),
		Periodic:    periodic.DefaultKeyMap(),
		Performance: performance.DefaultKeyMap(),
		Balance:     balance.DefaultKeyMap(),
		Whitelist:   pairs.DefaultWhitelistKeyMap(),
		Blacklist:   pairs.DefaultBlacklistKeyMap(),
		Chart:       chart.DefaultKeyMap(),
		Overview:    overview.DefaultKeyMap(),
	}
}

// binding is a binding of keys whose help shows help and desc.
func binding(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// DefaultGlobalKeys returns the default global bindings.
func DefaultGlobalKeys() GlobalKeys {
	b := binding
	return GlobalKeys{
		Quit:     b("q", "quit", "q", "ctrl+c"),
		Help:     b("?", "help", "?"),
		NextPane: b("tab", "next pane", "tab"),
		PrevPane: b("shift+tab", "previous pane", "shift+tab"),
		Focus:    b("1-9", "focus pane", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		PrevBot:  b("[", "previous bot", "["),
		NextBot:  b("]", "next bot", "]"),
		BotList:  b("b", "bot list", "b"),
		Refresh:  b("ctrl+r", "refresh now", "ctrl+r"),
		Start:    b("s", "start bot", "s"),
		Stop:     b("S", "stop bot", "S"),
		Pause:    b("p", "pause entries (stopbuy)", "p"),
		Reload:   b("R", "reload config", "R"),
		Messages: b("m", "last 100 messages", "m"),
		Alerts:   b("A", "last 100 alerts", "A"),
		Password: b("P", "type password", "P"),

		TradeDesk: b("t", "trade desk", "t"),
		History:   b("h", "history screen", "h"),
		Pairs:     b("w", "pairs screen", "w"),
		Chart:     b("v", "chart (selected pair)", "v"),
		Overview:  b("o", "overview (every bot)", "o"),
	}
}

// DefaultDialogKeys returns the default dialog bindings.
func DefaultDialogKeys() DialogKeys {
	b := binding
	return DialogKeys{
		Confirm:   b("y/enter", "confirm", "y", "enter"),
		Cancel:    b("n/esc", "cancel", "n", "esc"),
		NextField: b("tab/↓", "next field", "tab", "down"),
		PrevField: b("shift+tab/↑", "previous field", "shift+tab", "up"),
		Toggle:    b("space/←/→", "change choice", " ", "left", "right"),
	}
}

// Named lists the global bindings by action name.
func (k *GlobalKeys) Named() []panes.NamedBinding {
	return []panes.NamedBinding{
		{Name: "quit", Binding: &k.Quit},
		{Name: "help", Binding: &k.Help},
		{Name: "next_pane", Binding: &k.NextPane},
		{Name: "prev_pane", Binding: &k.PrevPane},
		{Name: "focus", Binding: &k.Focus},
		{Name: "prev_bot", Binding: &k.PrevBot},
		{Name: "next_bot", Binding: &k.NextBot},
		{Name: "bot_list", Binding: &k.BotList},
		{Name: "refresh", Binding: &k.Refresh},
		{Name: "start", Binding: &k.Start},
		{Name: "stop", Binding: &k.Stop},
		{Name: "pause", Binding: &k.Pause},
		{Name: "reload_config", Binding: &k.Reload},
		{Name: "messages", Binding: &k.Messages},
		{Name: "alerts", Binding: &k.Alerts},
		{Name: "password", Binding: &k.Password},
		{Name: "screen_trade_desk", Binding: &k.TradeDesk},
		{Name: "screen_history", Binding: &k.History},
		{Name: "screen_pairs", Binding: &k.Pairs},
		{Name: "screen_chart", Binding: &k.Chart},
		{Name: "screen_overview", Binding: &k.Overview},
	}
}

// Named lists the dialog bindings by action name.
func (k *DialogKeys) Named() []panes.NamedBinding {
	return []panes.NamedBinding{
		{Name: "confirm", Binding: &k.Confirm},
		{Name: "cancel", Binding: &k.Cancel},
		{Name: "next_field", Binding: &k.NextField},
		{Name: "prev_field", Binding: &k.PrevField},
		{Name: "toggle", Binding: &k.Toggle},
	}
}

// ShortHelp implements help.KeyMap.
func (k GlobalKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Help, k.NextPane, k.PrevBot, k.NextBot, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k GlobalKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Quit, k.Help, k.NextPane, k.PrevPane, k.Focus},
		{k.PrevBot, k.NextBot, k.BotList, k.Refresh, k.Messages, k.Alerts, k.Password},
		{k.Start, k.Stop, k.Pause, k.Reload},
		{k.TradeDesk, k.History, k.Pairs, k.Chart, k.Overview},
	}
}

// ShortHelp implements help.KeyMap.
func (k DialogKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Confirm, k.Cancel, k.NextField}
}

// FullHelp implements help.KeyMap.
func (k DialogKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Confirm, k.Cancel}, {k.NextField, k.PrevField, k.Toggle}}
}
