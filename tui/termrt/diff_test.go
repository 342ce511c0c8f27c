package termrt

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/freqdeck/freqdeck/tui/termrt/vtest"
)

// deskFrame is a frame like the console's desk at w×h: a static pane on
// the left (a few rows of content, then blank) and a log pane on the right
// whose lines scroll, the newest at the bottom, styled, with a status line
// that changes on every frame.
func deskFrame(w, h, first int) string {
	left := 24
	lines := make([]string, h)
	for y := range h - 1 {
		l := "│" + strings.Repeat(" ", left-2) + "│"
		if y < 2 {
			l = fmt.Sprintf("│ \x1b[33mlock %d\x1b[m%s│", y, strings.Repeat(" ", left-9))
		}
		text := fmt.Sprintf("12:00:%02d \x1b[1mINFO\x1b[m line %d: Long signal found ünïcode 世界", (first+y)%60, first+y)
		lines[y] = l + ansi.Truncate(text, w-left, "") + strings.Repeat(" ", max(w-left-ansi.StringWidth(text), 0))
	}
	lines[h-1] = fmt.Sprintf("\x1b[7m bot · online · updated %ds ago \x1b[m", first%60)
	return strings.Join(lines, "\n")
}

// plainScreen is what a frame looks like: its text, trailing spaces cut.
func plainScreen(frame string) string {
	lines := strings.Split(ansi.Strip(frame), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// TestRenderDrawsEveryFrameExactly: whatever changed between frames (a log
// scrolling by one line or several, a line edited in its middle, rows
// growing and shrinking, styles), the terminal shows exactly the frame
// after render's output.
func TestRenderDrawsEveryFrameExactly(t *testing.T) {
	t.Parallel()
	const w, h = 80, 20
	rng := rand.New(rand.NewPCG(1, 2))
	v := vtest.New(w, h)
	var last []string
	first := 0
	for step := range 300 {
		var frame string
		switch rng.IntN(4) {
		case 0, 1: // the log scrolls by 1 to 3 lines
			first += 1 + rng.IntN(3)
			frame = deskFrame(w, h, first)
		case 2: // one line changes in its middle
			lines := strings.Split(deskFrame(w, h, first), "\n")
			y := rng.IntN(h)
			lines[y] = ansi.Truncate(lines[y], 30+rng.IntN(20), "") + "\x1b[31mchanged\x1b[m"
			frame = strings.Join(lines, "\n")
		default: // a jump: everything differs
			first += 50 + rng.IntN(50)
			frame = deskFrame(w, h, first)
		}
		s, lines := render(last, frame)
		v.Write(s)
		last = lines
		if got, want := strings.Join(v.Lines(), "\n"), plainScreen(frame); got != want {
			t.Fatalf("step %d: the screen shows\n%s\nwant\n%s", step, got, want)
		}
	}
}

// TestRenderScrollsALog: a new log line beside a static pane costs a
// scroll and the new line, not a rewrite of the pane.
func TestRenderScrollsALog(t *testing.T) {
	t.Parallel()
	const w, h = 120, 40
	_, last := render(nil, deskFrame(w, h, 0))
	full := len(deskFrame(w, h, 0))
	out, _ := render(last, deskFrame(w, h, 1))
	if !strings.Contains(out, "S\x1b[r") {
		t.Fatalf("a scrolled log was not scrolled: %q", out)
	}
	// The new line, the two lock rows (their log part moved), the status
	// line: about 4 lines of 39.
	if len(out) > full/6 {
		t.Fatalf("one new log line cost %d bytes of a %d-byte frame", len(out), full)
	}
	if got, want := vtest.Text(func() string { a, _ := render(nil, deskFrame(w, h, 0)); return a + out }(), w, h), plainScreen(deskFrame(w, h, 1)); got != want {
		t.Fatalf("the screen shows\n%s\nwant\n%s", got, want)
	}
}

// TestChangedTail: the tail starts at the first changed cell, with the
// styles in force there.
func TestChangedTail(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		old, next string
		col       int
		tail      string
	}{
		{"abc", "abd", 2, "d"},
		{"", "abc", 0, "abc"},
		{"abc", "xbc", 0, "xbc"},
		{"ab\x1b[31mcd\x1b[m", "ab\x1b[31mcx\x1b[m", 3, "\x1b[31mx\x1b[m"},
		{"\x1b[1mA\x1b[mbc", "\x1b[1mA\x1b[mbd", 2, "d"},
		{"世界a", "世界b", 4, "b"},
		{"xe\u0301", "xe!", 1, "e!"},
	} {
		col, tail := changedTail(c.old, c.next)
		if col != c.col || tail != c.tail {
			t.Errorf("changedTail(%q, %q) = %d %q, want %d %q", c.old, c.next, col, tail, c.col, c.tail)
		}
	}
}

// TestVTestChunks: the test emulator reads a stream cut anywhere, as a
// terminal does.
func TestVTestChunks(t *testing.T) {
	t.Parallel()
	out, _ := render(nil, deskFrame(80, 20, 3))
	want := vtest.Text(out, 80, 20)
	v := vtest.New(80, 20)
	for i := 0; i < len(out); i += 7 {
		v.Write(out[i:min(i+7, len(out))])
	}
	if got := strings.Join(v.Lines(), "\n"); got != want {
		t.Fatalf("in chunks the screen shows\n%s\nwant\n%s", got, want)
	}
}
