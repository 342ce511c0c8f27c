package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// stdio holds the process streams so commands never touch os.Std* directly.
type stdio struct {
	in  *os.File
	out io.Writer
	err io.Writer
}

// exitError carries a specific exit code out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// run builds the command tree, executes args and returns the exit code.
func run(ctx context.Context, args []string, io stdio, getenv func(string) string) int {
	root := newRootCmd(io, getenv)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	fmt.Fprintln(io.err, "freqdeck:", err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

func newRootCmd(io stdio, getenv func(string) string) *cobra.Command {
	root := &cobra.Command{
		Use:   "freqdeck",
		Short: "A terminal operator console for freqtrade bots",
		Long: "freqdeck is a keyboard-driven console for freqtrade trading bots, a\n" +
			"freqtrade-compatible API server with a built-in dry-run bot, and a\n" +
			"freqtrade-client compatible CLI.",
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	root.SetIn(io.in)
	root.SetOut(io.out)
	root.SetErr(io.err)
	root.AddCommand(newVersionCmd())
	_ = getenv
	return root
}
