// Package vtest is a small terminal emulator for tests: it understands what
// termrt's screen writes (cursor moves, erases, scrolling regions and SU;
// screen modes, styles and other sequences are ignored) and keeps the text
// of every cell, so a test can check what a terminal would show rather
// than which bytes drew it.
package vtest

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Screen is an emulated terminal of a fixed size.
type Screen struct {
	cells    [][]string
	row, col int
	top, bot int // the scrolling region, 0-based, inclusive
	w, h     int
	// pending is an escape sequence or a character a write ended in the
	// middle of.
	pending string
}

// New returns a blank w×h screen.
func New(w, h int) *Screen {
	v := &Screen{w: w, h: h, bot: h - 1}
	v.cells = make([][]string, h)
	for i := range v.cells {
		v.cells[i] = blankRow(w)
	}
	return v
}

func blankRow(w int) []string {
	r := make([]string, w)
	for i := range r {
		r[i] = " "
	}
	return r
}

// Write interprets out. A sequence or character that out ends in the
// middle of is kept for the next Write, as a terminal reading a stream in
// chunks does.
func (v *Screen) Write(out string) {
	out, v.pending = v.pending+out, ""
	if i := cutRune(out); i < len(out) {
		out, v.pending = out[:i], out[i:]
	}
	var state byte
	p := ansi.NewParser()
	for len(out) > 0 {
		seq, width, n, st := ansi.DecodeSequence(out, state, p)
		if st != 0 && n == len(out) {
			v.pending = out + v.pending // an escape sequence not finished yet
			return
		}
		state = st
		out = out[n:]
		switch {
		case width > 0:
			if v.row < v.h && v.col < v.w {
				v.cells[v.row][v.col] = seq
				for i := 1; i < width && v.col+i < v.w; i++ {
					v.cells[v.row][v.col+i] = ""
				}
			}
			v.col = min(v.col+width, v.w-1)
		case strings.HasPrefix(seq, "\x1b["):
			v.csi(seq)
		}
	}
}

// cutRune is where a rune s ends in the middle of starts, or len(s).
func cutRune(s string) int {
	for i := len(s) - 1; i >= 0 && i >= len(s)-utf8.UTFMax; i-- {
		if utf8.RuneStart(s[i]) {
			if utf8.FullRuneInString(s[i:]) {
				return len(s)
			}
			return i
		}
	}
	return len(s)
}

// csi runs one CSI sequence.
func (v *Screen) csi(seq string) {
	body := seq[2 : len(seq)-1]
	final := seq[len(seq)-1]
	if strings.HasPrefix(body, "?") {
		return // modes
	}
	params := strings.Split(body, ";")
	num := func(i, def int) int {
		if i >= len(params) || params[i] == "" {
			return def
		}
		n, err := strconv.Atoi(params[i])
		if err != nil {
			return def
		}
		return n
	}
	switch final {
	case 'H', 'f':
		v.row, v.col = min(max(num(0, 1)-1, 0), v.h-1), min(max(num(1, 1)-1, 0), v.w-1)
	case 'J':
		if num(0, 0) == 2 {
			for i := range v.cells {
				v.cells[i] = blankRow(v.w)
			}
		}
	case 'K':
		from := v.col
		if num(0, 0) == 2 {
			from = 0
		}
		for i := from; i < v.w; i++ {
			v.cells[v.row][i] = " "
		}
	case 'r':
		v.top, v.bot = min(max(num(0, 1)-1, 0), v.h-1), min(max(num(1, v.h)-1, 0), v.h-1)
		v.row, v.col = 0, 0
	case 'S':
		for range num(0, 1) {
			copy(v.cells[v.top:v.bot], v.cells[v.top+1:v.bot+1])
			v.cells[v.bot] = blankRow(v.w)
		}
	}
}

// Lines returns the screen's text, a line per row, trailing spaces cut.
func (v *Screen) Lines() []string {
	out := make([]string, v.h)
	for i, r := range v.cells {
		out[i] = strings.TrimRight(strings.Join(r, ""), " ")
	}
	return out
}

// Text is what a w×h terminal shows after out, a line per row.
func Text(out string, w, h int) string {
	v := New(w, h)
	v.Write(out)
	return strings.Join(v.Lines(), "\n")
}
