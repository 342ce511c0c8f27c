package termrt

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// requireTmuxEnv, when set, makes a missing tmux a failure, not a skip.
const requireTmuxEnv = "FREQDECK_REQUIRE_TMUX"

// tmuxPane is a pane of a private tmux server (its own socket, no config)
// running cat, whose terminal a test writes to.
type tmuxPane struct {
	t    *testing.T
	bin  string
	sock string
	tty  *os.File
}

// newTmuxPane starts a w×h tmux session, or skips the test without tmux.
func newTmuxPane(t *testing.T, w, h int) *tmuxPane {
	t.Helper()
	bin, err := exec.LookPath("tmux")
	if err != nil {
		if os.Getenv(requireTmuxEnv) != "" {
			t.Fatal("tmux is not installed, and " + requireTmuxEnv + " is set")
		}
		t.Skip("tmux is not installed (apt-get install tmux)")
	}
	p := &tmuxPane{t: t, bin: bin, sock: filepath.Join(t.TempDir(), "tmux.sock")}
	p.run("new-session", "-d", "-s", "rt", "-x", itoa(w), "-y", itoa(h), "cat")
	t.Cleanup(func() { _, _ = exec.Command(bin, "-S", p.sock, "kill-server").CombinedOutput() })
	tty := p.run("display-message", "-p", "-t", "rt", "#{pane_tty}")
	if p.tty, err = os.OpenFile(tty, os.O_WRONLY, 0); err != nil {
		t.Fatalf("open the pane's tty: %v", err)
	}
	t.Cleanup(func() { _ = p.tty.Close() })
	return p
}

func itoa(n int) string { return strconv.Itoa(n) }

func (p *tmuxPane) run(args ...string) string {
	p.t.Helper()
	out, err := exec.Command(p.bin, append([]string{"-S", p.sock, "-f", "/dev/null"}, args...)...).CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return strings.TrimRight(string(out), "\n")
}

// screen is the pane's text, trailing spaces cut.
func (p *tmuxPane) screen() string {
	lines := strings.Split(p.run("capture-pane", "-p", "-t", "rt"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// waitScreen waits until the pane shows want; tmux handles the pane's
// output on its own schedule, so there is no event to wait on.
func (p *tmuxPane) waitScreen(want string) {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		got := p.screen()
		if strings.TrimRight(got, "\n") == strings.TrimRight(want, "\n") {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("tmux shows\n%s\nwant\n%s", got, want)
		}
		<-tick.C
	}
}

// TestRenderOnTmux: the frames of a scrolling log beside a static pane, as
// render writes them (scrolling regions, tails of lines), look exactly
// like the frames in a real terminal.
func TestRenderOnTmux(t *testing.T) {
	t.Parallel()
	const w, h = 80, 20
	p := newTmuxPane(t, w, h)
	var last []string
	for _, first := range []int{0, 1, 2, 5, 6, 40, 41} {
		frame := deskFrame(w, h, first)
		out, lines := render(last, frame)
		last = lines
		if _, err := p.tty.WriteString(out); err != nil {
			t.Fatal(err)
		}
		p.waitScreen(plainScreen(frame))
	}
}
