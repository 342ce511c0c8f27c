package config

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/freqdeck/freqdeck/tui/alert"
)

// Alerts is the [alerts] table: which of the bots' events the console tells
// the operator about, and how (see package tui/alert).
type Alerts struct {
	// Window and Burst rate-limit a burst of one bot's events of one kind:
	// the first Burst of a Window are alerted one by one, the rest summed up
	// in one alert ("12 exit fills in 10 s").
	Window time.Duration `toml:"window"`
	Burst  int           `toml:"burst"`
	// Grace is how long a bot stays offline or stale before it is alerted.
	Grace time.Duration `toml:"grace"`
	// Repeat is how long a warning or exception of the same text is not
	// alerted again.
	Repeat time.Duration `toml:"repeat"`
	// Notify is how desktop notifications reach the terminal: "auto",
	// "osc9", "osc777" or "off".
	Notify string `toml:"notify"`
	// Kinds are the channels of each kind of alert, for every bot.
	Kinds AlertKinds `toml:"kinds"`
	// Bot overrides Kinds per bot name ([alerts.bot.NAME]).
	Bot map[string]AlertKinds `toml:"bot"`
}

// AlertKinds are the channels of each kind of alert: a list of "list",
// "bell" and "desktop"; [] turns the kind off. A kind left out keeps the
// default ([alerts.kinds] for a bot's override).
type AlertKinds struct {
	EntryFill  *StringList `toml:"entry_fill"`
	ExitFill   *StringList `toml:"exit_fill"`
	Stoploss   *StringList `toml:"stoploss"`
	Protection *StringList `toml:"protection"`
	Warning    *StringList `toml:"warning"`
	Exception  *StringList `toml:"exception"`
	Offline    *StringList `toml:"offline"`
	Stale      *StringList `toml:"stale"`
	AuthFailed *StringList `toml:"auth_failed"`
	BackOnline *StringList `toml:"back_online"`
}

// fields maps each alert kind to its setting.
func (k *AlertKinds) fields() map[alert.Kind]**StringList {
	return map[alert.Kind]**StringList{
		alert.EntryFill: &k.EntryFill, alert.ExitFill: &k.ExitFill, alert.StoplossExit: &k.Stoploss,
		alert.Protection: &k.Protection, alert.Warning: &k.Warning, alert.Exception: &k.Exception,
		alert.Offline: &k.Offline, alert.Stale: &k.Stale, alert.AuthFailed: &k.AuthFailed,
		alert.BackOnline: &k.BackOnline,
	}
}

// defaultAlerts is [alerts] as alert.DefaultConfig has it.
func defaultAlerts() Alerts {
	d := alert.DefaultConfig()
	a := Alerts{Window: d.Window, Burst: d.Burst, Grace: d.Grace, Repeat: d.Repeat, Notify: d.Notify, Bot: map[string]AlertKinds{}}
	for k, f := range a.Kinds.fields() {
		l := StringList(d.Kinds[k].Names())
		*f = &l
	}
	return a
}

// Config converts [alerts] into the console's alert configuration,
// checking every setting.
func (a Alerts) Config() (alert.Config, error) {
	c := alert.Config{Window: a.Window, Burst: a.Burst, Grace: a.Grace, Repeat: a.Repeat, Notify: a.Notify,
		Kinds: alert.DefaultRules(), Bots: map[string]alert.Rules{}}
	var errs []error
	if err := a.Kinds.apply(c.Kinds, "kinds"); err != nil {
		errs = append(errs, err)
	}
	for _, name := range sortedKeys(a.Bot) {
		r := alert.Rules{}
		if err := a.Bot[name].apply(r, "bot."+name); err != nil {
			errs = append(errs, err)
		}
		c.Bots[name] = r
	}
	if err := c.Validate(); err != nil {
		errs = append(errs, err)
	}
	return c, errors.Join(errs...)
}

// apply sets the kinds given in r; where names the table in messages.
func (k AlertKinds) apply(r alert.Rules, where string) error {
	var errs []error
	for kind, f := range k.fields() {
		if *f == nil {
			continue
		}
		ch, err := alert.ParseChannels(**f)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s.%s: %w", where, kind, err))
			continue
		}
		r[kind] = ch
	}
	sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	return errors.Join(errs...)
}

// validate checks [alerts], and that each [alerts.bot.NAME] is a
// configured bot.
func (a Alerts) validate(bots []Bot) []error {
	var errs []error
	if _, err := a.Config(); err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			errs = append(errs, errors.New(line))
		}
	}
	for _, name := range sortedKeys(a.Bot) {
		if !slices.ContainsFunc(bots, func(b Bot) bool { return b.Name == name }) {
			errs = append(errs, fmt.Errorf("bot.%s: no [[bot]] is named %q", name, name))
		}
	}
	return errs
}

// forBots returns a without the [alerts.bot.NAME] tables of the bots of
// configured that kept leaves out (--bot or --url chose others), so that
// they are not taken for misnamed; a itself is not changed.
func (a Alerts) forBots(configured, kept []Bot) Alerts {
	named := func(bots []Bot, name string) bool {
		return slices.ContainsFunc(bots, func(b Bot) bool { return b.Name == name })
	}
	out := make(map[string]AlertKinds, len(a.Bot))
	for name, k := range a.Bot {
		if named(kept, name) || !named(configured, name) {
			out[name] = k
		}
	}
	if a.Bot != nil {
		a.Bot = out
	}
	return a
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
