package alert

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// requireTmuxEnv, when set, makes a missing tmux a failure, not a skip:
// .ci/run installs tmux and sets it.
const requireTmuxEnv = "FREQDECK_REQUIRE_TMUX"

// tmuxServer is a private tmux server (its own socket, no config file).
type tmuxServer struct {
	t    *testing.T
	bin  string
	sock string
}

func (s *tmuxServer) run(args ...string) string {
	s.t.Helper()
	out, err := exec.Command(s.bin, append([]string{"-S", s.sock, "-f", "/dev/null"}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// waitFor polls f until it is true; tmux handles a pane's output on its
// own schedule, so there is no event to wait on.
func (s *tmuxServer) waitFor(what string, f func() bool) {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !f() {
		if time.Now().After(deadline) {
			s.t.Fatalf("tmux never showed %s", what)
		}
		<-tick.C
	}
}

// TestTmuxBell writes alerts, as Encode makes them, into a tmux pane of a
// window that is not the current one: a desktop notification wrapped for
// tmux's passthrough leaves no text on the screen and rings nothing; the
// bell sets the window's bell flag.
func TestTmuxBell(t *testing.T) {
	t.Parallel()
	bin, err := exec.LookPath("tmux")
	if err != nil {
		if os.Getenv(requireTmuxEnv) != "" {
			t.Fatal("tmux is not installed, and " + requireTmuxEnv + " is set")
		}
		t.Skip("tmux is not installed (apt-get install tmux)")
	}
	s := &tmuxServer{t: t, bin: bin, sock: filepath.Join(t.TempDir(), "tmux.sock")}
	s.run("new-session", "-d", "-s", "alerts", "-x", "80", "-y", "24", "cat")
	t.Cleanup(func() { _, _ = exec.Command(bin, "-S", s.sock, "kill-server").CombinedOutput() })
	s.run("set-option", "-g", "bell-action", "any")
	s.run("set-option", "-g", "visual-bell", "off")
	s.run("set-window-option", "-g", "monitor-bell", "on")
	s.run("new-window", "-d", "-t", "alerts:1", "cat") // -d: window 0 stays current
	if cur := s.run("display-message", "-p", "-t", "alerts", "#{window_index}"); cur != "0" {
		t.Fatalf("current window %s, want 0", cur)
	}
	tty := s.run("display-message", "-p", "-t", "alerts:1", "#{pane_tty}")
	pane, err := os.OpenFile(tty, os.O_WRONLY, 0)
	if err != nil {
		t.Fatalf("open the pane's tty: %v", err)
	}
	defer pane.Close()
	bell := func() string { return s.run("display-message", "-p", "-t", "alerts:1", "#{window_bell_flag}") }

	a := exitAlert(Desktop)
	caps := TermCaps{Notify: NotifyOSC777, Tmux: true}
	if _, err := pane.Write(append(Encode(a, caps), "mark-1\r\n"...)); err != nil {
		t.Fatal(err)
	}
	s.waitFor("mark-1", func() bool { return strings.Contains(s.run("capture-pane", "-p", "-t", "alerts:1"), "mark-1") })
	screen := s.run("capture-pane", "-p", "-t", "alerts:1")
	if strings.Contains(screen, "tmux") || strings.Contains(screen, "notify") || strings.Contains(screen, "exit filled") {
		t.Fatalf("the notification leaked onto the screen:\n%s", screen)
	}
	if f := bell(); f != "0" {
		t.Fatalf("a notification without the bell set the bell flag (%s)", f)
	}

	a.Channels = List | Bell | Desktop
	if _, err := pane.Write(Encode(a, caps)); err != nil {
		t.Fatal(err)
	}
	s.waitFor("the bell flag on window 1", func() bool { return bell() == "1" })
	if f := s.run("display-message", "-p", "-t", "alerts:0", "#{window_bell_flag}"); f != "0" {
		t.Fatalf("the bell flagged window 0 too (%s)", f)
	}
}
