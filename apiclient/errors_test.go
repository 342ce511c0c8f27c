package apiclient_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// TestDecodeErrorExplained: only a message of the server's own explains an
// error; a bare status, a page or plain text does not.
func TestDecodeErrorExplained(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status int
		body   string
		want   bool
	}{
		{502, `{"error": "Error querying /api/v1/forceexit: invalid argument"}`, true},
		{503, `{"detail": "Bot is not in the correct state."}`, true},
		{422, `{"detail": [{"loc": ["body"], "msg": "Field required"}]}`, true},
		{500, `{"detail": "Internal Server Error"}`, false},
		{500, `{"detail": " "}`, false},
		{502, "<html><title>502 Bad Gateway</title></html>", false},
		{500, "database is locked", false},
		{504, "", false},
	} {
		if got := apiclient.DecodeError(tc.status, []byte(tc.body)).Explained; got != tc.want {
			t.Errorf("DecodeError(%d, %q).Explained = %v, want %v", tc.status, tc.body, got, tc.want)
		}
	}
}

func TestDecodeErrorShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		status  int
		body    string
		message string
		items   int // validation items
	}{
		{"502 rpc error", 502, `{"error": "Error querying /api/v1/forceexit: invalid argument"}`,
			"Error querying /api/v1/forceexit: invalid argument", 0},
		{"401 detail", 401, `{"detail": "Unauthorized"}`, "Unauthorized", 0},
		{"401 bad token", 401, `{"detail": "Could not validate credentials"}`, "Could not validate credentials", 0},
		{"404 trade", 404, `{"detail": "Trade not found."}`, "Trade not found.", 0},
		{"404 unknown route", 404, `{"detail": "Not Found"}`, "Not Found", 0},
		{"405", 405, `{"detail": "Method Not Allowed"}`, "Method Not Allowed", 0},
		{"503 wrong mode", 503, `{"detail": "Bot is not in the correct state."}`, "Bot is not in the correct state.", 0},
		{"502 detail (plot_config)", 502, `{"detail": "Impossible to load Strategy 'X'."}`, "Impossible to load Strategy 'X'.", 0},
		{"422 validation", 422,
			`{"detail": [{"type": "missing", "loc": ["query", "pair"], "msg": "Field required", "input": null},
			             {"type": "greater_than_equal", "loc": ["query", "timescale"], "msg": "Input should be greater than or equal to 1", "input": "0", "ctx": {"ge": 1}}]}`,
			"query.pair: Field required; query.timescale: Input should be greater than or equal to 1", 2},
		{"422 body index", 422, `{"detail": [{"type": "missing", "loc": ["body", 0, "until"], "msg": "Field required", "input": {}}]}`,
			"body.0.until: Field required", 1},
		{"plain text", 500, "Internal Server Error", "Internal Server Error", 0},
		{"plain text detail", 500, "database is locked\n", "Internal Server Error: database is locked", 0},
		{"nginx html", 502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>nginx</body></html>",
			"Bad Gateway: 502 Bad Gateway", 0},
		{"html without title", 503, "<!doctype html><p>down</p>", "Service Unavailable", 0},
		{"empty", 500, "", "Internal Server Error", 0},
		{"garbage", 400, "\x00\xff\x1b[31mboom", "Bad Request: [31mboom", 0},
		{"json without a message", 500, `{"foo": 1}`, `Internal Server Error: {"foo": 1}`, 0},
		{"null detail", 500, `{"detail": null}`, `Internal Server Error: {"detail": null}`, 0},
		{"object detail", 400, `{"detail": {"a": 1}}`, `{"a": 1}`, 0},
		{"unknown status", 599, "", "HTTP status 599", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := apiclient.DecodeError(tc.status, []byte(tc.body))
			if e.Status != tc.status || e.Message != tc.message || len(e.Validation) != tc.items {
				t.Errorf("DecodeError = {%d %q %d items}, want {%d %q %d items}",
					e.Status, e.Message, len(e.Validation), tc.status, tc.message, tc.items)
			}
		})
	}
}

func TestAPIErrorNamesRouteAndMessage(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte(`{"error": "Error querying /api/v1/forceexit: invalid argument"}`))
	}))
	t.Cleanup(srv.Close)
	c, err := apiclient.New(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ForceExit(context.Background(), apiclient.ForceExitRequest{TradeID: "x"})
	var apiErr *apiclient.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	if apiErr.Method != "POST" || apiErr.Route != "/forceexit" || apiErr.Status != 502 {
		t.Errorf("APIError = %+v", apiErr)
	}
	if want := "POST /forceexit: 502 Error querying /api/v1/forceexit: invalid argument"; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err, want)
	}
	if apiclient.IsAuthError(err) {
		t.Error("a 502 is not an auth error")
	}
}

func TestNetworkErrorNamesRoute(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there now
	c, err := apiclient.New(url)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Status(context.Background())
	if err == nil || !strings.HasPrefix(err.Error(), "GET /status: ") {
		t.Fatalf("err = %v, want one starting with the route", err)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("errors.Is(err, ECONNREFUSED) = false for %v", err)
	}
	var apiErr *apiclient.APIError
	if errors.As(err, &apiErr) {
		t.Error("a network error must not be an *APIError")
	}
}

func TestContextErrorsSurvive(t *testing.T) {
	t.Parallel()
	bot := newTestBot(t, newRestClock())
	bot.faults.Hold("GET /profit") // answer only when the client gives up
	c := bot.client(t, apiclient.WithBasicAuth(botUser, botPass))

	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { _, err := c.Profit(ctx); errc <- err }()
	bot.wait(t, "the request", func() bool { return bot.count("GET /profit") == 1 })
	cancel()
	err := waitFor(t, errc, "the cancelled call")
	if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "GET /profit: ") {
		t.Errorf("err = %v, want context.Canceled naming the route", err)
	}

	done, stop := context.WithCancel(context.Background())
	stop()
	if _, err := c.Profit(done); !errors.Is(err, context.Canceled) {
		t.Errorf("already-cancelled ctx: err = %v", err)
	}
}

func TestBadSuccessBodyIsAnError(t *testing.T) {
	t.Parallel()
	bot := newTestBot(t, newRestClock())
	bot.faults.Fail("GET /count", rpctest.HTML(http.StatusOK, "<html>not json</html>"))
	_, err := bot.client(t, apiclient.WithBasicAuth(botUser, botPass)).Count(context.Background())
	if err == nil || err.Error() != "GET /count: the URL answered HTML, not the freqtrade API (is the base URL right?)" {
		t.Fatalf("err = %v, want the route and what answered", err)
	}
}

func TestAuthErrorMessage(t *testing.T) {
	t.Parallel()
	inner := apiclient.DecodeError(401, []byte(`{"detail": "Incorrect username or password"}`))
	e := &apiclient.AuthError{Reason: "login refused", Err: inner}
	if want := "authentication failed: login refused: 401 Incorrect username or password"; e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
	if !errors.Is(e, inner) {
		t.Error("AuthError does not unwrap to its cause")
	}
}

func FuzzDecodeError(f *testing.F) {
	seeds := []struct {
		status int
		body   string
	}{
		{502, `{"error": "Error querying /api/v1/x: y"}`},
		{401, `{"detail": "Unauthorized"}`},
		{422, `{"detail": [{"type": "missing", "loc": ["query", 0], "msg": "Field required", "input": null}]}`},
		{422, `{"detail": [{}]}`},
		{422, `{"detail": [1, "a", null]}`},
		{500, `{"detail": null, "error": null}`},
		{404, `<html><title></title></html>`},
		{0, ""},
		{-1, "\xff\xfe"},
		{999, `<TITLE>İİİİ</title>`},
		{200, `{"error": ""}`},
	}
	for _, s := range seeds {
		f.Add(s.status, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e := apiclient.DecodeError(status, body)
		if e == nil {
			t.Fatal("nil *APIError")
		}
		if e.Status != status {
			t.Errorf("Status = %d, want %d", e.Status, status)
		}
		if strings.TrimSpace(e.Message) == "" {
			t.Errorf("empty message for %d %q", status, body)
		}
		if e.Error() == "" {
			t.Error("empty Error()")
		}
		if !utf8.ValidString(e.Message) {
			t.Errorf("message is not valid UTF-8: %q", e.Message)
		}
	})
}
