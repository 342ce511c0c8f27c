package sshdial_test

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/apiclient/sshdial/sshtest"
)

// waitLimit bounds every wait; it only expires when a test fails.
const waitLimit = 15 * time.Second

// testEnv is a home directory with .ssh, an environment, and the pieces a
// Pool is built from. Nothing reads the real ~/.ssh or environment.
type testEnv struct {
	t      testing.TB
	home   string
	sysDir string
	env    map[string]string
	opts   sshdial.Options
}

func newEnv(t testing.TB) *testEnv {
	t.Helper()
	home := t.TempDir()
	if err := os.Mkdir(filepath.Join(home, ".ssh"), 0o700); err != nil {
		t.Fatal(err)
	}
	e := &testEnv{t: t, home: home, sysDir: t.TempDir(), env: map[string]string{}}
	e.opts = sshdial.Options{
		Home:      home,
		SystemDir: e.sysDir,
		LocalUser: "tester",
		Getenv:    func(k string) string { return e.env[k] },
	}
	return e
}

// agentEnv is an environment whose agent holds the one key srv accepts.
func agentEnv(t testing.TB) (*testEnv, *sshtest.Server) {
	t.Helper()
	e := newEnv(t)
	key, pub := sshtest.NewKey(t)
	srv := sshtest.NewServer(t, pub)
	e.startAgent(key)
	return e, srv
}

// agentBox is agentEnv with srv configured as "box" and trusted.
func agentBox(t testing.TB) (*testEnv, *sshtest.Server) {
	t.Helper()
	e, srv := agentEnv(t)
	e.config(hostBlock("box", srv))
	e.trust(srv)
	return e, srv
}

// path is a file below ~/.ssh.
func (e *testEnv) path(name string) string { return filepath.Join(e.home, ".ssh", name) }

// write writes a file below ~/.ssh with mode 0600.
func (e *testEnv) write(name, text string) {
	e.t.Helper()
	p := e.path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		e.t.Fatal(err)
	}
}

// config writes ~/.ssh/config.
func (e *testEnv) config(lines ...string) { e.write("config", strings.Join(lines, "\n")+"\n") }

// hostBlock is a Host block pointing alias at s.
func hostBlock(alias string, s *sshtest.Server, extra ...string) string {
	lines := []string{"Host " + alias, "  HostName 127.0.0.1", fmt.Sprintf("  Port %d", s.Port())}
	for _, x := range extra {
		lines = append(lines, "  "+x)
	}
	return strings.Join(lines, "\n")
}

// trust adds s's host key to ~/.ssh/known_hosts.
func (e *testEnv) trust(servers ...*sshtest.Server) {
	e.t.Helper()
	var lines []string
	for _, s := range servers {
		lines = append(lines, s.KnownHostsLine())
	}
	e.write("known_hosts", strings.Join(lines, "\n")+"\n")
}

// writeKey stores key in OpenSSH format below ~/.ssh, encrypted when
// passphrase is not empty.
func (e *testEnv) writeKey(name string, key ed25519.PrivateKey, passphrase string) string {
	e.t.Helper()
	sshtest.WriteKey(e.t, e.path(name), key, passphrase)
	return e.path(name)
}

// startAgent serves an in-memory agent holding keys and points
// SSH_AUTH_SOCK at it.
func (e *testEnv) startAgent(keys ...ed25519.PrivateKey) {
	e.t.Helper()
	e.env["SSH_AUTH_SOCK"] = sshtest.StartAgent(e.t, keys...)
}

// pool returns a Pool over the environment, closed at cleanup.
func (e *testEnv) pool(mod ...func(*sshdial.Options)) *sshdial.Pool {
	o := e.opts
	for _, m := range mod {
		m(&o)
	}
	p := sshdial.NewPool(o)
	e.t.Cleanup(func() { _ = p.Close() })
	return p
}

// host returns the pool's Host for dest.
func host(t testing.TB, p *sshdial.Pool, dest string) *sshdial.Host {
	t.Helper()
	h, err := p.Host(dest)
	if err != nil {
		t.Fatalf("Host(%q): %v", dest, err)
	}
	return h
}

// waitPhase waits until h reaches phase and returns that state.
func waitPhase(t testing.TB, h *sshdial.Host, phase sshdial.Phase) sshdial.State {
	t.Helper()
	deadline := time.After(waitLimit)
	for {
		st, changed := h.Watch()
		if st.Phase == phase {
			return st
		}
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("host %s: want %s, still %q (%v)", h.Name(), phase, st, st.Err)
		}
	}
}

// ctxT is a context bounded by waitLimit.
func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	t.Cleanup(cancel)
	return ctx
}

// noGoroutinesLeft fails unless every goroutine running this package's
// code (not its tests) ends. A goroutine that has just called
// WaitGroup.Done may still be on its way out, so it polls for a moment.
func noGoroutinesLeft(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		left := ourGoroutines()
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("goroutines left after Close:\n%s", strings.Join(left, "\n\n"))
		}
		time.Sleep(time.Millisecond) // a poll interval; no timing is asserted
	}
}

// ourGoroutines lists the stacks of goroutines running this package's
// code (not its tests).
func ourGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var out []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "apiclient/sshdial.") {
			out = append(out, g)
		}
	}
	return out
}

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
