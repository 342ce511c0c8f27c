package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/client"
)

// TestEveryCommandHasHelpAndExamples walks the command tree: every command
// has a summary and examples for its --help.
func TestEveryCommandHasHelpAndExamples(t *testing.T) {
	t.Parallel()
	root := newRootCmd(stdio{}, func(string) string { return "" })
	var walk func(c *cobra.Command)
	n := 0
	walk = func(c *cobra.Command) {
		n++
		if c.Short == "" {
			t.Errorf("%q has no Short", c.CommandPath())
		}
		if c.Example == "" {
			t.Errorf("%q has no Example", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if want := 6 + len(client.CommandNames()) + 1; n != want { // root, version, client (+ its commands and help), serve, host, completion
		t.Errorf("walked %d commands, want %d", n, want)
	}
}

func TestCompletion(t *testing.T) {
	t.Parallel()
	for shell, marker := range map[string]string{"bash": "# bash completion V2 for freqdeck", "zsh": "#compdef freqdeck", "fish": "# fish completion for freqdeck"} {
		code, out, errOut := runCLI(t, nil, "completion", shell)
		if code != 0 || !strings.Contains(out, marker) {
			t.Errorf("completion %s: exit %d, stderr %q, script starts %.60q", shell, code, errOut, out)
		}
	}
	if code, _, _ := runCLI(t, nil, "completion", "tcsh"); code == 0 {
		t.Error("completion tcsh succeeded")
	}

	// --bot completes with the configured bot names.
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.toml")
	if err := os.WriteFile(cfg, []byte("[[bot]]\nname = \"vps1\"\nurl = \"http://a:1\"\n[[bot]]\nname = \"vps2\"\nurl = \"http://b:1\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"__complete", "--config", cfg, "--bot", ""}, {"__complete", "client", "--config", cfg, "--bot", ""}} {
		code, out, _ := runCLI(t, map[string]string{"HOME": dir}, args...)
		if code != 0 || !strings.Contains(out, "vps1\nvps2\n") {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
}
