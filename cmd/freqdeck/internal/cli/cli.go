// Package cli holds what freqdeck's commands share and what the client
// command may import: the exit statuses and the flags that choose bots.
//
// It imports only pflag: the client command (cmd/freqdeck/client) uses it
// and must stay free of the console and the server.
package cli

import "errors"

// Exit statuses of freqdeck's commands.
const (
	ExitAPIError    = 1 // the bot answered with an error, or any other failure
	ExitUsage       = 2 // bad command, arguments or configuration
	ExitUnreachable = 3 // the bot could not be reached
	// ExitUnknown: an action was sent, but no answer says what the bot did
	// (a timeout, a reset connection, a 5xx without the bot's message).
	ExitUnknown = 4
)

// Error carries an exit status out of a command.
type Error struct {
	Code int
	Err  error
}

// Error implements error.
func (e *Error) Error() string { return e.Err.Error() }

// Unwrap returns the wrapped error.
func (e *Error) Unwrap() error { return e.Err }

// Usage marks err as a usage error (ExitUsage); nil stays nil.
func Usage(err error) error {
	if err == nil {
		return nil
	}
	return &Error{Code: ExitUsage, Err: err}
}

// Code is the exit status for err: 0 for nil, the status an Error carries,
// else 1.
func Code(err error) int {
	if err == nil {
		return 0
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ExitAPIError
}
