package client

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/apiclient/sshdial/sshtest"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
)

// sshBox is an SSH host "box" (an in-process SSH server whose one accepted
// key the agent holds) in a private ~/.ssh, with a freqdeck bot behind it
// on the far side's loopback.
type sshBox struct {
	t      *testing.T
	home   string
	env    map[string]string
	srv    *sshtest.Server
	botURL string
}

func newSSHBox(t *testing.T) *sshBox {
	t.Helper()
	key, pub := sshtest.NewKey(t)
	b := &sshBox{t: t, home: t.TempDir(), srv: sshtest.NewServer(t, pub)}
	b.env = map[string]string{"SSH_AUTH_SOCK": sshtest.StartAgent(t, key)}
	b.write("config", fmt.Sprintf("Host box\n  HostName 127.0.0.1\n  Port %d\n  User op\n", b.srv.Port()))
	_, b.botURL = freqdeckBot(t)
	return b
}

// write writes a file below ~/.ssh.
func (b *sshBox) write(name, text string) {
	b.t.Helper()
	p := filepath.Join(b.home, ".ssh", name)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		b.t.Fatal(err)
	}
}

// knownHosts returns ~/.ssh/known_hosts ("" when missing).
func (b *sshBox) knownHosts() string {
	data, _ := os.ReadFile(filepath.Join(b.home, ".ssh", "known_hosts"))
	return string(data)
}

// trust records the server's key in known_hosts.
func (b *sshBox) trust() { b.write("known_hosts", b.srv.KnownHostsLine()+"\n") }

// fingerprint is the SHA256 fingerprint of the server's host key.
func (b *sshBox) fingerprint() string { return ssh.FingerprintSHA256(b.srv.HostKey()) }

// target is a bot named name behind box.
func (b *sshBox) target(name string) Target {
	return Target{Name: name, URL: b.botURL, Username: "u", Password: pw, SSH: "box"}
}

// run runs `freqdeck client <args>` on the bots, with box's ~/.ssh.
func (b *sshBox) run(bots []Target, args ...string) (code int, stdout, stderr string) {
	b.t.Helper()
	return runDeps(b.t, Deps{Targets: fleet(bots...), SSH: sshdial.Options{
		Home: b.home, SystemDir: b.t.TempDir(), LocalUser: "tester",
		Getenv: func(k string) string { return b.env[k] },
	}}, args...)
}

// TestClientThroughSSH: a bot with ssh set is called through the SSH host,
// its REST request carried by the SSH connection.
func TestClientThroughSSH(t *testing.T) {
	t.Parallel()
	box := newSSHBox(t)
	box.trust()
	code, out, errOut := box.run([]Target{box.target("vps")}, "ping")
	if code != 0 || out != `{"status":"pong"}`+"\n" || errOut != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if box.srv.Conns() != 1 || box.srv.Tunnels() < 1 {
		t.Fatalf("%d SSH connections, %d tunnels: the call did not go through SSH", box.srv.Conns(), box.srv.Tunnels())
	}
}

// TestClientSSHUnknownHost: an unknown host key refuses with exit 3 and its
// fingerprint, and says how to trust it; a --trust-host-key that differs
// trusts nothing; the exact fingerprint appends a hashed known_hosts line
// and the call goes through; the next run needs nothing more.
func TestClientSSHUnknownHost(t *testing.T) {
	t.Parallel()
	box := newSSHBox(t)
	bots := []Target{box.target("vps")}
	fp := box.fingerprint()

	code, out, errOut := box.run(bots, "ping")
	if code != cli.ExitUnreachable || out != "" || !strings.Contains(errOut, "ssh box (op@"+box.srv.Addr()+"): the host's key is not known: it presented ssh-ed25519 "+fp) ||
		!strings.Contains(errOut, "run the command again with --trust-host-key "+fp+"\n") ||
		!strings.Contains(errOut, "to add the key to "+filepath.Join(box.home, ".ssh", "known_hosts")+" (hashed)") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	_, other := sshtest.NewKey(t)
	wrong := ssh.FingerprintSHA256(other)
	code, _, errOut = box.run(bots, "--trust-host-key", wrong, "ping")
	if code != cli.ExitUnreachable || !strings.Contains(errOut, "--trust-host-key "+wrong+" does not match the key the host presented (ssh-ed25519 "+fp+"): nothing was trusted") ||
		strings.Contains(errOut, "warning") {
		t.Fatalf("wrong fingerprint: exit %d, stderr %q", code, errOut)
	}
	if box.knownHosts() != "" || box.srv.Conns() != 0 {
		t.Fatalf("known_hosts %q, %d authenticated connections before any key was trusted", box.knownHosts(), box.srv.Conns())
	}

	code, out, errOut = box.run(bots, "--trust-host-key", fp, "ping")
	if code != 0 || out != `{"status":"pong"}`+"\n" || !strings.Contains(errOut, "trusted the host key ssh-ed25519 "+fp) {
		t.Fatalf("trusting: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	kh := box.knownHosts()
	if !strings.HasPrefix(kh, "|1|") || strings.Contains(kh, "127.0.0.1") || strings.Count(kh, "\n") != 1 {
		t.Fatalf("known_hosts %q: want one hashed line", kh)
	}
	hashed, _, key, _, _, err := ssh.ParseKnownHosts([]byte(kh))
	if err != nil || hashed != "" || ssh.FingerprintSHA256(key) != fp {
		t.Fatalf("known_hosts line: key %v, err %v", key, err)
	}
	if code, _, errOut := box.run(bots, "ping"); code != 0 || errOut != "" {
		t.Fatalf("after trusting: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := box.run(bots, "--trust-host-key", fp, "ping"); code != 0 || !strings.Contains(errOut, "nothing was added to known_hosts") {
		t.Fatalf("trusting a known key again: exit %d, stderr %q", code, errOut)
	}
	if strings.Count(box.knownHosts(), "\n") != 1 {
		t.Fatalf("known_hosts grew: %q", box.knownHosts())
	}
}

// TestClientSSHChangedKey: a host presenting another key than known_hosts
// holds is refused loudly with exit 3, and --trust-host-key, even with the
// presented key's fingerprint, changes nothing.
func TestClientSSHChangedKey(t *testing.T) {
	t.Parallel()
	box := newSSHBox(t)
	_, old := sshtest.NewKey(t)
	line := knownhosts.Line([]string{box.srv.Addr()}, old) + "\n"
	box.write("known_hosts", line)
	bots := []Target{box.target("vps")}
	for _, args := range [][]string{{"ping"}, {"--trust-host-key", box.fingerprint(), "ping"}} {
		code, out, errOut := box.run(bots, args...)
		if code != cli.ExitUnreachable || out != "" || !strings.Contains(errOut, "host key CHANGED") ||
			!strings.Contains(errOut, box.fingerprint()) || strings.Contains(errOut, "to add the key") {
			t.Fatalf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
		if len(args) > 1 && (!strings.Contains(errOut, "--trust-host-key does not override a changed key") || strings.Contains(errOut, "warning")) {
			t.Fatalf("stderr %q", errOut)
		}
	}
	if box.knownHosts() != line || box.srv.Conns() != 0 {
		t.Fatalf("known_hosts %q, %d connections", box.knownHosts(), box.srv.Conns())
	}
}

// TestClientSSHAuthFailed: a host that refuses every key exits 3 and says
// what was tried.
func TestClientSSHAuthFailed(t *testing.T) {
	t.Parallel()
	box := newSSHBox(t)
	box.trust()
	wrong, _ := sshtest.NewKey(t)
	box.env["SSH_AUTH_SOCK"] = sshtest.StartAgent(t, wrong)
	code, _, errOut := box.run([]Target{box.target("vps")}, "ping")
	if code != cli.ExitUnreachable || !strings.Contains(errOut, "ssh box (op@"+box.srv.Addr()+"): auth failed (tried agent)") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

// TestClientSSHFleet: two bots on one SSH host, both unknown to
// known_hosts: the key is trusted once, one SSH connection carries both
// calls, and each bot gets its line.
func TestClientSSHFleet(t *testing.T) {
	t.Parallel()
	box := newSSHBox(t)
	bots := []Target{box.target("a"), box.target("b")}
	code, out, errOut := box.run(bots, "--all-bots", "--trust-host-key", box.fingerprint(), "version")
	got := lines(t, out)
	if code != 0 || len(got) != 2 || got[0].Outcome != "done" || got[1].Outcome != "done" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if n := strings.Count(box.knownHosts(), "\n"); n != 1 || box.srv.Conns() != 1 {
		t.Fatalf("%d known_hosts lines, %d SSH connections; want 1 and 1", n, box.srv.Conns())
	}
}

// TestClientSSHHostDown: an SSH host that does not answer makes each of its
// bots not_sent (exit 3); the action is not audited, since it failed before
// anything could be sent, as a read_only refusal does.
func TestClientSSHHostDown(t *testing.T) {
	t.Parallel()
	box := newSSHBox(t)
	box.write("config", fmt.Sprintf("Host box\n  HostName 127.0.0.1\n  Port %d\n", sshtest.RefusedPort(t)))
	audit := filepath.Join(t.TempDir(), "audit.jsonl")
	a, b := box.target("a"), box.target("b")
	a.AuditPath, b.AuditPath = audit, audit
	code, out, errOut := box.run([]Target{a, b}, "--bot", "a,b", "stopbuy")
	got := lines(t, out)
	if code != cli.ExitUnreachable || len(got) != 2 || got[0].Outcome != "not_sent" || !strings.Contains(got[0].Error, "ssh box (tester@127.0.0.1:") ||
		!strings.Contains(got[0].Error, "connection refused") || got[1].Outcome != "not_sent" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, err := os.Stat(audit); !os.IsNotExist(err) {
		t.Fatalf("nothing was sent, yet the audit log exists (%v)", err)
	}
}
