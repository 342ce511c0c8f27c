package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
)

// TestClientFleet runs the README's `freqdeck client --all-bots stopbuy`
// and `--bot vps1,vps2 show_config` on a config file of four bots: two
// running, one down, one read_only.
func TestClientFleet(t *testing.T) {
	t.Parallel()
	vps1, vps2 := serveBot(t), serveBot(t)
	ro := serveBot(t)
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	dir := t.TempDir()
	audit := filepath.Join(dir, "audit.jsonl")
	cfg := filepath.Join(dir, "config.toml")
	bot := func(name, url, extra string) string {
		return "[[bot]]\nname = \"" + name + "\"\nurl = \"" + url + "\"\nusername = \"op\"\npassword = \"pw\"\n" + extra
	}
	content := "audit_log = \"" + audit + "\"\n" + bot("vps1", vps1.URL, "") + bot("vps2", vps2.URL, "") +
		bot("down", down.URL, "") + bot("lab", ro.URL, "read_only = true\n")
	if err := os.WriteFile(cfg, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	type line struct {
		Bot, Outcome, Error, ID, Batch string
		Status                         int
		Result                         json.RawMessage
	}
	decode := func(out string) []line {
		var ls []line
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var x line
			if err := json.Unmarshal([]byte(l), &x); err != nil {
				t.Fatalf("%q: %v", l, err)
			}
			ls = append(ls, x)
		}
		return ls
	}

	code, out, errOut := runCLI(t, nil, "client", "--config", cfg, "--all-bots", "stopbuy")
	got := decode(out)
	if code != cli.ExitUnreachable || len(got) != 4 || !strings.Contains(errOut, "1 of 4 bots failed: down (not_sent)") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	for i, want := range []string{"vps1 done", "vps2 done", "down not_sent", "lab skipped"} {
		if g := got[i].Bot + " " + got[i].Outcome; g != want {
			t.Errorf("line %d: %s, want %s", i, g, want)
		}
	}
	entries, err := action.ReadFile(audit)
	if err != nil || len(entries) != 6 {
		t.Fatalf("audit: %d lines (%v), want 6", len(entries), err)
	}
	for _, e := range entries {
		if e.Batch != got[0].Batch || e.Bot == "lab" {
			t.Fatalf("audit line %+v (batch %s)", e, got[0].Batch)
		}
	}

	code, out, errOut = runCLI(t, nil, "client", "--config", cfg, "--bot", "vps2,vps1", "show_config")
	got = decode(out)
	if code != 0 || len(got) != 2 || got[0].Bot != "vps2" || got[1].Bot != "vps1" ||
		!strings.Contains(string(got[0].Result), `"state":"paused"`) || got[0].Status != 200 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, errOut = runCLI(t, nil, "client", "--config", cfg, "--all-bots", "--bot", "vps1", "ping")
	if code != cli.ExitUsage || !strings.Contains(errOut, "--all-bots chooses every configured bot") {
		t.Fatalf("--all-bots --bot: exit %d, stderr %q", code, errOut)
	}
}
