package host

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"github.com/freqdeck/freqdeck/tui/termrt/tmuxtest"
)

// requireOpenSSHEnv makes a missing OpenSSH client a failure, not a skip
// (CI).
const requireOpenSSHEnv = "FREQDECK_REQUIRE_OPENSSH"

// lookTool finds a tool or skips (fails under env) without it.
func lookTool(t *testing.T, name, env string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv(env) != "" {
			t.Fatalf("%s is not installed, and %s is set", name, env)
		}
		t.Skipf("%s is not installed", name)
	}
	return bin
}

// knownHosts writes a known_hosts file holding the host's key, so the
// OpenSSH client checks it strictly.
func (h *testHost) knownHosts(t *testing.T) string {
	t.Helper()
	pemKey, err := os.ReadFile(filepath.Join(h.dir, "state", "host_ed25519"))
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.ParsePrivateKey(pemKey)
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := strings.Cut(h.addr, ":")
	line := "[127.0.0.1]:" + port + " " + string(gossh.MarshalAuthorizedKey(signer.PublicKey()))
	path := filepath.Join(h.dir, "known_hosts")
	if err := os.WriteFile(path, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// sshArgs are the OpenSSH client's arguments for key k: no user config,
// only this key, the host's key checked strictly.
func (h *testHost) sshArgs(t *testing.T, k testKey, extra ...string) []string {
	_, port, _ := strings.Cut(h.addr, ":")
	args := []string{"-F", "/dev/null", "-p", port, "-i", k.path, "-o", "IdentitiesOnly=yes",
		"-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + h.knownHosts(t),
		"-o", "PasswordAuthentication=no", "-o", "KbdInteractiveAuthentication=no"}
	return append(append(args, extra...), "trader@127.0.0.1")
}

// tmuxSSH runs the OpenSSH client in a 120×40 tmux pane.
type tmuxSSH struct {
	t   *testing.T
	srv *tmuxtest.Server
}

func (h *testHost) openSSH(t *testing.T, k testKey) *tmuxSSH {
	t.Helper()
	ssh := lookTool(t, "ssh", requireOpenSSHEnv)
	s := &tmuxSSH{t: t, srv: tmuxtest.Start(t)}
	cmd := append([]string{ssh, "-t"}, h.sshArgs(t, k)...)
	// The pane outlives ssh (cat) so a failure can be read on it.
	script := strings.Join(quoteAll(cmd), " ") + `; echo "ssh exited $?"; exec cat`
	s.srv.Run("new-session", "-d", "-s", "ssh", "-x", "120", "-y", "40", "env", "TERM=xterm-256color", "sh", "-c", script)
	return s
}

func quoteAll(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return out
}

// waitScreen waits until the pane shows want.
func (s *tmuxSSH) waitScreen(want string) {
	s.t.Helper()
	pane := func() string { return s.srv.Run("capture-pane", "-p", "-t", "ssh") }
	if !tmuxtest.Poll(waitFor, func() bool { return strings.Contains(pane(), want) }) {
		s.t.Fatalf("no %q on the pane:\n%s", want, pane())
	}
}

func (s *tmuxSSH) keys(k ...string) { s.srv.Run(append([]string{"send-keys", "-t", "ssh"}, k...)...) }

// TestOpenSSHClient: OpenSSH's ssh, in a pty, logs into freqdeck host and
// sees the trade desk; a viewer key is refused a force-exit.
func TestOpenSSHClient(t *testing.T) {
	t.Parallel()
	h := newTestHost(t, hostOptions{})
	op := h.openSSH(t, h.operator)
	op.waitScreen("Open trades (1)")
	op.keys("h")
	op.waitScreen("Closed trades")
	viewer := h.openSSH(t, h.viewer)
	viewer.waitScreen("Open trades (1)")
	viewer.keys("x")
	viewer.waitScreen("fake is read-only (viewer key): actions are disabled")
	if n := h.faults.Hits("POST /forceexit"); n != 0 {
		t.Fatalf("%d force-exits reached the bot", n)
	}
}

// TestOpenSSHUnlistedKey: OpenSSH's ssh with a key not in authorized_keys
// is refused at auth.
func TestOpenSSHUnlistedKey(t *testing.T) {
	t.Parallel()
	ssh := lookTool(t, "ssh", requireOpenSSHEnv)
	h := newTestHost(t, hostOptions{})
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	out, err := exec.CommandContext(ctx, ssh, h.sshArgs(t, h.stranger, "-o", "BatchMode=yes", "-T")...).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "Permission denied (publickey)") {
		t.Fatalf("ssh with an unlisted key: %v\n%s", err, out)
	}
}
