package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/bots"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/fakebot"
	"github.com/freqdeck/freqdeck/tui/alert"
)

func mapEnv(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// runRootUntilRequest runs `freqdeck args...` (the console) until the fake
// bot sees a request with the wanted Basic credentials, then quits it with
// q and checks it ends cleanly.
func runRootUntilRequest(t *testing.T, fb *fakebot.Server, env map[string]string, user, pass string, args ...string) {
	t.Helper()
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer inW.Close()
	defer inR.Close()
	var stdout, stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), args, stdio{in: inR, out: &stdout, err: &stderr}, mapEnv(env))
	}()
	deadline := time.After(20 * time.Second)
	for seen := false; !seen; {
		select {
		case r := <-fb.Seen():
			seen = r.User == user && r.Pass == pass
		case code := <-done:
			t.Fatalf("console exited %d before calling the bot: %s", code, stderr.String())
		case <-deadline:
			t.Fatalf("the bot saw no request as %s:%s; got %+v", user, pass, fb.Requests())
		}
	}
	if _, err := inW.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("console exit %d: %s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("q did not quit the console")
	}
}

// TestConsoleOneOffBot is the README's `freqdeck --url ... --username ...`
// with $FREQDECK_PASSWORD (the SSH tunnel's local end is just a URL).
func TestConsoleOneOffBot(t *testing.T) {
	t.Parallel()
	fb := fakebot.New(t, http.StatusOK, `{}`)
	env := map[string]string{"HOME": t.TempDir(), "FREQDECK_PASSWORD": "the api_server password"}

	opts, err := consoleOptionsFor("",
		consoleFlags{bots: cli.BotFlags{URL: fb.URL, Username: "freqtrader"}}, mapEnv(env), func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	b := opts.Remote[0]
	if len(opts.Remote) != 1 || b.Name != strings.TrimPrefix(fb.URL, "http://") || b.URL != fb.URL || b.Username != "freqtrader" ||
		!b.PromptPassword || b.Refresh != config.DefaultRefresh || b.LogsRefresh != config.DefaultLogsRefresh {
		t.Fatalf("bots = %+v", opts.Remote)
	}
	if pw, err := b.Secret.Resolve(t.Context(), mapEnv(env)); err != nil || pw != "the api_server password" {
		t.Fatalf("password = %q, %v", pw, err)
	}

	runRootUntilRequest(t, fb, env, "freqtrader", "the api_server password",
		"--url", fb.URL, "--username", "freqtrader", "--log-file", filepath.Join(t.TempDir(), "fd.log"))
}

// TestConsoleFTConfig is the README's `freqdeck --ft-config
// user_data/config.json`: a wildcard listen address means 127.0.0.1.
func TestConsoleFTConfig(t *testing.T) {
	t.Parallel()
	fb := fakebot.New(t, http.StatusOK, `{}`)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(fb.URL, "http://"))
	dir := t.TempDir()
	path := filepath.Join(dir, "user_data", "config.json")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	content := `{"bot_name": "ftbot", "api_server": {"listen_ip_address": "0.0.0.0", "listen_port": ` + port +
		`, "username": "freqtrader", "password": "ftpw"}}`
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOME": dir}
	opts, err := consoleOptionsFor("", consoleFlags{bots: cli.BotFlags{FTConfig: path}}, mapEnv(env), func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	if len(opts.Remote) != 1 || opts.Remote[0].Name != "ftbot" || opts.Remote[0].URL != "http://127.0.0.1:"+port || opts.Remote[0].Secret.Password != "ftpw" {
		t.Fatalf("bots = %+v", opts.Remote)
	}
	runRootUntilRequest(t, fb, env, "freqtrader", "ftpw", "--ft-config", path, "--log-file", filepath.Join(dir, "fd.log"))
}

func TestConsoleOptionsFromConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.toml")
	content := `theme = "light"
[[bot]]
name = "a"
url = "http://127.0.0.1:1"
username = "ua"
password_cmd = "echo pa"
read_only = true
refresh = "7s"
[[bot]]
name = "b"
url = "http://127.0.0.1:2"
username = "ub"
[server]
db = "bot.sqlite"
max_open_trades = 2
[keys.trades]
force_exit = ["X"]
force_exit_all = ["ctrl+x"]
[alerts]
burst = 5
notify = "osc9"
[alerts.kinds]
entry_fill = []
[alerts.bot.a]
exit_fill = ["list", "bell"]
`
	if err := os.WriteFile(cfgPath, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOME": dir, "XDG_STATE_HOME": filepath.Join(dir, "state")}
	opts, err := consoleOptionsFor(cfgPath, consoleFlags{}, mapEnv(env), func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	wantA := bots.Remote{Name: "a", URL: "http://127.0.0.1:1", Username: "ua", Secret: config.Secret{PasswordCmd: "echo pa"}, ReadOnly: true,
		Refresh: 7 * time.Second, LogsRefresh: config.DefaultLogsRefresh}
	wantB := bots.Remote{Name: "b", URL: "http://127.0.0.1:2", Username: "ub", PromptPassword: true,
		Refresh: config.DefaultRefresh, LogsRefresh: config.DefaultLogsRefresh}
	if len(opts.Remote) != 2 || opts.Remote[0] != wantA || opts.Remote[1] != wantB {
		t.Fatalf("bots = %+v", opts.Remote)
	}
	if opts.Theme != "light" || opts.Keys.Trades.ForceExit.Keys()[0] != "X" ||
		opts.AuditPath != filepath.Join(dir, "state", "freqdeck", "audit.jsonl") ||
		opts.Embedded.DBPath != filepath.Join(dir, "bot.sqlite") || opts.Embedded.Bot.MaxOpenTrades != 2 {
		t.Fatalf("options = %+v", opts)
	}
	if a := opts.Alerts; a == nil || a.Burst != 5 || a.Notify != "osc9" || a.Kinds[alert.EntryFill] != 0 ||
		a.ChannelsFor("a", alert.ExitFill) != alert.List|alert.Bell || a.ChannelsFor("b", alert.ExitFill) != alert.List {
		t.Fatalf("alerts = %+v", opts.Alerts)
	}
	reloaded, err := opts.Embedded.Reload(context.Background())
	if err != nil || reloaded.MaxOpenTrades != 2 {
		t.Fatalf("Reload = %+v, %v", reloaded, err)
	}

	if opts.Embedded.Bot.Market.Speed != 1 {
		t.Fatalf("embedded speed %v, want the default 1", opts.Embedded.Bot.Market.Speed)
	}
	var cf consoleFlags
	fs := pflag.NewFlagSet("console", pflag.ContinueOnError)
	cf.register(fs)
	if err := fs.Parse([]string{"--speed", "60"}); err != nil {
		t.Fatal(err)
	}
	if opts, err = consoleOptionsFor(cfgPath, cf, mapEnv(env), func(string) {}); err != nil || opts.Embedded.Bot.Market.Speed != 60 {
		t.Fatalf("--speed 60: embedded speed %v, %v", opts.Embedded.Bot.Market.Speed, err)
	}
	if err := fs.Parse([]string{"--speed", "fast"}); err == nil || !strings.Contains(err.Error(), `not a number: "fast"`) {
		t.Fatalf("--speed fast: %v", err)
	}

	// --bot keeps one; flags beat the file.
	opts, err = consoleOptionsFor(cfgPath, consoleFlags{bots: cli.BotFlags{Bot: "a"}, theme: "mono"}, mapEnv(env), func(string) {})
	if err != nil || len(opts.Remote) != 1 || opts.Remote[0].Name != "a" || opts.Theme != "mono" {
		t.Fatalf("--bot a --theme mono: %+v, %v", opts, err)
	}
}

func TestConsoleRejectsBadKeys(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfgPath, []byte("[keys.trades]\nfly = [\"F\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := consoleOptionsFor(cfgPath, consoleFlags{}, mapEnv(map[string]string{"HOME": dir}), func(string) {})
	if err == nil || !strings.Contains(err.Error(), "[keys]") || !strings.Contains(err.Error(), "fly") {
		t.Fatalf("err = %v", err)
	}
}

// TestConsoleWarnsBeforeStart: the permission warning reaches stderr before
// the console takes the screen (here the console then fails on a bad URL,
// which stops the run early).
func TestConsoleWarnsBeforeStart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfgPath, []byte("[[bot]]\nname = \"a\"\nurl = \"ftp://x\"\npassword = \"pw\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(cfgPath, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	code := run(context.Background(), []string{"--config", cfgPath}, stdio{out: &bytes.Buffer{}, err: &stderr}, mapEnv(map[string]string{"HOME": dir}))
	msg := stderr.String()
	if code != cli.ExitUsage || !strings.Contains(msg, "warning:") || !strings.Contains(msg, "chmod 600 "+cfgPath) ||
		!strings.Contains(msg, `bot "a": url: "ftp://x": the scheme must be http or https`) {
		t.Fatalf("exit %d, stderr %q", code, msg)
	}
}

// TestConsoleEnvBot: $FREQDECK_URL and $FREQDECK_USERNAME give a one-off bot
// like the flags, and the flags beat them.
func TestConsoleEnvBot(t *testing.T) {
	t.Parallel()
	env := map[string]string{"HOME": t.TempDir(), "FREQDECK_URL": "http://127.0.0.1:9001", "FREQDECK_USERNAME": "envuser"}
	opts, err := consoleOptionsFor("", consoleFlags{}, mapEnv(env), func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	if len(opts.Remote) != 1 || opts.Remote[0].URL != "http://127.0.0.1:9001" || opts.Remote[0].Username != "envuser" || !opts.Remote[0].PromptPassword {
		t.Fatalf("bots = %+v", opts.Remote)
	}
	opts, err = consoleOptionsFor("", consoleFlags{bots: cli.BotFlags{URL: "http://127.0.0.1:9002", Username: "flaguser"}}, mapEnv(env), func(string) {})
	if err != nil || len(opts.Remote) != 1 || opts.Remote[0].URL != "http://127.0.0.1:9002" || opts.Remote[0].Username != "flaguser" {
		t.Fatalf("flags: %+v, %v", opts.Remote, err)
	}
}
