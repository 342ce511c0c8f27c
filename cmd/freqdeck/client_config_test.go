package main

import (
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/fakebot"
)

func TestClientBotSelection(t *testing.T) {
	t.Parallel()
	a := fakebot.New(t, http.StatusOK, `{"version":"a"}`)
	b := fakebot.New(t, http.StatusOK, `{"version":"b"}`)
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.toml")
	content := "[[bot]]\nname = \"a\"\nurl = \"" + a.URL + "\"\nusername = \"ua\"\npassword_cmd = \"echo secret-a\"\n" +
		"[[bot]]\nname = \"b\"\nurl = \"" + b.URL + "\"\nusername = \"ub\"\npassword_env = \"B_PW\"\n"
	if err := os.WriteFile(cfgPath, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"B_PW": "secret-b"}

	code, _, errOut := runCLI(t, env, "client", "--config", cfgPath, "version")
	if code != cli.ExitUsage || !strings.Contains(errOut, "2 bots are configured (a, b): choose one with --bot") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, tc := range []struct{ bot, user, pass, out string }{{"a", "ua", "secret-a", `{"version":"a"}`}, {"b", "ub", "secret-b", `{"version":"b"}`}} {
		code, out, errOut := runCLI(t, env, "client", "--config", cfgPath, "--bot", tc.bot, "version")
		if code != 0 || strings.TrimSpace(out) != tc.out {
			t.Fatalf("--bot %s: exit %d, stdout %q, stderr %q", tc.bot, code, out, errOut)
		}
	}
	ra, rb := a.Requests(), b.Requests()
	if len(ra) != 1 || ra[0].User != "ua" || ra[0].Pass != "secret-a" || len(rb) != 1 || rb[0].User != "ub" || rb[0].Pass != "secret-b" {
		t.Fatalf("requests a %+v, b %+v", ra, rb)
	}

	code, _, errOut = runCLI(t, env, "client", "--config", cfgPath, "--bot", "c", "version")
	if code != cli.ExitUsage || !strings.Contains(errOut, `no bot named "c" (configured: a, b)`) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestClientFTConfig(t *testing.T) {
	t.Parallel()
	fb := fakebot.New(t, http.StatusOK, `{"state":"running"}`)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(fb.URL, "http://"))
	path := filepath.Join(t.TempDir(), "config.json")
	content := `{
	// freqtrade's own config, comments and all
	"api_server": {"listen_ip_address": "0.0.0.0", "listen_port": ` + port + `,
		"username": "freqtrader", "password": "ftpw",},
}`
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, nil, "client", "--ft-config", path, "ping")
	if code != 0 || strings.TrimSpace(out) != `{"status":"pong"}` {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if r := fb.Requests(); len(r) != 1 || r[0].User != "freqtrader" || r[0].Pass != "ftpw" {
		t.Fatalf("requests %+v", r)
	}
	if !strings.Contains(errOut, "warning:") || !strings.Contains(errOut, "chmod 600 "+path) {
		t.Fatalf("no permission warning on stderr: %q", errOut)
	}
}

// TestClientReadOnlyFromConfig: `client --bot ro stopbuy` on a bot marked
// read_only in the config file is refused (exit 2) and sends nothing; an
// action on a writable bot goes to the configured audit_log.
func TestClientReadOnlyFromConfig(t *testing.T) {
	t.Parallel()
	ro := fakebot.New(t, http.StatusOK, `{"status":"paused, no more entries will occur from now."}`)
	rw := fakebot.New(t, http.StatusOK, `{"status":"paused, no more entries will occur from now."}`)
	dir := t.TempDir()
	audit := filepath.Join(dir, "audit.jsonl")
	cfgPath := filepath.Join(dir, "config.toml")
	content := "audit_log = \"" + audit + "\"\n" +
		"[[bot]]\nname = \"ro\"\nurl = \"" + ro.URL + "\"\nread_only = true\n" +
		"[[bot]]\nname = \"rw\"\nurl = \"" + rw.URL + "\"\n"
	if err := os.WriteFile(cfgPath, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, nil, "client", "--config", cfgPath, "--bot", "ro", "stopbuy")
	if code != cli.ExitUsage || out != "" || !strings.Contains(errOut, `bot "ro" is read-only (read_only = true)`) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if n := len(ro.Requests()); n != 0 {
		t.Fatalf("%d requests reached the read-only bot", n)
	}
	if code, _, errOut := runCLI(t, nil, "client", "--config", cfgPath, "--bot", "rw", "stopbuy"); code != 0 {
		t.Fatalf("stopbuy on rw: exit %d (%s)", code, errOut)
	}
	data, err := os.ReadFile(audit)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"phase":"attempt"`) || !strings.Contains(lines[0], `"bot":"rw"`) ||
		strings.Contains(lines[0], `"request"`) ||
		!strings.Contains(lines[1], `"outcome":"done"`) || !strings.Contains(lines[1], `"action":"pause"`) {
		t.Fatalf("audit log:\n%s", data)
	}
}
