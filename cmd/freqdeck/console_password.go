package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/x/term"
)

// errNoPasswordTTY is returned when a password is needed but stdin is not
// a terminal to ask on.
var errNoPasswordTTY = errors.New("a password is needed: set FREQDECK_PASSWORD (or password_env, password_file, password_cmd in the config)")

// promptPassword asks for a password on the terminal without echoing it.
// The prompt goes to stderr, before the console takes the screen.
func promptPassword(std stdio, prompt string) (string, error) {
	if std.in == nil || !term.IsTerminal(std.in.Fd()) {
		return "", errNoPasswordTTY
	}
	fmt.Fprint(std.err, prompt)
	p, err := term.ReadPassword(std.in.Fd())
	fmt.Fprintln(std.err)
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	return strings.TrimRight(string(p), "\r\n"), nil
}
