package apiclient_test

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient"
)

func TestNewBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, base, ws string
	}{
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080", "ws://127.0.0.1:8080/api/v1/message/ws"},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080", "ws://127.0.0.1:8080/api/v1/message/ws"},
		{"http://127.0.0.1:8080/api/v1", "http://127.0.0.1:8080", "ws://127.0.0.1:8080/api/v1/message/ws"},
		{"https://bots.example.com/ftbot", "https://bots.example.com/ftbot", "wss://bots.example.com/ftbot/api/v1/message/ws"},
		{" https://bots.example.com/ftbot/api/v1/ ", "https://bots.example.com/ftbot", "wss://bots.example.com/ftbot/api/v1/message/ws"},
		{"https://[::1]:8443/a/b", "https://[::1]:8443/a/b", "wss://[::1]:8443/a/b/api/v1/message/ws"},
	}
	for _, tc := range tests {
		c, err := apiclient.New(tc.in)
		if err != nil {
			t.Errorf("New(%q): %v", tc.in, err)
			continue
		}
		if c.BaseURL() != tc.base || c.WSURL() != tc.ws {
			t.Errorf("New(%q): base %q ws %q, want %q %q", tc.in, c.BaseURL(), c.WSURL(), tc.base, tc.ws)
		}
	}
	c, err := apiclient.New("http://freq:s%40cret@127.0.0.1:8080/ftbot")
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL() != "http://127.0.0.1:8080/ftbot" || c.Username() != "freq" {
		t.Errorf("user info: base %q user %q; want it taken out of the URL", c.BaseURL(), c.Username())
	}
	for _, bad := range []string{"", "127.0.0.1:8080", "ftp://host", "http://", "http://host/?x=1", "http://host/#f", "ws://host"} {
		if _, err := apiclient.New(bad); err == nil {
			t.Errorf("New(%q) succeeded, want an error", bad)
		}
	}
}

// prefixedBot serves status.json under /ftbot/api/v1/status and /ui_version
// under /ftbot, as a reverse proxy mounting the bot at /ftbot would.
func prefixedBot(t *testing.T) http.Handler {
	status := readFixture(t, "status.json")
	mux := http.NewServeMux()
	mux.HandleFunc("GET /ftbot/api/v1/status", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(status)
	})
	mux.HandleFunc("GET /ftbot/ui_version", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"version": "2.1.0"}`))
	})
	return mux
}

func checkPrefixedBot(t *testing.T, c *apiclient.Client) {
	t.Helper()
	trades, err := c.Status(context.Background())
	if err != nil || len(trades) != 1 || trades[0].Pair != "ETH/BTC" {
		t.Fatalf("Status = %d trades, %v", len(trades), err)
	}
	if v, err := c.UIVersion(context.Background()); err != nil || v.Version != "2.1.0" {
		t.Fatalf("UIVersion = %+v, %v", v, err)
	}
	// A route outside the prefix is the proxy's 404, not a success.
	if _, err := c.Count(context.Background()); err == nil {
		t.Fatal("Count succeeded on a route the bot does not serve")
	}
}

func TestBasePathPrefix(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(prefixedBot(t))
	t.Cleanup(srv.Close)
	c, err := apiclient.New(srv.URL + "/ftbot/")
	if err != nil {
		t.Fatal(err)
	}
	checkPrefixedBot(t, c)
}

func TestTLSWithBasePath(t *testing.T) {
	t.Parallel()
	srv := httptest.NewUnstartedServer(prefixedBot(t))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the untrusted handshake below is expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	c, err := apiclient.New(srv.URL+"/ftbot", apiclient.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	checkPrefixedBot(t, c)
	want := "wss://" + strings.TrimPrefix(srv.URL, "https://") + "/ftbot/api/v1/message/ws"
	if got := c.WSURL(); got != want {
		t.Errorf("WSURL = %q, want %q", got, want)
	}

	// Without the server's certificate pool the handshake fails, naming the route.
	plain, err := apiclient.New(srv.URL + "/ftbot")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plain.Status(context.Background()); err == nil || !strings.HasPrefix(err.Error(), "GET /status: ") {
		t.Fatalf("untrusted TLS: err = %v", err)
	}
}

func TestUserInfoIsBasicAuth(t *testing.T) {
	t.Parallel()
	bot := &recordingBot{reply: readFixture(t, "count.json")}
	srv := httptest.NewServer(bot)
	t.Cleanup(srv.Close)
	c, err := apiclient.New(strings.Replace(srv.URL, "http://", "http://freq:s%40cret@", 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Count(context.Background()); err != nil {
		t.Fatal(err)
	}
	r := bot.requests()[0]
	if r.auth != "Basic ZnJlcTpzQGNyZXQ=" { // freq:s@cret
		t.Errorf("Authorization = %q, want Basic freq:s@cret", r.auth)
	}
}
