package action_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
)

// answering serves one canned answer on every route.
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

// pauseCall sends a pause to url and returns its error.
func pauseCall(t *testing.T, url string, timeout time.Duration) error {
	t.Helper()
	c, err := apiclient.New(url, apiclient.WithBasicAuth("u", "p"),
		apiclient.WithHTTPClient(&http.Client{Timeout: timeout}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Pause(t.Context())
	return err
}

func TestClassifyAnswers(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		status      int
		ctype, body string
		want        action.Outcome
	}{
		{"ok", 200, "application/json", `{"status":"paused"}`, action.Done},
		{"freqtrade error", 502, "application/json", `{"error":"Error querying /api/v1/pause: trader is not running"}`, action.Refused},
		{"detail 503", 503, "application/json", `{"detail":"Bot is not in the correct state."}`, action.Refused},
		{"bad request", 400, "application/json", `{"detail":"bad"}`, action.Refused},
		{"validation", 422, "application/json", `{"detail":[{"loc":["body","x"],"msg":"bad"}]}`, action.Refused},
		{"wrong password", 401, "application/json", `{"detail":"Unauthorized"}`, action.Refused},
		{"proxy page", 502, "text/html", `<html><title>502 Bad Gateway</title></html>`, action.Unknown},
		{"bare 500", 500, "application/json", `{"detail":"Internal Server Error"}`, action.Unknown},
		{"plain 504", 504, "text/plain", `upstream timed out`, action.Unknown},
		{"empty 500", 500, "text/plain", ``, action.Unknown},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv := answering(t, c.status, c.ctype, c.body)
			err := pauseCall(t, srv.URL, 5*time.Second)
			if got := action.Classify(err); got != c.want {
				t.Fatalf("Classify(%v) = %v, want %v", err, got, c.want)
			}
		})
	}
}

func TestClassifyNoAnswer(t *testing.T) {
	t.Parallel()
	t.Run("connection refused", func(t *testing.T) {
		t.Parallel()
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		_ = ln.Close()
		if got := action.Classify(pauseCall(t, "http://"+addr, 5*time.Second)); got != action.NotSent {
			t.Fatalf("refused connection: %v, want not_sent", got)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		t.Parallel()
		release := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-release }))
		t.Cleanup(srv.Close)
		t.Cleanup(func() { close(release) })
		err := pauseCall(t, srv.URL, 50*time.Millisecond)
		if got := action.Classify(err); got != action.Unknown {
			t.Fatalf("timeout %v: %v, want unknown", err, got)
		}
	})
	t.Run("reset", func(t *testing.T) {
		t.Parallel()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = conn.(*net.TCPConn).SetLinger(0)
				_ = conn.Close()
			}
		}))
		t.Cleanup(srv.Close)
		err := pauseCall(t, srv.URL, 5*time.Second)
		if got := action.Classify(err); got != action.Unknown {
			t.Fatalf("reset %v: %v, want unknown", err, got)
		}
	})
	for _, c := range []struct {
		err  error
		want action.Outcome
	}{
		{nil, action.Done},
		{context.Canceled, action.Unknown},
		{&apiclient.AuthError{Reason: "refresh token refused"}, action.Refused},
		{&action.RefusedError{Message: "Error entering long trade for pair BTC/USDT."}, action.Refused},
		{&net.OpError{Op: "dial", Err: errors.New("no route")}, action.NotSent},
		{&net.DNSError{Err: "no such host", Name: "bot.invalid"}, action.NotSent},
	} {
		if got := action.Classify(c.err); got != c.want {
			t.Errorf("Classify(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

func TestReadFreqtradeAnswers(t *testing.T) {
	t.Parallel()
	noTrade := apiclient.DecodeError(502, []byte(`{"error":"Error querying /api/v1/trades/3/open-order: no active trade"}`))
	failed := apiclient.DecodeError(502, []byte(`{"error":"Error querying /api/v1/forceexit: Failed to exit trade."}`))
	invalid := apiclient.DecodeError(502, []byte(`{"error":"Error querying /api/v1/forceexit: invalid argument"}`))
	cases := []struct {
		kind   action.Kind
		text   string
		err    error
		want   action.Outcome
		result string
		answer string
	}{
		{action.ForceExit, "Created exit order for trade 3.", nil, action.Done, "Created exit order for trade 3.", ""},
		{action.CancelOrder, "", noTrade, action.Done, "entry order cancelled, trade removed", noTrade.Message},
		{action.DeleteTrade, "", noTrade, action.Refused, noTrade.Message, ""},
		{action.ForceExit, "", failed, action.Unknown, `the bot answered "Failed to exit trade.", as it does after cancelling an unfilled entry order`, failed.Message},
		{action.ForceExit, "", invalid, action.Refused, invalid.Message, ""},
		{action.Pause, "", errors.New("POST /pause: i/o timeout"), action.Unknown, "POST /pause: i/o timeout", ""},
	}
	for _, c := range cases {
		r := action.Read(c.kind, c.text, c.err)
		if r.Outcome != c.want || r.Text != c.result || r.Answer != c.answer {
			t.Errorf("Read(%v, %v) = %+v, want %v %q answer %q", c.kind, c.err, r, c.want, c.result, c.answer)
		}
		if r.Outcome == action.Refused && r.Status != 502 {
			t.Errorf("Read(%v, %v): status %d, want 502", c.kind, c.err, r.Status)
		}
	}
}
