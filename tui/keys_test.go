package tui

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

func TestDefaultKeyMapIsValid(t *testing.T) {
	t.Parallel()
	if err := DefaultKeyMap().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestApplyOverrides(t *testing.T) {
	t.Parallel()
	def := DefaultKeyMap()
	got, err := def.ApplyOverrides(map[string]map[string][]string{
		"trades": {"force_exit": {"ctrl+x"}},
		"global": {"quit": {"Q"}, "pause": {}},
		"dialog": {"confirm": {"enter"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if keys := got.Trades.ForceExit.Keys(); len(keys) != 1 || keys[0] != "ctrl+x" {
		t.Errorf("force_exit keys = %v", keys)
	}
	if got.Trades.ForceExit.Help().Key != "ctrl+x" || got.Trades.ForceExit.Help().Desc != "force exit" {
		t.Errorf("force_exit help = %+v", got.Trades.ForceExit.Help())
	}
	if got.Global.Pause.Enabled() {
		t.Error("an empty key list should disable pause")
	}
	if !key.Matches(keyMsg("Q"), got.Global.Quit) || key.Matches(keyMsg("q"), got.Global.Quit) {
		t.Error("quit was not rebound to Q")
	}
	if key.Matches(keyMsg("y"), got.Dialog.Confirm) {
		t.Error("confirm still matches y")
	}
	// The defaults are untouched.
	if def.Trades.ForceExit.Keys()[0] != "x" || !def.Global.Pause.Enabled() || def.Global.Quit.Keys()[0] != "q" {
		t.Error("ApplyOverrides changed the keymap it was called on")
	}
	if DefaultKeyMap().Trades.ForceExit.Keys()[0] != "x" {
		t.Error("ApplyOverrides changed the defaults")
	}
}

func TestApplyOverridesErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		in   map[string]map[string][]string
		want string
	}{
		"unknown scope":     {map[string]map[string][]string{"trade": {"force_exit": {"x"}}}, `unknown scope "trade"`},
		"unknown action":    {map[string]map[string][]string{"trades": {"forceexit": {"x"}}}, `unknown action "forceexit" in scope "trades"`},
		"duplicate":         {map[string]map[string][]string{"trades": {"force_exit": {"e"}}}, `key "e" is bound to both`},
		"duplicate in list": {map[string]map[string][]string{"locks": {"add": {"a", "d"}}}, `key "d" is bound to both`},
		"shadowed":          {map[string]map[string][]string{"trades": {"lock": {"p"}}}, `already the global key of global.pause`},
		"empty name":        {map[string]map[string][]string{"logs": {"follow": {""}}}, "empty key name"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			def := DefaultKeyMap()
			_, err := def.ApplyOverrides(c.in)
			if err == nil || !errors.Is(err, ErrKeys) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want one containing %q", err, c.want)
			}
			if def.Trades.ForceExit.Keys()[0] != "x" || def.Locks.Add.Keys()[0] != "a" {
				t.Error("a failed override changed the keymap")
			}
		})
	}
}

func TestOverridesReachTheConsole(t *testing.T) {
	t.Parallel()
	keys, err := DefaultKeyMap().ApplyOverrides(map[string]map[string][]string{"global": {"help": {"H"}}})
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{
		Bots:  []Bot{{Name: "testbot", API: stubAPI{}}},
		Clock: fixedClock,
		Keys:  &keys,
	}
	m := newModel(t, opts)
	m.handleResize(80, 24)
	pressSync(m, "?")
	if m.modal.kind != modalNone {
		t.Fatal("? still opens help after rebinding it to H")
	}
	pressSync(m, "H")
	if m.modal.kind != modalHelp {
		t.Fatal("H does not open help")
	}
	if _, err := DefaultKeyMap().ApplyOverrides(map[string]map[string][]string{"nope": nil}); err == nil {
		t.Fatal("an unknown key scope was accepted for the console")
	}
}

// TestKeysDocUpToDate fails when docs/keys.md differs from the keymap;
// `go test ./tui -run TestKeysDocUpToDate -update` regenerates it.
func TestKeysDocUpToDate(t *testing.T) {
	t.Parallel()
	path := filepath.Join("..", "docs", "keys.md")
	want := KeysMarkdown(DefaultKeyMap())
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (generate it with go test ./tui -run TestKeysDocUpToDate -update)", err)
	}
	if string(got) != want {
		t.Fatal("docs/keys.md is stale: run go test ./tui -run TestKeysDocUpToDate -update")
	}
	km := DefaultKeyMap()
	for _, s := range km.scopes() {
		for _, n := range s.named {
			if !strings.Contains(want, "`"+n.Name+"`") {
				t.Errorf("docs/keys.md misses %s.%s", s.name, n.Name)
			}
		}
	}
}

// TestCapturingPaneTakesPrintableKeys: while the logs pane takes a search,
// q and S are typed, not quit and stop; ctrl+c still quits.
func TestCapturingPaneTakesPrintableKeys(t *testing.T) {
	t.Parallel()
	m := loadedModel(t, 120, 40)
	pressSync(m, "4")
	pressSync(m, "/")
	if !m.focusedPane().Capturing() {
		t.Fatal("the logs pane is not capturing after /")
	}
	for _, k := range []string{"q", "S", "x"} {
		pressSync(m, k)
	}
	if m.state != stateReady || m.modal.kind != modalNone {
		t.Fatalf("a printable key acted globally: state %s, modal %d", m.state, m.modal.kind)
	}
	if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyCtrlC}); cmd == nil || m.state != stateQuitting {
		t.Fatal("ctrl+c did not quit while capturing")
	}
}
