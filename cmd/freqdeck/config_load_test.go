package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
)

// TestBadKeysAreUsageErrors: every command checks [keys], and a bad table
// stops it with a usage error that names it, before anything starts.
func TestBadKeysAreUsageErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfgPath, []byte("[keys.trades]\nfly = [\"F\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--config", cfgPath},
		{"serve", "--config", cfgPath, "--listen", "127.0.0.1:0", "--db", filepath.Join(dir, "bot.sqlite")},
		{"client", "--config", cfgPath, "--url", "http://127.0.0.1:1", "version"},
	} {
		code, out, errOut := runCLI(t, map[string]string{"HOME": dir}, args...)
		if code != cli.ExitUsage || out != "" || !strings.Contains(errOut, "[keys]") || !strings.Contains(errOut, "fly") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}
