package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/freqdeck/freqdeck/apiclient/sshdial/sshtest"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
)

// TestConsoleSSHBotOptions: --ssh with --url makes a console bot reached
// through that host (its url as seen from there), connected only once the
// console runs; --trust-host-key takes only a SHA256 fingerprint.
func TestConsoleSSHBotOptions(t *testing.T) {
	t.Parallel()
	env := map[string]string{"HOME": t.TempDir(), "FREQDECK_PASSWORD": "pw"}
	opts, err := consoleOptionsFor("", consoleFlags{bots: cli.BotFlags{URL: "http://127.0.0.1:8080", Username: "freqtrader", SSH: "vps"}, trustKey: "SHA256:abc"},
		mapEnv(env), func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	if len(opts.Remote) != 1 || opts.Remote[0].SSH != "vps" || opts.Remote[0].URL != "http://127.0.0.1:8080" || opts.TrustKey != "SHA256:abc" {
		t.Fatalf("options %+v", opts)
	}
	_, err = consoleOptionsFor("", consoleFlags{bots: cli.BotFlags{URL: "http://127.0.0.1:8080", SSH: "vps"}, trustKey: "abc"},
		mapEnv(env), func(string) {})
	if err == nil || !strings.Contains(err.Error(), "--trust-host-key \"abc\": give the SHA256:... fingerprint") {
		t.Fatalf("a bad --trust-host-key: %v", err)
	}
}

// sshConfigFile is a config file with one bot, "far", at url through ssh
// host dest, its password in $BOT_PW.
func sshConfigFile(t *testing.T, dest, url string) string {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "config.toml")
	text := fmt.Sprintf("[[bot]]\nname = \"far\"\nssh = %q\nurl = %q\nusername = \"op\"\npassword_env = \"BOT_PW\"\n", dest, url)
	if err := os.WriteFile(cfg, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestConsoleOpenSSH: the console reaches a freqdeck API server behind a
// real OpenSSH sshd (started by the test, the key in a real ssh-agent)
// through a bot with ssh = "vps", with no ssh -L: the unknown host key is
// shown with its fingerprint, trusted in the console's dialog (a hashed
// line in known_hosts), and the bot's open trades come through the link.
// Not parallel: the console sets the process's default logger.
func TestConsoleOpenSSH(t *testing.T) {
	o := sshtest.StartOpenSSH(t)
	bot := serveBot(t)
	home, env := sshHome(t, fmt.Sprintf("Host vps\n  HostName 127.0.0.1\n  Port %d\n  User %s\n", o.Port, o.User))
	env["SSH_AUTH_SOCK"], env["BOT_PW"] = o.Agent, "pw"
	opts, err := consoleOptionsFor(sshConfigFile(t, "vps", bot.URL), consoleFlags{}, mapEnv(env), func(w string) { t.Errorf("warning: %s", w) })
	if err != nil {
		t.Fatal(err)
	}
	fp := ssh.FingerprintSHA256(o.HostKey)
	r := startConsole(t, opts, env, "Unknown SSH host key", "vps (", fp)
	if _, err := r.keys.Write([]byte("y")); err != nil {
		t.Fatal(err)
	}
	r.screen.waitFor(t, "Open trades (1)", "ETH/BTC", "running · dry run")
	text, err := os.ReadFile(filepath.Join(home, ".ssh", "known_hosts"))
	if err != nil || !strings.HasPrefix(string(text), "|1|") || !strings.Contains(string(text), " ssh-ed25519 ") {
		t.Fatalf("known_hosts %q, %v", text, err)
	}
}

// TestConsoleTrustHostKeyFlag: --trust-host-key trusts the unknown key
// with exactly that fingerprint without asking; two bots on the host share
// one SSH connection.
func TestConsoleTrustHostKeyFlag(t *testing.T) {
	key, pub := sshtest.NewKey(t)
	srv := sshtest.NewServer(t, pub)
	home, env := sshHome(t, fmt.Sprintf("Host box\n  HostName 127.0.0.1\n  Port %d\n", srv.Port()))
	env["SSH_AUTH_SOCK"], env["BOT_PW"] = sshtest.StartAgent(t, key), "pw"
	bot := serveBot(t)
	cfg := sshConfigFile(t, "box", bot.URL)
	f, err := os.OpenFile(cfg, os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = fmt.Fprintf(f, "\n[[bot]]\nname = \"twin\"\nssh = \"box\"\nurl = %q\nusername = \"op\"\npassword_env = \"BOT_PW\"\n", bot.URL)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		t.Fatal(err)
	}
	flags := consoleFlags{trustKey: ssh.FingerprintSHA256(srv.HostKey())}
	opts, err := consoleOptionsFor(cfg, flags, mapEnv(env), func(w string) { t.Errorf("warning: %s", w) })
	if err != nil {
		t.Fatal(err)
	}
	// The status bar may show the trust message meanwhile: the bot's
	// state is read on its panes.
	r := startConsole(t, opts, env, "[1/2] far", "Open trades (1)", "running · dry run")
	if _, err := r.keys.Write([]byte("]")); err != nil {
		t.Fatal(err)
	}
	r.screen.waitFor(t, "[2/2] twin", "Open trades (1)", "running · dry run")
	if text, err := os.ReadFile(filepath.Join(home, ".ssh", "known_hosts")); err != nil || !strings.HasPrefix(string(text), "|1|") {
		t.Fatalf("known_hosts %q, %v", text, err)
	}
	if srv.Conns() != 1 {
		t.Fatalf("%d SSH connections for two bots on one host, want 1", srv.Conns())
	}
}
