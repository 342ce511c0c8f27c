package apiclient_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

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

// showConfigErr is the error of GET /show_config with c; the call must fail.
func showConfigErr(t *testing.T, c *apiclient.Client) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	_, err := c.ShowConfig(ctx)
	if err == nil {
		t.Fatal("the call succeeded")
	}
	return err
}

// failing is the error of a client of a fake bot whose /show_config
// answers a.
func failing(t *testing.T, a rpctest.Answer, opts ...apiclient.Option) error {
	t.Helper()
	bot := newTestBot(t, newRestClock())
	bot.faults.Fail("GET /show_config", a)
	return showConfigErr(t, bot.client(t, append([]apiclient.Option{apiclient.WithBasicAuth(botUser, botPass)}, opts...)...))
}

// TestReasonOfRealFailures: each way a bot can fail, met for real on
// loopback, gets its failure kind and a reason an operator can act on.
func TestReasonOfRealFailures(t *testing.T) {
	t.Parallel()
	page := "<!doctype html><html><head><title>Welcome to nginx!</title></head><body></body></html>"
	closed, err := apiclient.New(closedURL(t))
	if err != nil {
		t.Fatal(err)
	}
	// A client that does not trust the bot's certificate, and one that
	// speaks TLS to a plain port.
	tlsBot := newTestBot(t, newRestClock(), overTLS())
	untrusted, err := apiclient.New(tlsBot.srv.URL, apiclient.WithBasicAuth(botUser, botPass))
	if err != nil {
		t.Fatal(err)
	}
	plain := newTestBot(t, newRestClock())
	wrongScheme, err := apiclient.New("https://"+plain.srv.Listener.Addr().String(), apiclient.WithBasicAuth(botUser, botPass))
	if err != nil {
		t.Fatal(err)
	}
	wrongPass := newTestBot(t, newRestClock())
	cases := []struct {
		name   string
		err    error
		kind   apiclient.Failure
		reason string
	}{
		{"closed port", showConfigErr(t, closed), apiclient.FailureUnreachable, "connection refused"},
		{"HTML at 200", failing(t, rpctest.HTML(200, page)), apiclient.FailureNotAPI, "not a freqtrade API: got HTML"},
		{"HTML at 404", failing(t, rpctest.HTML(404, page)), apiclient.FailureNotAPI, "not a freqtrade API: got HTML (404 Not Found)"},
		{"HTML at 501", failing(t, rpctest.HTML(501, page)), apiclient.FailureNotAPI, "not a freqtrade API: got HTML (501 Not Implemented)"},
		{"plain text at 200", failing(t, rpctest.Answer{Status: 200, ContentType: "text/plain", Body: "hello"}),
			apiclient.FailureNotAPI, "not a freqtrade API: got something that is not JSON"},
		{"wrong password", showConfigErr(t, wrongPass.client(t, apiclient.WithBasicAuth(botUser, "wrong"))),
			apiclient.FailureAuth, "401 wrong username or password"},
		{"wrong password, JWT", showConfigErr(t, wrongPass.client(t, apiclient.WithBasicAuth(botUser, "wrong"), apiclient.WithJWT())),
			apiclient.FailureAuth, "401 wrong username or password"},
		{"server error", failing(t, rpctest.RPCError("GET /show_config", "boom")), apiclient.FailureServer,
			"502 Error querying /api/v1/show_config: boom"},
		{"proxy 502 page", failing(t, rpctest.HTML(502, "<html><title>502 Bad Gateway</title></html>")),
			apiclient.FailureServer, "502 Bad Gateway: 502 Bad Gateway"},
		{"TLS unknown authority", showConfigErr(t, untrusted), apiclient.FailureUnreachable, "TLS: unknown certificate authority"},
		{"https to a plain port", showConfigErr(t, wrongScheme), apiclient.FailureUnreachable, "TLS: the server does not speak TLS (try http://)"},
	}
	for _, c := range cases {
		if got := apiclient.FailureOf(c.err); got != c.kind {
			t.Errorf("%s: FailureOf(%v) = %s, want %s", c.name, c.err, got, c.kind)
		}
		if got := apiclient.Reason(c.err); got != c.reason {
			t.Errorf("%s: Reason(%v) = %q, want %q", c.name, c.err, got, c.reason)
		}
	}
}

// TestNotAPIErrorMessage: the message of an HTML answer says what happened
// instead of "invalid character '<'".
func TestNotAPIErrorMessage(t *testing.T) {
	t.Parallel()
	err := failing(t, rpctest.HTML(200, "<html></html>"))
	want := "GET /show_config: the URL answered HTML, not the freqtrade API (is the base URL right?)"
	if err.Error() != want {
		t.Fatalf("error = %q, want %q", err, want)
	}
	var notAPIErr *apiclient.NotAPIError
	if !errors.As(err, &notAPIErr) || notAPIErr.Status != 200 || !notAPIErr.HTML {
		t.Fatalf("not a *NotAPIError: %#v", err)
	}
}

// TestReasonTimeoutAndCancel: no answer within the deadline is unreachable;
// the caller's own cancellation is not the bot's fault.
func TestReasonTimeoutAndCancel(t *testing.T) {
	t.Parallel()
	bot := newTestBot(t, newRestClock())
	bot.faults.Hold("GET /show_config")
	c := bot.client(t, apiclient.WithBasicAuth(botUser, botPass))
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	_, err := c.ShowConfig(ctx)
	if apiclient.FailureOf(err) != apiclient.FailureUnreachable || apiclient.Reason(err) != "no answer (timed out)" {
		t.Fatalf("timeout: %s %q (%v)", apiclient.FailureOf(err), apiclient.Reason(err), err)
	}
	ctx, cancel = context.WithCancel(t.Context())
	cancel()
	_, err = c.ShowConfig(ctx)
	if apiclient.FailureOf(err) != apiclient.FailureCanceled {
		t.Fatalf("cancelled: %s (%v)", apiclient.FailureOf(err), err)
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
		if e := apiclient.DecodeError(502, []byte(body)); e.HTML != html {
			t.Errorf("%q: HTML %v, want %v", body, e.HTML, html)
		}
	}
}

// TestSetPassword: a new password takes effect on the next request, for
// Basic and for JWT clients (which log in again).
func TestSetPassword(t *testing.T) {
	t.Parallel()
	bot := newTestBot(t, newRestClock())
	for _, jwt := range []bool{false, true} {
		opts := []apiclient.Option{apiclient.WithBasicAuth(botUser, "wrong")}
		if jwt {
			opts = append(opts, apiclient.WithJWT())
		}
		c := bot.client(t, opts...)
		if err := showConfigErr(t, c); apiclient.FailureOf(err) != apiclient.FailureAuth {
			t.Fatalf("jwt %v: wrong password gave %v", jwt, err)
		}
		c.SetPassword(botPass)
		if _, err := c.ShowConfig(t.Context()); err != nil {
			t.Fatalf("jwt %v: after SetPassword: %v", jwt, err)
		}
		if c.Username() != botUser {
			t.Fatalf("username changed to %q", c.Username())
		}
	}
	if n := bot.count("POST /token/login"); n != 2 {
		t.Fatalf("%d logins, want 2 (one refused, one with the new password)", n)
	}
	if n := bot.answered(http.StatusOK); n < 3 {
		t.Fatalf("%d good answers", n)
	}
}
