package termrt

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/charmbracelet/x/term"
)

// Local is the process's own terminal: raw mode on its input, the size of
// its output, and SIGWINCH for resizes. Input and output that are not
// terminals (pipes, tests) are used as they are, with a fixed size.
type Local struct {
	inFile   *os.File
	outFile  *os.File
	rawState *term.State
}

// NewLocal returns the local terminal of in and out.
func NewLocal(in io.Reader, out io.Writer) *Local {
	l := &Local{}
	if f, ok := in.(*os.File); ok && term.IsTerminal(f.Fd()) {
		l.inFile = f
	}
	if f, ok := out.(*os.File); ok && term.IsTerminal(f.Fd()) {
		l.outFile = f
	}
	return l
}

// MakeRaw puts the input terminal in raw mode: keys arrive one by one,
// unechoed, ctrl+c among them. It does nothing for an input that is not a
// terminal.
func (l *Local) MakeRaw() error {
	if l.inFile == nil || l.rawState != nil {
		return nil
	}
	st, err := term.MakeRaw(l.inFile.Fd())
	if err != nil {
		return fmt.Errorf("raw mode: %w", err)
	}
	l.rawState = st
	return nil
}

// Restore undoes MakeRaw.
func (l *Local) Restore() error {
	if l.rawState == nil {
		return nil
	}
	err := term.Restore(l.inFile.Fd(), l.rawState)
	l.rawState = nil
	if err != nil {
		return fmt.Errorf("restore the terminal: %w", err)
	}
	return nil
}

// Size returns the output terminal's size; ok is false for an output that
// is not a terminal.
func (l *Local) Size() (Size, bool) {
	if l.outFile == nil {
		return Size{}, false
	}
	w, h, err := term.GetSize(l.outFile.Fd())
	return Size{Width: w, Height: h}, err == nil && w > 0 && h > 0
}

// Sizes reports the output terminal's size now and after every resize,
// until ctx ends. An output that reports no size gets fallback, once.
func (l *Local) Sizes(ctx context.Context, fallback Size) <-chan Size {
	ch := make(chan Size, 1)
	size, ok := l.Size()
	if !ok {
		ch <- fallback
		return ch
	}
	ch <- size
	resized, stop := resizeSignals()
	go func() {
		defer stop()
		for {
			select {
			case <-resized:
			case <-ctx.Done():
				return
			}
			if size, ok := l.Size(); ok {
				select {
				case ch <- size:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return ch
}
