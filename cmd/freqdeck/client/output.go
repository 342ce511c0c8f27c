package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
)

// marshalJSON encodes v without HTML escaping, indented when pretty.
func marshalJSON(v any, pretty bool) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if pretty {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode JSON: %w", err)
	}
	return buf.Bytes(), nil
}

// writeJSON writes v and a newline.
func writeJSON(w io.Writer, v any, pretty bool) error {
	data, err := marshalJSON(v, pretty)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// writeRawJSON writes a server's JSON body, re-indented when pretty and
// compacted otherwise, and a newline.
func writeRawJSON(w io.Writer, body []byte, pretty bool) error {
	var buf bytes.Buffer
	var err error
	if pretty {
		err = json.Indent(&buf, body, "", "  ")
	} else {
		err = json.Compact(&buf, body)
	}
	if err != nil {
		return fmt.Errorf("the bot's answer is not JSON: %w", err)
	}
	buf.WriteByte('\n')
	_, err = w.Write(buf.Bytes())
	return err
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// clientError turns a failed call into the message and exit code the user
// sees: the server's own message for API errors, "cannot reach" for
// failures to get an answer (TLS ones included; through SSH, naming the
// host), a hint for refused credentials, and a word on a URL that answers
// HTML instead of the API.
func clientError(err error, baseURL string, bot Target) error {
	var apiErr *apiclient.APIError
	var authErr *apiclient.AuthError
	var netErr net.Error
	failure := apiclient.FailureOf(err)
	if failure == apiclient.FailureOther && errors.As(err, &netErr) {
		failure = apiclient.FailureUnreachable // an SSH link's own error, say
	}
	switch failure {
	case apiclient.FailureAuth:
		if errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized {
			return &cli.Error{Code: cli.ExitAPIError, Err: fmt.Errorf(
				"authentication failed at %s as %q: %s (check the username and password: [[bot]] in the config, --ft-config, or $FREQDECK_PASSWORD)",
				baseURL, bot.Username, apiErr.Message)}
		}
		if errors.As(err, &authErr) {
			return &cli.Error{Code: cli.ExitAPIError, Err: fmt.Errorf("%s: %w", baseURL, authErr)}
		}
	case apiclient.FailureNotAPI:
		if errors.As(err, &apiErr) {
			return &cli.Error{Code: cli.ExitAPIError, Err: fmt.Errorf(
				"%s: %s %s: the URL answered an HTML page (%d %s), not the freqtrade API (is the base URL right?)",
				baseURL, apiErr.Method, apiErr.Route, apiErr.Status, http.StatusText(apiErr.Status))}
		}
		return &cli.Error{Code: cli.ExitAPIError, Err: fmt.Errorf("%s: %w", baseURL, err)}
	case apiclient.FailureServer:
		if errors.As(err, &apiErr) {
			return &cli.Error{Code: cli.ExitAPIError, Err: fmt.Errorf("%s %s: %d: %s", apiErr.Method, apiErr.Route, apiErr.Status, apiErr.Message)}
		}
	case apiclient.FailureUnreachable:
		if bot.SSH != "" {
			return &cli.Error{Code: cli.ExitUnreachable, Err: fmt.Errorf("cannot reach %s through ssh %s: %w (is the bot running there, on that address?)",
				baseURL, bot.SSH, sshCause(err))}
		}
		return &cli.Error{Code: cli.ExitUnreachable, Err: fmt.Errorf("cannot reach %s: %s (is the bot running, and the SSH tunnel up?)", baseURL, apiclient.Reason(err))}
	case apiclient.FailureNone, apiclient.FailureCanceled, apiclient.FailureOther:
	}
	return &cli.Error{Code: cli.ExitAPIError, Err: err}
}

// rootCause returns the innermost error, e.g. "connection refused" out of
// the layers of net.OpError and os.SyscallError.
func rootCause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}
