package config

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/tui/alert"
)

// TestAlertKindsCoverEveryKind: [alerts.kinds] has a key for every alert
// kind, named as the kind is.
func TestAlertKindsCoverEveryKind(t *testing.T) {
	t.Parallel()
	var k AlertKinds
	fields := k.fields()
	tags := map[string]bool{}
	for name := range tomlFields(reflect.TypeFor[AlertKinds]()) {
		tags[name] = true
	}
	for _, kind := range alert.Kinds() {
		if fields[kind] == nil || !tags[kind.String()] {
			t.Errorf("[alerts.kinds] has no %s", kind)
		}
	}
	if len(fields) != len(alert.Kinds()) || len(tags) != len(alert.Kinds()) {
		t.Fatalf("%d fields, %d keys, %d kinds", len(fields), len(tags), len(alert.Kinds()))
	}
}

// TestAlertsDecode: [alerts] over the defaults; [alerts.bot.NAME] changes
// only the kinds it names; an empty list turns a kind off.
func TestAlertsDecode(t *testing.T) {
	t.Parallel()
	cfg, err := Decode([]byte(`
[[bot]]
name = "vps1"
url = "http://127.0.0.1:8080"

[alerts]
burst = 1
notify = "osc777"
[alerts.kinds]
entry_fill = []
exit_fill = "bell"
[alerts.bot.vps1]
stoploss = ["list"]
`), "c.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(Checks{}); err != nil {
		t.Fatal(err)
	}
	ac, err := cfg.Alerts.Config()
	if err != nil {
		t.Fatal(err)
	}
	if ac.Burst != 1 || ac.Window != 10*time.Second || ac.Notify != "osc777" {
		t.Fatalf("config %+v", ac)
	}
	for _, tc := range []struct {
		bot  string
		kind alert.Kind
		want alert.Channels
	}{
		{"vps1", alert.EntryFill, 0},
		{"vps1", alert.ExitFill, alert.Bell},
		{"vps1", alert.StoplossExit, alert.List},
		{"other", alert.StoplossExit, alert.List | alert.Bell | alert.Desktop},
		{"vps1", alert.Offline, alert.List | alert.Bell | alert.Desktop},
	} {
		if got := ac.ChannelsFor(tc.bot, tc.kind); got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.bot, tc.kind, got, tc.want)
		}
	}
}

// TestAlertsErrors: typos and bad values name the key.
func TestAlertsErrors(t *testing.T) {
	t.Parallel()
	_, err := Decode([]byte("[alerts.kinds]\nexit_fil = [\"list\"]\n"), "c.toml")
	if err == nil || !strings.Contains(err.Error(), `c.toml:2: unknown key "alerts.kinds.exit_fil" (did you mean "exit_fill"?)`) {
		t.Fatalf("typo: %v", err)
	}
	cfg, err := Decode([]byte(`
[alerts]
window = "0s"
notify = "beep"
[alerts.kinds]
warning = ["list", "siren"]
[alerts.bot.ghost]
exit_fill = ["bell"]
`), "c.toml")
	if err != nil {
		t.Fatal(err)
	}
	err = cfg.Validate(Checks{})
	for _, want := range []string{
		`[alerts]: kinds.warning: unknown alert channel "siren" (channels: list, bell, desktop)`,
		`[alerts]: window: 0s: must be positive`,
		`[alerts]: notify: "beep": want auto, osc9, osc777 or off`,
		`[alerts]: bot.ghost: no [[bot]] is named "ghost"`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
}

// TestAlertsBotOfUnselectedBot: [alerts.bot.NAME] of a configured bot that
// --bot (or --url) leaves out is no error; one naming no configured bot
// still is.
func TestAlertsBotOfUnselectedBot(t *testing.T) {
	t.Parallel()
	cfg, err := Decode([]byte(`
[[bot]]
name = "a"
url = "http://127.0.0.1:8080"
[[bot]]
name = "b"
url = "http://127.0.0.1:8081"

[alerts.bot.a]
stoploss = ["list"]
`), "c.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []Flags{{Bot: "b"}, {URL: "http://127.0.0.1:9000"}} {
		got, err := ApplyFlags(cfg, f)
		if err != nil {
			t.Fatal(err)
		}
		if err := got.Validate(Checks{}); err != nil {
			t.Errorf("flags %+v: %v", f, err)
		}
	}
	if _, ok := cfg.Alerts.Bot["a"]; !ok {
		t.Fatal("ApplyFlags changed the config it was given")
	}
	cfg.Alerts.Bot = map[string]AlertKinds{"typo": {}}
	got, err := ApplyFlags(cfg, Flags{Bot: "b"})
	if err != nil {
		t.Fatal(err)
	}
	if err := got.Validate(Checks{}); err == nil || !strings.Contains(err.Error(), `no [[bot]] is named "typo"`) {
		t.Fatalf("a misnamed [alerts.bot.typo]: %v", err)
	}
}
