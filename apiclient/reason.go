package apiclient

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
)

// NotAPIError means that something answered the request, but not the
// freqtrade API: an HTML page (a web server, a proxy, or FreqUI at a wrong
// base path) or a body that is not JSON at all.
type NotAPIError struct {
	// Method and Route name the call.
	Method, Route string
	// Status is the HTTP status of the answer.
	Status int
	// HTML is set when the answer was an HTML page.
	HTML bool
}

// Error implements error.
func (e *NotAPIError) Error() string {
	return fmt.Sprintf("%s %s: the URL answered %s, not the freqtrade API (is the base URL right?)", e.Method, e.Route, e.what())
}

// what names what came back.
func (e *NotAPIError) what() string {
	if e.HTML {
		return "HTML"
	}
	return "something that is not JSON"
}

// notAPI returns the *NotAPIError of a 2xx body that is not JSON at all, or
// nil: a JSON body that does not fit its type is a decode error instead.
func notAPI(method, route string, status int, body []byte) error {
	if json.Valid(body) {
		return nil
	}
	return &NotAPIError{Method: method, Route: route, Status: status, HTML: looksHTML(body)}
}

// looksHTML reports whether a body is an HTML (or XML) page.
func looksHTML(body []byte) bool {
	return bytes.HasPrefix(bytes.TrimSpace(body), []byte("<"))
}

// Failure sorts a failed call by what it says about the bot, so a console
// can tell an offline bot from one refusing the password or one that is
// not a freqtrade API at all.
type Failure int

// The failures, from FailureOf.
const (
	// FailureNone is no error.
	FailureNone Failure = iota
	// FailureUnreachable is no answer: the connection was refused, reset or
	// timed out, the name did not resolve, or TLS failed.
	FailureUnreachable
	// FailureAuth is refused credentials.
	FailureAuth
	// FailureNotAPI is an answer that is not the freqtrade API: an HTML
	// page or a body that is not JSON (a wrong URL or base path).
	FailureNotAPI
	// FailureServer is the API answering with an error status.
	FailureServer
	// FailureCanceled is the caller giving up: its context was cancelled.
	FailureCanceled
	// FailureOther is anything else, such as an answer that does not decode.
	FailureOther
)

// String implements fmt.Stringer.
func (f Failure) String() string {
	switch f {
	case FailureNone:
		return "none"
	case FailureUnreachable:
		return "unreachable"
	case FailureAuth:
		return "auth"
	case FailureNotAPI:
		return "not the API"
	case FailureServer:
		return "server error"
	case FailureCanceled:
		return "canceled"
	case FailureOther:
		return "other"
	}
	return "unknown"
}

// FailureOf sorts an error of the client's calls.
func FailureOf(err error) Failure {
	var apiErr *APIError
	var notAPIErr *NotAPIError
	switch {
	case err == nil:
		return FailureNone
	case IsAuthError(err):
		return FailureAuth
	case errors.As(err, &notAPIErr):
		return FailureNotAPI
	case errors.As(err, &apiErr) && apiErr.HTML && !gatewayStatus(apiErr.Status):
		return FailureNotAPI
	case errors.As(err, &apiErr):
		return FailureServer
	case errors.Is(err, context.Canceled):
		return FailureCanceled
	case transportReason(err) != "":
		return FailureUnreachable
	}
	return FailureOther
}

// gatewayStatus reports whether status is a proxy's word that the bot
// behind it is down or slow (502, 503, 504): its HTML page is not a sign
// of a wrong URL.
func gatewayStatus(status int) bool {
	return status == http.StatusBadGateway || status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout
}

// maxReason bounds a server's message inside a reason.
const maxReason = 80

// Reason says in a few words why a call failed, for a status bar or a pane
// that has no data: "connection refused", "TLS: unknown certificate
// authority", "401 wrong username or password", "not a freqtrade API: got
// HTML", "502 Error querying /api/v1/status: ...". It is "" for nil.
func Reason(err error) string {
	var apiErr *APIError
	var authErr *AuthError
	var notAPIErr *NotAPIError
	switch FailureOf(err) {
	case FailureNone:
		return ""
	case FailureAuth:
		if errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized {
			return "401 wrong username or password"
		}
		if errors.As(err, &authErr) {
			return authErr.Reason
		}
	case FailureNotAPI:
		if errors.As(err, &notAPIErr) {
			return "not a freqtrade API: got " + notAPIErr.what()
		}
		if errors.As(err, &apiErr) {
			return fmt.Sprintf("not a freqtrade API: got HTML (%d %s)", apiErr.Status, http.StatusText(apiErr.Status))
		}
	case FailureServer:
		if errors.As(err, &apiErr) {
			return cut(fmt.Sprintf("%d %s", apiErr.Status, printable(apiErr.Message)), maxReason)
		}
	case FailureUnreachable:
		return transportReason(err)
	case FailureCanceled:
		return "cancelled"
	case FailureOther:
	}
	return cut(printable(innermost(err).Error()), maxReason)
}

// transportReason names a failure to get an answer, or "" when err is not
// one.
func transportReason(err error) string {
	if r := tlsReason(err); r != "" {
		return r
	}
	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case errors.As(err, &dnsErr):
		return "cannot resolve " + dnsErr.Name + ": " + dnsErr.Err
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "connection reset"
	case errors.Is(err, syscall.EHOSTUNREACH):
		return "host unreachable"
	case errors.Is(err, syscall.ENETUNREACH):
		return "network unreachable"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "no answer (timed out)"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		// net/http's own unexported error for a pooled connection the
		// server closed as the request went out.
		strings.Contains(err.Error(), "server closed idle connection"):
		return "connection closed without an answer"
	case errors.As(err, &netErr):
		return cut(printable(innermost(err).Error()), maxReason)
	}
	return ""
}

// tlsReason names a TLS failure, or "".
func tlsReason(err error) string {
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	var header tls.RecordHeaderError
	var verify *tls.CertificateVerificationError
	var alert tls.AlertError
	switch {
	case errors.As(err, &unknown):
		return "TLS: unknown certificate authority"
	case errors.As(err, &host):
		return "TLS: the certificate is not for " + host.Host
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return "TLS: certificate expired or not yet valid"
	case errors.As(err, &invalid):
		return "TLS: invalid certificate"
	case errors.As(err, &header), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		// net/http replaces the RecordHeaderError by its own unwrapped error.
		return "TLS: the server does not speak TLS (try http://)"
	case errors.As(err, &verify):
		return cut("TLS: "+printable(verify.Err.Error()), maxReason)
	case errors.As(err, &alert):
		return "TLS: " + alert.Error()
	}
	return ""
}

// innermost returns the deepest error of a chain (the first of a join).
func innermost(err error) error {
	for {
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			next := u.Unwrap()
			if next == nil {
				return err
			}
			err = next
		case interface{ Unwrap() []error }:
			errs := u.Unwrap()
			if len(errs) == 0 {
				return err
			}
			err = errs[0]
		default:
			return err
		}
	}
}

// cut shortens s to n runes with an ellipsis.
func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return s
}
