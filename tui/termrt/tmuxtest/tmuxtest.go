// Package tmuxtest runs a private tmux server for tests: its own socket in
// the test's temporary directory, no config file, killed when the test
// ends. Without tmux the test is skipped, or fails where RequireEnv is set
// (.ci/run sets it, so the tmux tests cannot silently not run there).
//
//	s := tmuxtest.Start(t)
//	s.Run("new-session", "-d", "-s", "rt", "-x", "80", "-y", "24", "cat")
//	shown := func() bool { return strings.Contains(s.Run("capture-pane", "-p", "-t", "rt"), "$") }
//	if !tmuxtest.Poll(10*time.Second, shown) {
//		t.Fatal("no prompt")
//	}
package tmuxtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// RequireEnv, when set, makes a missing tmux a failure, not a skip.
const RequireEnv = "FREQDECK_REQUIRE_TMUX"

// Server is a private tmux server.
type Server struct {
	t    testing.TB
	bin  string
	sock string
}

// Start finds tmux (or skips t) and returns the server; its sessions are
// started with Run("new-session", ...).
func Start(t testing.TB) *Server {
	t.Helper()
	bin, err := exec.LookPath("tmux")
	if err != nil {
		if os.Getenv(RequireEnv) != "" {
			t.Fatal("tmux is not installed, and " + RequireEnv + " is set")
		}
		t.Skip("tmux is not installed (apt-get install tmux)")
	}
	s := &Server{t: t, bin: bin, sock: filepath.Join(t.TempDir(), "tmux.sock")}
	t.Cleanup(func() { _, _ = exec.Command(bin, "-S", s.sock, "kill-server").CombinedOutput() })
	return s
}

// Run runs a tmux command on the server and returns its output without
// the trailing newline; a failure fails the test.
func (s *Server) Run(args ...string) string {
	s.t.Helper()
	out, err := exec.Command(s.bin, append([]string{"-S", s.sock, "-f", "/dev/null"}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return strings.TrimRight(string(out), "\n")
}

// Poll checks cond every 10 ms until it holds (true) or timeout passes
// (false). tmux handles a pane's output on its own schedule: there is no
// event to wait on.
func Poll(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		<-tick.C
	}
	return true
}
