package tui

import (
	"fmt"
	"io"
	"os"

	"github.com/charmbracelet/x/term"
)

// Terminal modes the console sets and restores.
const (
	escAltScreenOn  = "\x1b[?1049h"
	escAltScreenOff = "\x1b[?1049l"
	escCursorHide   = "\x1b[?25l"
	escCursorShow   = "\x1b[?25h"
	escPasteOn      = "\x1b[?2004h"
	escPasteOff     = "\x1b[?2004l"
)

// terminal owns the terminal's modes while the console runs: raw input,
// the alternate screen, a hidden cursor and bracketed paste (Bubble Tea's
// renderer does this when it is used; the console draws with its own).
type terminal struct {
	in       io.Reader
	out      io.Writer
	inFile   *os.File
	outFile  *os.File
	rawState *term.State
}

func newTerminal(in io.Reader, out io.Writer) *terminal {
	t := &terminal{in: in, out: out}
	if f, ok := in.(*os.File); ok && term.IsTerminal(f.Fd()) {
		t.inFile = f
	}
	if f, ok := out.(*os.File); ok && term.IsTerminal(f.Fd()) {
		t.outFile = f
	}
	return t
}

// size returns the output terminal's size; ok is false for a non-terminal.
func (t *terminal) size() (w, h int, ok bool) {
	if t.outFile == nil {
		return 0, 0, false
	}
	w, h, err := term.GetSize(t.outFile.Fd())
	return w, h, err == nil && w > 0 && h > 0
}

// enter puts the terminal in the console's modes.
func (t *terminal) enter() error {
	if t.inFile != nil {
		st, err := term.MakeRaw(t.inFile.Fd())
		if err != nil {
			return fmt.Errorf("console: raw mode: %w", err)
		}
		t.rawState = st
	}
	_, err := io.WriteString(t.out, escAltScreenOn+escCursorHide+escPasteOn)
	if err != nil {
		return fmt.Errorf("console: %w", err)
	}
	return nil
}

// leave restores the terminal as it was.
func (t *terminal) leave() error {
	_, err := io.WriteString(t.out, escPasteOff+escCursorShow+escAltScreenOff)
	if t.rawState != nil {
		if rerr := term.Restore(t.inFile.Fd(), t.rawState); rerr != nil && err == nil {
			err = rerr
		}
		t.rawState = nil
	}
	if err != nil {
		return fmt.Errorf("console: restore the terminal: %w", err)
	}
	return nil
}
