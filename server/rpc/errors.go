package rpc

import (
	"fmt"
	"net/http"
	"time"
)

// Error is freqtrade's RPCException. The server answers it with HTTP 502 and
// {"error": "Error querying <path>: <Msg>"}.
type Error struct {
	Msg string
}

// Error implements error.
func (e *Error) Error() string { return e.Msg }

// Errorf returns an *Error with a formatted message.
func Errorf(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// HTTPError is an explicit HTTP error: the server answers Status with
// {"detail": Detail}.
type HTTPError struct {
	Status int
	Detail string
}

// Error implements error.
func (e *HTTPError) Error() string { return fmt.Sprintf("%d %s", e.Status, e.Detail) }

// NotFound returns a 404 *HTTPError, for example NotFound("Trade not found.").
func NotFound(detail string) error {
	return &HTTPError{Status: http.StatusNotFound, Detail: detail}
}

// Invalid returns a 400 *HTTPError for a request the bot refuses, its
// detail naming the field: Invalid("price", "leaves an amount of 0").
// It is the bot's own check, below the server's 422s.
func Invalid(field, format string, args ...any) error {
	return &HTTPError{Status: http.StatusBadRequest, Detail: field + ": " + fmt.Sprintf(format, args...)}
}

// NotRunning returns freqtrade's "trader is not running" *Error.
func NotRunning() error { return &Error{Msg: "trader is not running"} }

// LockSpec is one validated lock to add (POST /locks).
type LockSpec struct {
	Pair   string
	Side   string // "long", "short" or "*"
	Until  time.Time
	Reason string
}
