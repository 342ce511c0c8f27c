package main

import (
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/freqdeck/freqdeck/apiclient/sshdial/sshtest"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// sshHome is a private HOME whose ~/.ssh/config has "Host box" pointing at
// srv, and an environment with an agent holding key.
func sshHome(t testing.TB, hostBlock string) (home string, env map[string]string) {
	t.Helper()
	home = t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".ssh"), 0o700); err != nil {
		t.Fatal(err)
	}
	writeSSH(t, home, "config", hostBlock)
	return home, map[string]string{"HOME": home}
}

func writeSSH(t testing.TB, home, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(home, ".ssh", name), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// serveBot serves freqdeck's API (over the fake bot) on 127.0.0.1 with
// the credentials op / pw.
func serveBot(t testing.TB) *httptest.Server {
	t.Helper()
	srv, err := server.New(rpctest.New(), server.Config{Username: "op", Password: "pw", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	_, ts := rpctest.Serve(t, srv)
	return ts
}

// inProcessBox is an in-process SSH server "box" trusted in a private
// ~/.ssh, the agent holding its key, and a bot behind it.
func inProcessBox(t *testing.T) (srv *sshtest.Server, env map[string]string, bot *httptest.Server) {
	t.Helper()
	key, pub := sshtest.NewKey(t)
	srv = sshtest.NewServer(t, pub)
	home, env := sshHome(t, fmt.Sprintf("Host box\n  HostName 127.0.0.1\n  Port %d\n", srv.Port()))
	writeSSH(t, home, "known_hosts", srv.KnownHostsLine()+"\n")
	env["SSH_AUTH_SOCK"] = sshtest.StartAgent(t, key)
	return srv, env, serveBot(t)
}

// TestClientSSHFromConfig: `[[bot]] ssh = "box"` reaches the bot through
// the SSH host, as configured in ~/.ssh/config; the url is the far side's.
func TestClientSSHFromConfig(t *testing.T) {
	t.Parallel()
	srv, env, bot := inProcessBox(t)
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte("[[bot]]\nname = \"vps\"\nssh = \"box\"\nurl = \""+bot.URL+
		"\"\nusername = \"op\"\npassword = \"pw\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, env, "client", "--config", cfg, "version")
	if code != 0 || out != `{"version":"test"}`+"\n" || errOut != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if srv.Conns() != 1 || srv.Tunnels() < 1 {
		t.Fatalf("%d SSH connections, %d tunnels", srv.Conns(), srv.Tunnels())
	}
}

// TestClientSSHFlag: `--ssh box --url ...` reaches a one-off bot through SSH,
// and so does --ft-config with --ssh (the file read here, the bot there).
func TestClientSSHFlag(t *testing.T) {
	t.Parallel()
	srv, env, bot := inProcessBox(t)
	env["FREQDECK_PASSWORD"] = "pw"
	code, out, errOut := runCLI(t, env, "client", "--ssh", "box", "--url", bot.URL, "--username", "op", "version")
	if code != 0 || out != `{"version":"test"}`+"\n" {
		t.Fatalf("--ssh --url: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(bot.URL, "http://"))
	ft := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(ft, []byte(`{"api_server": {"listen_ip_address": "0.0.0.0", "listen_port": `+port+
		`, "username": "op", "password": "pw"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCLI(t, env, "client", "--ssh", "box", "--ft-config", ft, "version")
	if code != 0 || out != `{"version":"test"}`+"\n" {
		t.Fatalf("--ssh --ft-config: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if srv.Conns() != 2 {
		t.Fatalf("%d SSH connections, want one per run", srv.Conns())
	}
	code, _, errOut = runCLI(t, env, "client", "--ssh", "box", "version")
	if code != cli.ExitUsage || !strings.Contains(errOut, "--ssh needs --url") {
		t.Fatalf("--ssh alone: exit %d, stderr %q", code, errOut)
	}
}

// TestClientSSHEncryptedKeyNoTerminal: the only key is encrypted and stdin
// is not a terminal, so no passphrase can be asked: exit 3, and the auth
// failure says why the key was not used.
func TestClientSSHEncryptedKeyNoTerminal(t *testing.T) {
	t.Parallel()
	key, pub := sshtest.NewKey(t)
	srv := sshtest.NewServer(t, pub)
	home, env := sshHome(t, fmt.Sprintf("Host box\n  HostName 127.0.0.1\n  Port %d\n", srv.Port()))
	writeSSH(t, home, "known_hosts", srv.KnownHostsLine()+"\n")
	sshtest.WriteKey(t, filepath.Join(home, ".ssh", "id_ed25519"), key, "secret")
	code, _, errOut := runCLI(t, env, "client", "--ssh", "box", "--url", "http://127.0.0.1:8080", "ping")
	if code != cli.ExitUnreachable || !strings.Contains(errOut, "auth failed (tried ~/.ssh/id_ed25519 (no passphrase: stdin is not a terminal") ||
		!strings.Contains(errOut, "ssh-add "+filepath.Join(home, ".ssh", "id_ed25519")) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

// TestClientOpenSSH is the README's `freqdeck client --ssh vps --url ...
// status` through a real OpenSSH sshd (started by the test) with the key in
// a real ssh-agent: the unknown host is refused with sshd's fingerprint,
// trusted with --trust-host-key, and the bot behind it answers, with no
// ssh -L.
func TestClientOpenSSH(t *testing.T) {
	t.Parallel()
	o := sshtest.StartOpenSSH(t)
	bot := serveBot(t)
	_, env := sshHome(t, fmt.Sprintf("Host vps\n  HostName 127.0.0.1\n  Port %d\n  User %s\n", o.Port, o.User))
	env["SSH_AUTH_SOCK"] = o.Agent
	env["FREQDECK_PASSWORD"] = "pw"
	args := []string{"client", "--ssh", "vps", "--url", bot.URL, "--username", "op", "status"}
	fp := ssh.FingerprintSHA256(o.HostKey)
	code, _, errOut := runCLI(t, env, args...)
	if code != cli.ExitUnreachable || !strings.Contains(errOut, "the host's key is not known: it presented ssh-ed25519 "+fp) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	trusted := append([]string{"client", "--trust-host-key", fp}, args[1:]...)
	code, out, errOut := runCLI(t, env, trusted...)
	if code != 0 || !strings.HasPrefix(out, `[{"trade_id":`) {
		t.Fatalf("trusted: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, errOut = runCLI(t, env, args...)
	if code != 0 || !strings.HasPrefix(out, `[{"trade_id":`) || errOut != "" {
		t.Fatalf("known: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
