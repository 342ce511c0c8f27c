package tui

import (
	"context"
	"errors"
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"
)

// Run runs the console until the operator quits or ctx ends (a clean exit
// either way). Nothing but the terminal output is written while it runs.
//
// Bubble Tea reads the keys and runs the model; the console draws its
// frames itself (see screen), so an idle console does not wake up 60 times
// a second and a fresh frame reaches the terminal at once.
func Run(ctx context.Context, opts Options) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if opts.Input == nil {
		opts.Input = os.Stdin
	}
	if opts.Output == nil {
		opts.Output = os.Stdout
	}
	m, err := New(ctx, opts)
	if err != nil {
		return err
	}
	defer m.Close()
	term := newTerminal(opts.Input, opts.Output)
	if err := term.enter(); err != nil {
		return err
	}
	scr := newScreen(opts.Output)
	screenDone := make(chan struct{})
	go func() {
		defer close(screenDone)
		scr.run(ctx)
	}()
	p := tea.NewProgram(drawnModel{m, scr}, tea.WithContext(ctx), tea.WithoutRenderer(),
		tea.WithInput(opts.Input), tea.WithOutput(opts.Output))
	go followSize(ctx, term, scr, p, opts.FixedWidth > 0 && opts.FixedHeight > 0)
	_, err = p.Run()
	cancel()
	<-screenDone
	err = errors.Join(err, term.leave())
	if err != nil && errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil && !errors.Is(err, tea.ErrProgramPanic) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("console: %w", err)
	}
	return nil
}

// drawnModel hands every frame of the model to the screen.
type drawnModel struct {
	*Model
	scr *screen
}

// Update implements tea.Model.
func (d drawnModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := d.Model.Update(msg)
	return d, cmd
}

// View implements tea.Model.
func (d drawnModel) View() string {
	v := d.Model.View()
	if v != "" {
		d.scr.submit(v)
	}
	return v
}

// The size assumed for an output that reports none.
const (
	fallbackWidth  = 80
	fallbackHeight = 24
)

// followSize sends the terminal's size at start and after every resize. An
// output that reports no size gets Options.FixedWidth/Height (sent by
// Model.Init) or, without them, 80×24.
func followSize(ctx context.Context, term *terminal, scr *screen, p *tea.Program, fixed bool) {
	send := func() {
		if w, h, ok := term.size(); ok {
			scr.invalidate()
			p.Send(tea.WindowSizeMsg{Width: w, Height: h})
		}
	}
	if _, _, ok := term.size(); ok {
		send()
	} else if !fixed {
		p.Send(tea.WindowSizeMsg{Width: fallbackWidth, Height: fallbackHeight})
	}
	resized, stop := resizeSignals()
	defer stop()
	for {
		select {
		case <-resized:
			send()
		case <-ctx.Done():
			return
		}
	}
}
