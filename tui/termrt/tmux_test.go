package termrt

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/tui/termrt/tmuxtest"
)

// tmuxPane is a pane of a private tmux server running cat, whose terminal
// a test writes to.
type tmuxPane struct {
	t   *testing.T
	srv *tmuxtest.Server
	tty *os.File
}

// newTmuxPane starts a w×h tmux session, or skips the test without tmux.
func newTmuxPane(t *testing.T, w, h int) *tmuxPane {
	t.Helper()
	p := &tmuxPane{t: t, srv: tmuxtest.Start(t)}
	p.srv.Run("new-session", "-d", "-s", "rt", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h), "cat")
	tty := p.srv.Run("display-message", "-p", "-t", "rt", "#{pane_tty}")
	var err error
	if p.tty, err = os.OpenFile(tty, os.O_WRONLY, 0); err != nil {
		t.Fatalf("open the pane's tty: %v", err)
	}
	t.Cleanup(func() { _ = p.tty.Close() })
	return p
}

// screen is the pane's text, trailing spaces cut.
func (p *tmuxPane) screen() string {
	lines := strings.Split(p.srv.Run("capture-pane", "-p", "-t", "rt"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// waitScreen waits until the pane shows want.
func (p *tmuxPane) waitScreen(want string) {
	p.t.Helper()
	want = strings.TrimRight(want, "\n")
	if !tmuxtest.Poll(10*time.Second, func() bool { return strings.TrimRight(p.screen(), "\n") == want }) {
		p.t.Fatalf("tmux shows\n%s\nwant\n%s", p.screen(), want)
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
