// Command freqdeck is a terminal operator console for freqtrade bots, a
// freqtrade-compatible API server with a built-in dry-run bot, and a
// freqtrade-client compatible CLI.
//
// main only wires the process (signals, streams, environment) into run; all
// behaviour lives in the packages it calls.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr}, os.Getenv)
	stop()
	os.Exit(code)
}
