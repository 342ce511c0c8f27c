package tui

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient/action"
)

// tmuxSession is the built console running in a tmux session of its own
// (a private server socket), driven the way an operator's terminal is.
type tmuxSession struct {
	t    *testing.T
	tmux string
	sock string
}

// tmux runs a tmux command on the session's server.
func (s *tmuxSession) run(args ...string) (string, error) {
	out, err := exec.Command(s.tmux, append([]string{"-S", s.sock, "-f", "/dev/null"}, args...)...).CombinedOutput()
	return string(out), err
}

// screen is what the pane shows now.
func (s *tmuxSession) screen() string {
	out, err := s.run("capture-pane", "-p", "-t", "s")
	if err != nil {
		return ""
	}
	return out
}

// waitScreen polls the pane until it matches re, and returns the match.
func (s *tmuxSession) waitScreen(re *regexp.Regexp) []string {
	s.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		screen := s.screen()
		if m := re.FindStringSubmatch(screen); m != nil {
			return m
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the screen never matched %s:\n%s", re, screen)
		}
		<-tick.C
	}
}

// waitGone polls until the session has ended.
func (s *tmuxSession) waitGone() {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		if _, err := s.run("has-session", "-t", "s"); err != nil {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the console did not quit:\n%s", s.screen())
		}
		<-tick.C
	}
}

// buildConsole builds cmd/freqdeck into dir.
func buildConsole(t *testing.T, dir string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH to build the console")
	}
	bin := filepath.Join(dir, "freqdeck")
	out, err := exec.Command(goBin, "build", "-o", bin, "../cmd/freqdeck").CombinedOutput()
	if err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// TestBinaryKeysInOneWrite runs the built console (embedded dry-run bot)
// in tmux at 100x30 and types "xy" in one write, as a laggy SSH link
// delivers it: the force exit of the selected trade is confirmed and sent
// once, with one audit line; then "qy" in one write quits. The bot may
// refuse the exit (an entry that has not filled yet is cancelled instead);
// either answer shows the keys were handled, and sent once.
func TestBinaryKeysInOneWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the console binary")
	}
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed (apt-get install tmux): the built-binary key test needs it")
	}
	t.Parallel()
	dir := t.TempDir()
	bin := buildConsole(t, dir)
	audit := filepath.Join(dir, "audit.jsonl")
	cfgDir := filepath.Join(dir, "config", "freqdeck")
	if err := os.MkdirAll(cfgDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfgDir, "config.toml"), fmt.Appendf(nil, "audit_log = %q\n", audit), 0o600); err != nil {
		t.Fatal(err)
	}
	exitFile := filepath.Join(dir, "exit")
	script := fmt.Sprintf("env HOME=%[1]s XDG_CONFIG_HOME=%[1]s/config XDG_STATE_HOME=%[1]s/state XDG_DATA_HOME=%[1]s/data "+
		"XDG_CACHE_HOME=%[1]s/cache TERM=xterm-256color %[2]s; echo $? > %[3]s", dir, bin, exitFile)
	s := &tmuxSession{t: t, tmux: tmux, sock: filepath.Join(dir, "tmux.sock")}
	if out, err := s.run("new-session", "-d", "-s", "s", "-x", "100", "-y", "30", script); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	t.Cleanup(func() { _, _ = s.run("kill-server") })

	s.waitScreen(regexp.MustCompile(`(?s)Open trades \([1-9].*Fill entry order for`))
	if out, err := s.run("send-keys", "-t", "s", "-l", "xy"); err != nil {
		t.Fatalf("send-keys: %v: %s", err, out)
	}
	// An entry that had not filled yet is cancelled instead, and freqtrade's
	// answer then leaves the outcome to be checked.
	done := s.waitScreen(regexp.MustCompile(`Force exit #(\d+) \S+(: Created exit order| failed: |: the bot answered)`))

	if out, err := s.run("send-keys", "-t", "s", "-l", "qy"); err != nil {
		t.Fatalf("send-keys: %v: %s", err, out)
	}
	s.waitGone()
	if code, err := os.ReadFile(exitFile); err != nil || strings.TrimSpace(string(code)) != "0" {
		t.Fatalf("the console exited with %q (%v)", code, err)
	}
	data, err := os.ReadFile(audit)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) < 2 {
		t.Fatalf("audit log has %d lines, want the attempt and its result:\n%s", len(lines), data)
	}
	var e action.Entry
	if err := json.Unmarshal([]byte(lines[0]), &e); err != nil {
		t.Fatal(err)
	}
	req, _ := json.Marshal(e.Request)
	if e.Phase != action.PhaseAttempt || e.Action != "force_exit" || !strings.Contains(string(req), `"tradeid":"`+done[1]+`"`) {
		t.Fatalf("audit line = %s", lines[0])
	}
}
