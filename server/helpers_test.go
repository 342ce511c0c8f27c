package server

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

const (
	testUser   = "alice"
	testPass   = "correct horse battery staple"
	testSecret = "test-jwt-secret-0123456789abcdef"
	testWS     = "ws-token-one"
)

// testNow is the pinned clock of tests that issue or check tokens.
func testNow() time.Time { return time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC) }

func testConfig() Config {
	return Config{
		Username: testUser, Password: testPass, JWTSecret: testSecret,
		WSTokens: []string{"", testWS, "ws-token-two"}, Version: "0.1.0-test",
		CORSOrigins: []string{"http://example.com"},
	}
}

// newTestServer returns a server over a fresh fake bot.
func newTestServer(t *testing.T, cfg Config, opts ...Option) (*Server, *rpctest.Bot) {
	t.Helper()
	bot := rpctest.New(rpctest.WithClock(testNow))
	opts = append([]Option{
		WithClock(testNow),
		WithSysInfo(bot.SysInfo),
	}, opts...)
	s, err := New(bot, cfg, opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, bot
}

func basicAuth(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

// request runs one request through the handler. hdr is alternating
// name/value pairs.
func request(t *testing.T, h http.Handler, method, target, body string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rd)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// authed runs a request with valid Basic credentials.
func authed(t *testing.T, h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	t.Helper()
	return request(t, h, method, target, body, "Authorization", basicAuth(testUser, testPass))
}

// wantJSON checks the status and the exact JSON Content-Type, then decodes
// the body into out (if not nil).
func wantJSON(t *testing.T, rec *httptest.ResponseRecorder, status int, out any) {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d; body %s", rec.Code, status, rec.Body)
	}
	if ct := rec.Header().Values("Content-Type"); len(ct) != 1 || ct[0] != "application/json" {
		t.Fatalf("Content-Type %q, want exactly application/json", ct)
	}
	if out == nil {
		return
	}
	if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
		t.Fatalf("decode %s: %v", rec.Body, err)
	}
}

// wantDetail checks a {"detail": "..."} answer.
func wantDetail(t *testing.T, rec *httptest.ResponseRecorder, status int, detail string) {
	t.Helper()
	var body apiclient.DetailBody
	wantJSON(t, rec, status, &body)
	if body.Detail != detail {
		t.Fatalf("detail %q, want %q", body.Detail, detail)
	}
}

// jsonEqual compares two values by their JSON encodings.
func jsonEqual(t *testing.T, got, want any) {
	t.Helper()
	g, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	w, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if string(g) != string(w) {
		t.Fatalf("got  %s\nwant %s", g, w)
	}
}
