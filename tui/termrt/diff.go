package termrt

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// The scroll a frame may be drawn with (scrollUp).
const (
	// maxScroll is the most lines a block may have moved up by and still
	// be scrolled rather than rewritten.
	maxScroll = 8
	// minScrollGain is the fewest rewritten lines a scroll must save: a
	// scroll costs a few escape sequences.
	minScrollGain = 3
)

// scrollUp finds the block of lines of the terminal (last) that moved up
// in the next frame (lines), as a log pane's lines do when a line comes,
// and scrolls it with a scrolling region (DECSTBM, then SU): the terminal
// moves those lines itself, and only the lines that are new at the block's
// bottom are written. It writes the scroll to b and returns what the
// terminal shows after it (last itself when nothing was worth scrolling).
//
// The block is a run of whole lines (a scrolling region spans the screen's
// width): beside a pane whose lines stay the same, like the locks pane next
// to the logs, the run covers the rows where that pane is blank, and the
// rows where it is not are written as usual.
func scrollUp(b *strings.Builder, last, lines []string) []string {
	n := min(len(last), len(lines))
	bestGain, bestK, bestFrom, bestTo := 0, 0, 0, 0
	for k := 1; k <= min(maxScroll, n-1); k++ {
		from, gain := -1, 0
		for i := 0; i <= n-k; i++ {
			if i < n-k && lines[i] == last[i+k] {
				if from < 0 {
					from, gain = i, 0
				}
				if lines[i] != last[i] {
					gain++
				}
				continue
			}
			if from >= 0 && gain > bestGain {
				bestGain, bestK, bestFrom, bestTo = gain, k, from, i-1
			}
			from = -1
		}
	}
	if bestGain < minScrollGain {
		return last
	}
	// Lines bestFrom..bestTo+bestK of the terminal hold the block; after
	// the scroll, bestFrom..bestTo hold its lines bestK further down, and
	// the bottom bestK lines are blank.
	top, bottom := bestFrom, bestTo+bestK
	b.WriteString(escResetStyle)
	b.WriteString("\x1b[" + strconv.Itoa(top+1) + ";" + strconv.Itoa(bottom+1) + "r")
	b.WriteString("\x1b[" + strconv.Itoa(bestK) + "S")
	b.WriteString("\x1b[r")
	shown := make([]string, len(last))
	copy(shown, last)
	for i := top; i <= bottom; i++ {
		if i+bestK <= bottom {
			shown[i] = last[i+bestK]
		} else {
			shown[i] = ""
		}
	}
	return shown
}

// changedTail returns where line next first differs from line old on the
// screen, as a cell column, and what to write from there: the rest of next,
// led by the escape sequences (styles) in force at that column. The cells
// before col are on the terminal already.
func changedTail(old, next string) (col int, tail string) {
	i := 0
	for i < len(old) && i < len(next) && old[i] == next[i] {
		i++
	}
	if i == 0 {
		return 0, next
	}
	if plain(next[:i]) {
		// The common prefix is plain ASCII: bytes are cells. Back up one
		// byte when the difference may sit inside a longer grapheme.
		if i < len(next) && next[i] >= 0x80 || i < len(old) && old[i] >= 0x80 {
			i--
		}
		return i, next[i:]
	}
	var (
		state   byte
		escapes []string // in force: every sequence since the last reset
		at      int      // bytes of next decoded
	)
	for at < len(next) {
		seq, width, n, st := ansi.DecodeSequence(next[at:], state, nil)
		if n <= 0 {
			break
		}
		if at+n > i {
			break // this token holds the first difference
		}
		state = st
		switch {
		case width > 0:
			col += width
		case isReset(seq):
			escapes = escapes[:0]
		case len(seq) > 0 && seq[0] == ansi.ESC:
			escapes = append(escapes, seq)
		}
		at += n
	}
	return col, strings.Join(escapes, "") + next[at:]
}

// plain reports whether s is printable ASCII only.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// isReset reports whether seq resets every style (SGR 0).
func isReset(seq string) bool { return seq == "\x1b[m" || seq == "\x1b[0m" }
