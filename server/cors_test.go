package server

import (
	"net/http"
	"testing"
)

// TestCORS is §1.7.
func TestCORS(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	auth := basicAuth(testUser, testPass)

	rec := request(t, s, get, "/api/v1/count", "", "Authorization", auth, "Origin", "http://example.com")
	wantJSON(t, rec, http.StatusOK, nil)
	h := rec.Header()
	if h.Get("Access-Control-Allow-Origin") != "http://example.com" || h.Get("Access-Control-Allow-Credentials") != "true" || h.Get("Vary") != "Origin" {
		t.Fatalf("allowed origin headers %v", h)
	}

	rec = request(t, s, get, "/api/v1/count", "", "Authorization", auth, "Origin", "http://evil.example")
	wantJSON(t, rec, http.StatusOK, nil)
	if h := rec.Header(); h.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("disallowed origin got ACAO: %v", h)
	}

	rec = request(t, s, get, "/api/v1/count", "", "Authorization", auth)
	for k := range rec.Header() {
		if len(k) > 7 && k[:7] == "Access-" {
			t.Fatalf("CORS header %s without Origin", k)
		}
	}

	// Unauthenticated answers carry CORS headers too, so browsers can read them.
	rec = request(t, s, get, "/api/v1/count", "", "Origin", "http://example.com")
	wantDetail(t, rec, http.StatusUnauthorized, "Unauthorized")
	if rec.Header().Get("Access-Control-Allow-Origin") != "http://example.com" {
		t.Fatal("401 without ACAO")
	}
}

// TestPreflight checks Starlette's preflight answers.
func TestPreflight(t *testing.T) {
	t.Parallel()
	s, bot := newTestServer(t, testConfig())
	rec := request(t, s, http.MethodOptions, "/api/v1/forceexit", "",
		"Origin", "http://example.com", "Access-Control-Request-Method", "POST",
		"Access-Control-Request-Headers", "authorization,content-type")
	if rec.Code != http.StatusOK {
		t.Fatalf("preflight status %d", rec.Code)
	}
	h := rec.Header()
	want := map[string]string{
		"Access-Control-Allow-Origin":      "http://example.com",
		"Access-Control-Allow-Credentials": "true",
		"Access-Control-Allow-Methods":     "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
		"Access-Control-Allow-Headers":     "authorization,content-type",
		"Access-Control-Max-Age":           "600",
		"Vary":                             "Origin",
	}
	for k, v := range want {
		if h.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, h.Get(k), v)
		}
	}

	rec = request(t, s, http.MethodOptions, "/api/v1/forceexit", "",
		"Origin", "http://evil.example", "Access-Control-Request-Method", "POST")
	if rec.Code != http.StatusBadRequest || rec.Body.String() != "Disallowed CORS origin" {
		t.Fatalf("disallowed preflight: %d %q", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" || rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("disallowed preflight headers %v", rec.Header())
	}

	// OPTIONS without Access-Control-Request-Method is not a preflight.
	rec = request(t, s, http.MethodOptions, "/api/v1/forceexit", "", "Origin", "http://example.com")
	wantDetail(t, rec, http.StatusMethodNotAllowed, "Method Not Allowed")
	if len(bot.Calls()) != 0 {
		t.Fatal("preflight reached the bot")
	}
}
