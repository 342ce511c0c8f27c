package action

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"syscall"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Outcome is what came of an action, as far as anyone can tell.
type Outcome int

// The outcomes. The zero Outcome is "not known yet" (a call under way).
const (
	// Done: the bot did it.
	Done Outcome = iota + 1
	// Refused: the bot answered with its own error; it did not do it.
	Refused
	// NotSent: the request never reached the bot (connection refused, no
	// such host, a certificate refused), so nothing happened.
	NotSent
	// Unknown: the request may have reached the bot, but no answer says
	// what it did (a timeout, a reset connection, a 5xx without freqtrade's
	// error body, or an answer that does not say). Never report it as failed:
	// find out from the bot's state (Reconcile).
	Unknown
)

// String is the outcome's name in the audit log ("done").
func (o Outcome) String() string {
	switch o {
	case Done:
		return "done"
	case Refused:
		return "refused"
	case NotSent:
		return "not_sent"
	case Unknown:
		return "unknown"
	}
	return ""
}

// MarshalText implements encoding.TextMarshaler.
func (o Outcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (o *Outcome) UnmarshalText(b []byte) error {
	for _, c := range []Outcome{Done, Refused, NotSent, Unknown} {
		if c.String() == string(b) {
			*o = c
			return nil
		}
	}
	*o = 0
	return nil
}

// RefusedError is an answer of the bot that says it did nothing, though
// its status is a success: freqtrade answers a force entry it could not
// place with 200 {"status": "Error entering long trade for pair X."}.
type RefusedError struct {
	// Message is the bot's own words.
	Message string
}

// Error implements error.
func (e *RefusedError) Error() string { return e.Message }

// Classify sorts the error of an action's call into its outcome. A nil
// error is Done. An answer from the bot refuses the action (credentials
// refused included), except a 5xx that carries no message of the bot's
// (a proxy's page, a crash): then, as for a timeout, a reset connection or
// anything else cut short, the outcome is Unknown. Failures that happen
// before any byte of the request can reach the bot are NotSent.
func Classify(err error) Outcome {
	var apiErr *apiclient.APIError
	var authErr *apiclient.AuthError
	var refused *RefusedError
	switch {
	case err == nil:
		return Done
	case errors.As(err, &authErr), errors.As(err, &refused):
		return Refused
	case errors.As(err, &apiErr):
		if apiErr.Status >= http.StatusInternalServerError && !apiErr.Explained {
			return Unknown
		}
		return Refused
	case notSent(err):
		return NotSent
	}
	return Unknown
}

// notSent reports whether err happened before the request could leave: a
// refused or failed dial, a name that does not resolve, a certificate the
// client refused.
func notSent(err error) bool {
	var opErr *net.OpError
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var authority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return true
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return true
	case errors.As(err, &dnsErr), errors.As(err, &certErr), errors.As(err, &authority), errors.As(err, &hostname):
		return true
	}
	return false
}
