// Package termrt is the console's terminal runtime: it runs a Bubble Tea
// model on a terminal and draws the model's frames itself.
//
// Bubble Tea reads the keys and runs the model; Screen draws. Bubble Tea's
// own renderer (v1) is not used because it wakes on a 60 Hz ticker to look
// for a new frame whether or not anything changed. Measured with
// bench/console (idle scenario, 120x40, a bot with 5 open trades whose data
// does not change, 30 s, 2 shared cores): the console used 1.0-1.2 % of one
// core with Bubble Tea's renderer and 0.17-0.23 % with Screen, against
// DESIGN.md's 0.5 % target. Screen is driven by the frames instead: a frame
// goes out as soon as the model has one (at most one per 16 ms), only its
// changed lines are written, and an idle console does not wake up at all.
//
// A runtime needs only an io.Reader for the keys, an io.Writer for the
// frames and a channel of sizes, so one serves the local terminal (Local:
// raw mode, the terminal's size and SIGWINCH) and an SSH session (the
// session and its window-change events) alike. It keeps no global state and
// installs no signal handler, so several run in one process at once.
//
// Boundary: termrt imports Bubble Tea and charmbracelet/x/term only.
package termrt

import (
	"context"
	"errors"
	"io"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"
)

// Size is a terminal's size in cells.
type Size struct {
	Width, Height int
}

// Options are one terminal's ends.
type Options struct {
	// In is the keyboard: the bytes the terminal sends.
	In io.Reader
	// Out is the screen the frames are drawn on.
	Out io.Writer
	// Sizes delivers the terminal's size: the first one before anything is
	// drawn, then one after every resize. The model receives each as a
	// tea.WindowSizeMsg.
	Sizes <-chan Size
}

// Run runs m on the terminal of opts until the model quits or ctx ends;
// both are a clean end. It returns the final model. The terminal is in the
// alternate screen, with a hidden cursor and bracketed paste, while it
// runs; putting its input in raw mode is the caller's part (Local.MakeRaw
// for the local terminal; an SSH session needs none).
//
// After every update the model's View is drawn: it must be exactly the
// terminal's height in lines, none wider than its width.
func Run(ctx context.Context, m tea.Model, opts Options) (tea.Model, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := enter(opts.Out); err != nil {
		return m, err
	}
	scr := NewScreen(opts.Out)
	screenDone := make(chan struct{})
	go func() {
		defer close(screenDone)
		scr.Run(ctx)
	}()
	p := tea.NewProgram(drawn{m, scr}, tea.WithContext(ctx), tea.WithoutRenderer(), tea.WithoutSignalHandler(),
		tea.WithInput(plainInput(opts.In)), tea.WithOutput(opts.Out))
	go followSizes(ctx, opts.Sizes, scr, p)
	final, err := p.Run()
	cancel()
	<-screenDone
	if errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, tea.ErrProgramPanic) {
		err = nil // ctx ended: a clean end
	}
	if d, ok := final.(drawn); ok {
		final = d.Model
	}
	return final, errors.Join(err, leave(opts.Out))
}

// RawMsg asks the runtime to write Bytes to the terminal as they are,
// between two frames: a bell, a desktop notification. A model returns it
// from a command (Raw); the runtime takes it, and the model never sees it.
// Each runtime writes to its own terminal, so every session of `freqdeck
// host` rings its own.
type RawMsg struct{ Bytes []byte }

// Raw is the command that writes b to the terminal between two frames
// (RawMsg); nil for nothing to write.
func Raw(b []byte) tea.Cmd {
	if len(b) == 0 {
		return nil
	}
	return func() tea.Msg { return RawMsg{Bytes: b} }
}

// drawn runs a model and hands the view after every update to the screen.
type drawn struct {
	tea.Model
	scr *Screen
}

// Update implements tea.Model. A RawMsg goes to the screen, not to the
// model.
func (d drawn) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if r, ok := msg.(RawMsg); ok {
		d.scr.WriteRaw(r.Bytes)
		return d, nil
	}
	m, cmd := d.Model.Update(msg)
	d.Model = m
	if v := m.View(); v != "" {
		d.scr.Submit(v)
	}
	return d, cmd
}

// View implements tea.Model. Bubble Tea's renderer is off, so the view
// drawn is the one Update submitted.
func (d drawn) View() string { return "" }

// followSizes sends every size to the program, each after forgetting what
// the screen showed: the next frame is drawn whole.
func followSizes(ctx context.Context, sizes <-chan Size, scr *Screen, p *tea.Program) {
	for {
		select {
		case s, ok := <-sizes:
			if !ok {
				return
			}
			scr.Invalidate()
			p.Send(tea.WindowSizeMsg{Width: s.Width, Height: s.Height})
		case <-ctx.Done():
			return
		}
	}
}

// plainInput hides a file that is not a terminal (a pipe) behind a plain
// reader. Given an *os.File, Bubble Tea reads it through an epoll cancel
// reader whose Close races with its own Read on shutdown (the race detector
// catches it); a pipe gains nothing from cancellable reads, since closing
// its write end ends the read anyway. A terminal keeps its file.
func plainInput(in io.Reader) io.Reader {
	if f, ok := in.(*os.File); ok && !term.IsTerminal(f.Fd()) {
		return struct{ io.Reader }{f}
	}
	return in
}
