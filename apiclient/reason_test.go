package apiclient

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// answering serves every request with status, content type and body.
func answering(t *testing.T, status int, contentType, body string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// closedURL is the URL of a loopback port nothing listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	_ = l.Close()
	return url
}

// callErr is the error of GET /show_config against url.
func callErr(t *testing.T, url string, opts ...Option) error {
	t.Helper()
	c, err := New(url, opts...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	_, err = c.ShowConfig(ctx)
	if err == nil {
		t.Fatal("the call succeeded")
	}
	return err
}

// TestReasonOfRealFailures: each way a bot can fail, met for real on
// loopback, gets its failure kind and a reason an operator can act on.
func TestReasonOfRealFailures(t *testing.T) {
	t.Parallel()
	page := "<!doctype html><html><head><title>Welcome to nginx!</title></head><body></body></html>"
	tlsSrv := httptest.NewUnstartedServer(http.NotFoundHandler())
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)
	cases := []struct {
		name   string
		err    error
		kind   Failure
		reason string
	}{
		{"closed port", callErr(t, closedURL(t)), FailureUnreachable, "connection refused"},
		{"HTML at 200", callErr(t, answering(t, 200, "text/html", page).URL), FailureNotAPI, "not a freqtrade API: got HTML"},
		{"HTML at 404", callErr(t, answering(t, 404, "text/html", page).URL), FailureNotAPI, "not a freqtrade API: got HTML (404 Not Found)"},
		{"HTML at 501", callErr(t, answering(t, 501, "text/html", page).URL), FailureNotAPI, "not a freqtrade API: got HTML (501 Not Implemented)"},
		{"plain text at 200", callErr(t, answering(t, 200, "text/plain", "hello").URL), FailureNotAPI, "not a freqtrade API: got something that is not JSON"},
		{"wrong password", callErr(t, answering(t, 401, "application/json", `{"detail":"Unauthorized"}`).URL), FailureAuth, "401 wrong username or password"},
		{"wrong password, JWT", callErr(t, answering(t, 401, "application/json", `{"detail":"Unauthorized"}`).URL, WithBasicAuth("u", "p"), WithJWT()), FailureAuth, "401 wrong username or password"},
		{"server error", callErr(t, answering(t, 502, "application/json", `{"error":"Error querying /api/v1/show_config: boom"}`).URL), FailureServer, "502 Error querying /api/v1/show_config: boom"},
		{"proxy 502 page", callErr(t, answering(t, 502, "text/html", "<html><title>502 Bad Gateway</title></html>").URL), FailureServer, "502 Bad Gateway: 502 Bad Gateway"},
		{"TLS unknown authority", callErr(t, tlsSrv.URL), FailureUnreachable, "TLS: unknown certificate authority"},
		{"https to a plain port", callErr(t, strings.Replace(answering(t, 200, "application/json", "{}").URL, "http:", "https:", 1)), FailureUnreachable, "TLS: the server does not speak TLS (try http://)"},
	}
	for _, c := range cases {
		if got := FailureOf(c.err); got != c.kind {
			t.Errorf("%s: FailureOf(%v) = %s, want %s", c.name, c.err, got, c.kind)
		}
		if got := Reason(c.err); got != c.reason {
			t.Errorf("%s: Reason(%v) = %q, want %q", c.name, c.err, got, c.reason)
		}
	}
}

// TestNotAPIErrorMessage: the message of an HTML answer says what happened
// instead of "invalid character '<'".
func TestNotAPIErrorMessage(t *testing.T) {
	t.Parallel()
	err := callErr(t, answering(t, 200, "text/html", "<html></html>").URL)
	want := "GET /show_config: the URL answered HTML, not the freqtrade API (is the base URL right?)"
	if err.Error() != want {
		t.Fatalf("error = %q, want %q", err, want)
	}
	var notAPIErr *NotAPIError
	if !errors.As(err, &notAPIErr) || notAPIErr.Status != 200 || !notAPIErr.HTML {
		t.Fatalf("not a *NotAPIError: %#v", err)
	}
}

// TestReasonTimeoutAndCancel: no answer within the deadline is unreachable;
// the caller's own cancellation is not the bot's fault.
func TestReasonTimeoutAndCancel(t *testing.T) {
	t.Parallel()
	hold := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-hold:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() {
		close(hold)
		srv.Close()
	})
	c, err := New(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	_, err = c.ShowConfig(ctx)
	if FailureOf(err) != FailureUnreachable || Reason(err) != "no answer (timed out)" {
		t.Fatalf("timeout: %s %q (%v)", FailureOf(err), Reason(err), err)
	}
	ctx, cancel = context.WithCancel(t.Context())
	cancel()
	_, err = c.ShowConfig(ctx)
	if FailureOf(err) != FailureCanceled {
		t.Fatalf("cancelled: %s (%v)", FailureOf(err), err)
	}
}

// TestDecodeErrorMarksHTML: an HTML page is marked, freqtrade's bodies
// and anything else are not.
func TestDecodeErrorMarksHTML(t *testing.T) {
	t.Parallel()
	for body, html := range map[string]bool{
		`{"detail":"x"}`: false, `{"error":"x"}`: false, " <html><title>x</title></html>": true,
		"": false, "upstream timed out": false,
	} {
		if e := DecodeError(502, []byte(body)); e.HTML != html {
			t.Errorf("%q: HTML %v, want %v", body, e.HTML, html)
		}
	}
}

// TestSetPassword: a new password takes effect on the next request, for
// Basic and for JWT clients (which log in again).
func TestSetPassword(t *testing.T) {
	t.Parallel()
	logins := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/token/login" {
			logins++
		}
		if _, pass, ok := r.BasicAuth(); ok && pass != "right" {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"detail":"Unauthorized"}`))
			return
		}
		if r.URL.Path == "/api/v1/token/login" {
			_, _ = w.Write([]byte(`{"access_token":"a","refresh_token":"r"}`))
			return
		}
		_, _ = w.Write([]byte(`{"bot_name":"b"}`))
	}))
	t.Cleanup(srv.Close)
	for _, jwt := range []bool{false, true} {
		opts := []Option{WithBasicAuth("u", "wrong")}
		if jwt {
			opts = append(opts, WithJWT())
		}
		c, err := New(srv.URL, opts...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.ShowConfig(t.Context()); FailureOf(err) != FailureAuth {
			t.Fatalf("jwt %v: wrong password gave %v", jwt, err)
		}
		c.SetPassword("right")
		if _, err := c.ShowConfig(t.Context()); err != nil {
			t.Fatalf("jwt %v: after SetPassword: %v", jwt, err)
		}
		if c.Username() != "u" {
			t.Fatalf("username changed to %q", c.Username())
		}
	}
	if logins != 2 {
		t.Fatalf("%d logins, want 2 (one refused, one with the new password)", logins)
	}
}
