package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
)

// watchWriter is an io.Writer that signals when its content matches a
// pattern.
type watchWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	re    *regexp.Regexp
	match chan []string
}

func newWatchWriter(pattern string) *watchWriter {
	return &watchWriter{re: regexp.MustCompile(pattern), match: make(chan []string, 1)}
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, _ := w.buf.Write(p)
	if m := w.re.FindStringSubmatch(w.buf.String()); m != nil {
		select {
		case w.match <- m:
		default:
		}
	}
	return n, nil
}

func (w *watchWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// startServe runs `freqdeck serve` with args until the test ends and returns
// its base URL and banner.
func startServeCmd(t *testing.T, env map[string]string, args ...string) (baseURL string, out *watchWriter) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out = newWatchWriter(`listening on (http://\S+)`)
	var errb lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve"}, args...), stdio{out: out, err: &errb}, func(k string) string { return env[k] })
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d: %s", code, errb.String())
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop on cancel")
		}
	})
	select {
	case m := <-out.match:
		return m[1], out
	case code := <-done:
		t.Fatalf("serve exited %d before listening: %s%s", code, out.String(), errb.String())
	case <-time.After(10 * time.Second):
		t.Fatalf("serve did not start: %s%s", out.String(), errb.String())
	}
	return "", nil
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestServeReadsServerConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	content := `[server]
listen = "127.0.0.1:0"
username = "cfguser"
password_cmd = "echo cfgpw"
enable_openapi = true
db = "bot.sqlite"
`
	if err := os.WriteFile(cfg, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOME": dir}
	base, banner := startServeCmd(t, env, "--config", cfg)
	code, out, errOut := runCLI(t, map[string]string{"FREQDECK_PASSWORD": "cfgpw"}, "client", "--url", base, "--username", "cfguser", "version")
	if code != 0 || !strings.Contains(out, `"version"`) {
		t.Fatalf("client with the configured credentials: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// The banner is complete once the server answers (it is printed before
	// serving starts).
	if b := banner.String(); !strings.Contains(b, `username "cfguser"`) || !strings.Contains(b, base+"/docs") {
		t.Fatalf("banner does not reflect the config:\n%s", b)
	}
	code, _, errOut = runCLI(t, map[string]string{"FREQDECK_PASSWORD": "wrong"}, "client", "--url", base, "--username", "cfguser", "version")
	if code != cli.ExitAPIError || !strings.Contains(errOut, "authentication failed") {
		t.Fatalf("client with a wrong password: exit %d, stderr %q", code, errOut)
	}
}

func TestServeFlagsBeatConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("[server]\nlisten = \"127.0.0.1:0\"\nusername = \"cfguser\"\npassword = \"cfgpw\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOME": dir, "FREQDECK_PASSWORD": "envpw"}
	base, banner := startServeCmd(t, env, "--config", cfg, "--username", "flaguser", "--db", filepath.Join(dir, "x.sqlite"))
	// $FREQDECK_PASSWORD wins over the file's password, --username over its
	// username.
	code, _, errOut := runCLI(t, map[string]string{"FREQDECK_PASSWORD": "envpw"}, "client", "--url", base, "--username", "flaguser", "version")
	if code != 0 {
		t.Fatalf("env password refused: exit %d, %s", code, errOut)
	}
	if b := banner.String(); !strings.Contains(b, `username "flaguser"`) {
		t.Fatalf("--username did not win over the file:\n%s", b)
	}
}

func TestServeRejectsBadConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("[server]\nlisten = \"127.0.0.1:0\"\nlistn = \"x\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, map[string]string{"HOME": dir}, "serve", "--config", cfg)
	if code != cli.ExitUsage || !strings.Contains(errOut, cfg+`:3: unknown key "server.listn"`) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestServeRunsTheDryRunBotWithServerSettings(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	content := `[server]
listen = "127.0.0.1:0"
username = "cfguser"
password = "cfg-password-1"
db = "bot.sqlite"
bot_name = "paper-desk"
max_open_trades = 2
`
	if err := os.WriteFile(cfg, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	base, banner := startServeCmd(t, map[string]string{"HOME": dir}, "--config", cfg)
	code, out, errOut := runCLI(t, map[string]string{"FREQDECK_PASSWORD": "cfg-password-1"},
		"client", "--url", base, "--username", "cfguser", "show_config")
	if code != 0 {
		t.Fatalf("show_config: exit %d, %s", code, errOut)
	}
	var sc apiclient.ShowConfig
	if err := json.Unmarshal([]byte(out), &sc); err != nil {
		t.Fatalf("decode show_config: %v\n%s", err, out)
	}
	if sc.BotName != "paper-desk" || sc.MaxOpenTrades != 2 || !sc.DryRun || sc.Runmode != "dry_run" {
		t.Fatalf("the bot does not run with [server]'s settings: bot_name %q, max_open_trades %d, dry_run %v, runmode %q",
			sc.BotName, sc.MaxOpenTrades, sc.DryRun, sc.Runmode)
	}
	if _, err := os.Stat(filepath.Join(dir, "bot.sqlite")); err != nil {
		t.Fatalf("the bot's database is not next to the config file: %v", err)
	}
	if b := banner.String(); !strings.Contains(b, "password from [server] in "+cfg) {
		t.Fatalf("banner does not say where the password came from:\n%s", b)
	}
}
