package termrt

import (
	"fmt"
	"io"
)

// Terminal modes the runtime sets and restores.
const (
	escAltScreenOn  = "\x1b[?1049h"
	escAltScreenOff = "\x1b[?1049l"
	escCursorHide   = "\x1b[?25l"
	escCursorShow   = "\x1b[?25h"
	escPasteOn      = "\x1b[?2004h"
	escPasteOff     = "\x1b[?2004l"
)

// enter puts the terminal on out in the runtime's modes: the alternate
// screen, a hidden cursor and bracketed paste (Bubble Tea's renderer does
// this when it is used; the runtime draws with its own).
func enter(out io.Writer) error {
	if _, err := io.WriteString(out, escAltScreenOn+escCursorHide+escPasteOn); err != nil {
		return fmt.Errorf("set up the terminal: %w", err)
	}
	return nil
}

// leave restores what enter changed.
func leave(out io.Writer) error {
	if _, err := io.WriteString(out, escPasteOff+escCursorShow+escAltScreenOff); err != nil {
		return fmt.Errorf("restore the terminal: %w", err)
	}
	return nil
}
