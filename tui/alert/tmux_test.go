package alert

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/tui/termrt/tmuxtest"
)

// TestTmuxBell writes alerts, as Encode makes them, into a tmux pane of a
// window that is not the current one: a desktop notification wrapped for
// tmux's passthrough leaves no text on the screen and rings nothing; the
// bell sets the window's bell flag.
func TestTmuxBell(t *testing.T) {
	t.Parallel()
	s := tmuxtest.Start(t)
	s.Run("new-session", "-d", "-s", "alerts", "-x", "80", "-y", "24", "cat")
	s.Run("set-option", "-g", "bell-action", "any")
	s.Run("set-option", "-g", "visual-bell", "off")
	s.Run("set-window-option", "-g", "monitor-bell", "on")
	s.Run("new-window", "-d", "-t", "alerts:1", "cat") // -d: window 0 stays current
	if cur := s.Run("display-message", "-p", "-t", "alerts", "#{window_index}"); cur != "0" {
		t.Fatalf("current window %s, want 0", cur)
	}
	tty := s.Run("display-message", "-p", "-t", "alerts:1", "#{pane_tty}")
	pane, err := os.OpenFile(tty, os.O_WRONLY, 0)
	if err != nil {
		t.Fatalf("open the pane's tty: %v", err)
	}
	defer pane.Close()
	bell := func() string { return s.Run("display-message", "-p", "-t", "alerts:1", "#{window_bell_flag}") }

	a := exitAlert(Desktop)
	caps := TermCaps{Notify: NotifyOSC777, Tmux: true}
	if _, err := pane.Write(append(Encode(a, caps), "mark-1\r\n"...)); err != nil {
		t.Fatal(err)
	}
	if !tmuxtest.Poll(15*time.Second, func() bool { return strings.Contains(s.Run("capture-pane", "-p", "-t", "alerts:1"), "mark-1") }) {
		t.Fatal("tmux never showed mark-1")
	}
	screen := s.Run("capture-pane", "-p", "-t", "alerts:1")
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
	if !tmuxtest.Poll(15*time.Second, func() bool { return bell() == "1" }) {
		t.Fatal("tmux never set the bell flag on window 1")
	}
	if f := s.Run("display-message", "-p", "-t", "alerts:0", "#{window_bell_flag}"); f != "0" {
		t.Fatalf("the bell flagged window 0 too (%s)", f)
	}
}
