package tui

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/freqdeck/freqdeck/tui/termrt"
)

// The size assumed for an output that reports none, unless
// Options.FixedWidth/Height say otherwise.
const (
	fallbackWidth  = 80
	fallbackHeight = 24
)

// Run runs the console on the local terminal (Options.Input and Output,
// default stdin and stdout) until the operator quits or ctx ends (a clean
// exit either way). Nothing but the terminal output is written while it
// runs.
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
	tty := termrt.NewLocal(opts.Input, opts.Output)
	if err := tty.MakeRaw(); err != nil {
		return fmt.Errorf("console: %w", err)
	}
	fallback := termrt.Size{Width: fallbackWidth, Height: fallbackHeight}
	if opts.FixedWidth > 0 && opts.FixedHeight > 0 {
		fallback = termrt.Size{Width: opts.FixedWidth, Height: opts.FixedHeight}
	}
	_, err = termrt.Run(ctx, m, termrt.Options{In: opts.Input, Out: opts.Output, Sizes: tty.Sizes(ctx, fallback)})
	if err = errors.Join(err, tty.Restore()); err != nil {
		return fmt.Errorf("console: %w", err)
	}
	return nil
}
