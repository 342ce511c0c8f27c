package sshlink

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/charmbracelet/x/term"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
)

// TerminalPassphrase asks for the passphrase of an encrypted SSH key on the
// terminal in (the prompt written to errOut), without echo, one prompt at a time (hosts connect in
// parallel). When stdin is not a terminal it fails, saying how to do
// without: the key is then skipped, and the auth failure names it.
func TerminalPassphrase(in *os.File, errOut io.Writer) sshdial.PassphraseFunc {
	var mu sync.Mutex
	return func(ctx context.Context, keyPath string) (string, error) {
		if in == nil || !term.IsTerminal(in.Fd()) {
			return "", fmt.Errorf("stdin is not a terminal to ask for it on: add the key to ssh-agent (ssh-add %s)", keyPath)
		}
		mu.Lock()
		defer mu.Unlock()
		return readSecret(ctx, in, errOut, fmt.Sprintf("Enter passphrase for key '%s': ", keyPath))
	}
}

// readSecret reads a line from the terminal in without echo. If ctx
// ends first (Ctrl-C), it gives up and puts the terminal back as it was, so
// echo is not left off.
func readSecret(ctx context.Context, in *os.File, errOut io.Writer, prompt string) (string, error) {
	fd := in.Fd()
	state, err := term.GetState(fd)
	if err != nil {
		return "", fmt.Errorf("read passphrase: %w", err)
	}
	fmt.Fprint(errOut, prompt)
	type answer struct {
		b   []byte
		err error
	}
	done := make(chan answer, 1)
	go func() {
		b, err := term.ReadPassword(fd)
		done <- answer{b, err}
	}()
	select {
	case a := <-done:
		fmt.Fprintln(errOut)
		if a.err != nil {
			return "", fmt.Errorf("read passphrase: %w", a.err)
		}
		return strings.TrimRight(string(a.b), "\r\n"), nil
	case <-ctx.Done():
		_ = term.Restore(fd, state)
		fmt.Fprintln(errOut)
		return "", ctx.Err() //nolint:wrapcheck // sshdial reads it as a cancelled prompt
	}
}
