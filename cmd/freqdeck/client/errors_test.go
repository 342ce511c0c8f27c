package client

import (
	"encoding/json"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/fakebot"
)

func TestClientAPIErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		args   []string
		stderr []string
	}{
		{"rpc error", http.StatusBadGateway, `{"error":"Error querying /api/v1/forceexit: invalid argument"}`,
			[]string{"forceexit", "99"}, []string{"POST /forceexit: 502: Error querying /api/v1/forceexit: invalid argument"}},
		{"detail", http.StatusNotFound, `{"detail":"Trade not found."}`,
			[]string{"trade", "99"}, []string{"GET /trade/99: 404: Trade not found."}},
		{"validation", http.StatusUnprocessableEntity,
			`{"detail":[{"type":"greater_than_equal","loc":["query","timescale"],"msg":"Input should be greater than or equal to 1","input":"0"}]}`,
			[]string{"daily", "days=-1"}, []string{"422", "query.timescale: Input should be greater than or equal to 1"}},
		{"wrong mode", http.StatusServiceUnavailable, `{"detail":"Bot is not in the correct state."}`,
			[]string{"strategies"}, []string{"503: Bot is not in the correct state."}},
		{"auth", http.StatusUnauthorized, `{"detail":"Unauthorized"}`,
			[]string{"status"}, []string{"authentication failed at", `as "ft": Unauthorized`, "FREQDECK_PASSWORD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fb := fakebot.New(t, tt.status, tt.body)
			args := append([]string{"client", "--url", fb.URL, "--username", "ft"}, tt.args...)
			code, out, errOut := runCLI(t, nil, args...)
			if code != cli.ExitAPIError {
				t.Fatalf("exit %d, want %d (stderr %q)", code, cli.ExitAPIError, errOut)
			}
			if out != "" {
				t.Fatalf("stdout %q, want nothing", out)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errOut, s) {
					t.Fatalf("stderr %q does not contain %q", errOut, s)
				}
			}
		})
	}
}

func TestClientUnreachable(t *testing.T) {
	t.Parallel()
	// A port that was just free: nothing listens on it.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	code, out, errOut := runCLI(t, nil, "client", "--url", "http://"+addr, "status")
	if code != cli.ExitUnreachable || out != "" {
		t.Fatalf("exit %d, stdout %q; want %d and nothing", code, out, cli.ExitUnreachable)
	}
	if want := "cannot reach http://" + addr + ": connection refused"; !strings.Contains(errOut, want) {
		t.Fatalf("stderr %q does not contain %q", errOut, want)
	}
}

func TestClientUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"forceenter", "BTC/USDT"}, "missing argument <side>"},
		{[]string{"trade", "three"}, `argument trade_id="three": want an integer`},
		{[]string{"daily", "hours=5"}, `unknown argument "hours"`},
		{[]string{"status", "extra"}, "too many arguments"},
		{[]string{"forceenter", "BTC/USDT", "long", "1", "side=short"}, `argument "side" given twice`},
		{[]string{"lock_add", "BTC/USDT", "until=-2h"}, "must be positive"},
		{[]string{"nonsense"}, `unknown client command "nonsense"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			fb := fakebot.New(t, http.StatusOK, `{}`)
			code, _, errOut := runCLI(t, nil, append([]string{"client", "--url", fb.URL}, tt.args...)...)
			if !strings.Contains(errOut, tt.want) {
				t.Fatalf("stderr %q does not contain %q", errOut, tt.want)
			}
			if code == 0 {
				t.Fatal("exit 0 for a usage error")
			}
			if n := len(fb.Requests()); n != 0 && tt.args[0] != "lock_add" {
				t.Fatalf("%d requests sent for a usage error", n)
			}
		})
	}
}

func TestClientLockForDuration(t *testing.T) {
	t.Parallel()
	fb := fakebot.New(t, http.StatusOK, locksJSON)
	before := time.Now()
	code, _, errOut := runCLI(t, nil, "client", "--url", fb.URL, "lock_add", "BTC/USDT", "2h")
	after := time.Now()
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var body []apiclient.LockRequest
	if !decodeInto(fb.Requests()[0].Body, &body) || len(body) != 1 {
		t.Fatalf("body %s", fb.Requests()[0].Body)
	}
	until, err := apiclient.ParseAwareTime(body[0].Until)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := before.Add(2*time.Hour).Truncate(time.Second), after.Add(2*time.Hour)
	if until.Before(lo) || until.After(hi) {
		t.Fatalf("until %s not within [%s, %s]", until, lo, hi)
	}
}

func decodeInto(data []byte, v any) bool { return json.Unmarshal(data, v) == nil }

// TestClientTLSUnreachable: a certificate the client does not trust means
// the bot cannot be reached (exit 3), and says why.
func TestClientTLSUnreachable(t *testing.T) {
	t.Parallel()
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake
	srv.StartTLS()
	t.Cleanup(srv.Close)
	code, out, errOut := runCLI(t, nil, "client", "--url", srv.URL, "status")
	if code != cli.ExitUnreachable || out != "" {
		t.Fatalf("exit %d, stdout %q; want %d and nothing (stderr %q)", code, out, cli.ExitUnreachable, errOut)
	}
	if want := "cannot reach " + srv.URL + ": TLS: unknown certificate authority"; !strings.Contains(errOut, want) {
		t.Fatalf("stderr %q does not contain %q", errOut, want)
	}
}

// TestClientHTMLAnswer: a URL that answers an HTML page (a wrong base
// path) is named as such, not as a JSON decoding error.
func TestClientHTMLAnswer(t *testing.T) {
	t.Parallel()
	for status, want := range map[int]string{
		http.StatusOK:       ": GET /status: the URL answered HTML, not the freqtrade API",
		http.StatusNotFound: ": GET /status: the URL answered an HTML page (404 Not Found), not the freqtrade API",
	} {
		fb := fakebot.New(t, status, "<!doctype html><html><title>FreqUI</title></html>")
		code, _, errOut := runCLI(t, nil, "client", "--url", fb.URL, "status")
		if code != cli.ExitAPIError {
			t.Fatalf("exit %d, want %d (stderr %q)", code, cli.ExitAPIError, errOut)
		}
		if !strings.Contains(errOut, fb.URL+want) || strings.Contains(errOut, "invalid character") {
			t.Fatalf("stderr %q does not contain %q", errOut, fb.URL+want)
		}
	}
}
