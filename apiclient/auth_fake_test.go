package apiclient_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/freqdeck/freqdeck/apiclient"
)

// restClock is a settable clock shared by the fake bot and the client.
type restClock struct {
	mu  sync.Mutex
	now time.Time
}

func newRestClock() *restClock {
	return &restClock{now: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *restClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *restClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// authBot is a fake freqtrade bot implementing freqtrade-api.md §1: Basic or
// Bearer on /version, JWT login and refresh, public /ping. It counts requests
// per path and the 401s it sends.
type authBot struct {
	t          *testing.T
	secret     []byte
	user, pass string
	clock      *restClock

	// refreshGate, when set, holds each /token/refresh until it is closed;
	// refreshSeen gets a value when such a request arrives.
	refreshGate chan struct{}
	refreshSeen chan struct{}
	// rejectTokens makes /version refuse every Bearer token.
	rejectTokens bool

	mu     sync.Mutex
	counts map[string]int
	auths  []string // Authorization scheme of each /version request
	n401   int
}

func newAuthBot(t *testing.T, clock *restClock) (*authBot, *httptest.Server) {
	b := &authBot{t: t, secret: []byte("bot-secret"), user: "freq", pass: "trade", clock: clock, counts: map[string]int{}}
	srv := httptest.NewServer(b)
	t.Cleanup(srv.Close)
	return b, srv
}

// sign makes a freqtrade-style JWT: HS256, {identity: {u}, exp, iat, type}.
func (b *authBot) sign(t *testing.T, secret []byte, typ string, iat time.Time, ttl time.Duration) string {
	t.Helper()
	claims := jwt.MapClaims{
		"identity": map[string]string{"u": b.user},
		"exp":      iat.Add(ttl).Unix(),
		"iat":      iat.Unix(),
		"type":     typ,
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(secret)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (b *authBot) valid(token, typ string) bool {
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) { return b.secret, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithTimeFunc(b.clock.Now), jwt.WithExpirationRequired())
	if err != nil || claims["type"] != typ {
		return false
	}
	id, ok := claims["identity"].(map[string]any)
	return ok && id["u"] != nil
}

func (b *authBot) count(path string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.counts[path]
}

func (b *authBot) unauthorized() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.n401
}

func (b *authBot) versionAuths() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.auths...)
}

func (b *authBot) reply(w http.ResponseWriter, status int, body any) {
	if status == http.StatusUnauthorized {
		b.mu.Lock()
		b.n401++
		b.mu.Unlock()
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func (b *authBot) detail(w http.ResponseWriter, msg string) {
	b.reply(w, http.StatusUnauthorized, apiclient.DetailBody{Detail: msg})
}

func (b *authBot) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	b.counts[r.URL.Path]++
	b.mu.Unlock()
	switch r.URL.Path {
	case "/api/v1/ping":
		b.reply(w, http.StatusOK, apiclient.Ping{Status: "pong"})
	case "/api/v1/token/login":
		b.login(w, r)
	case "/api/v1/token/refresh":
		b.refresh(w, r)
	case "/api/v1/version":
		b.version(w, r)
	default:
		b.reply(w, http.StatusNotFound, apiclient.DetailBody{Detail: "Not Found"})
	}
}

func (b *authBot) login(w http.ResponseWriter, r *http.Request) {
	u, p, ok := r.BasicAuth()
	switch {
	case !ok:
		b.detail(w, "Not authenticated")
	case u != b.user || p != b.pass:
		b.detail(w, "Incorrect username or password")
	default:
		now := b.clock.Now()
		b.reply(w, http.StatusOK, apiclient.Tokens{
			AccessToken:  b.sign(b.t, b.secret, "access", now, 15*time.Minute),
			RefreshToken: b.sign(b.t, b.secret, "refresh", now, 30*24*time.Hour),
		})
	}
}

func (b *authBot) refresh(w http.ResponseWriter, r *http.Request) {
	if b.refreshSeen != nil {
		b.refreshSeen <- struct{}{}
	}
	if b.refreshGate != nil {
		select {
		case <-b.refreshGate:
		case <-r.Context().Done():
			return
		}
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || !b.valid(tok, "refresh") {
		b.detail(w, "Could not validate credentials")
		return
	}
	b.reply(w, http.StatusOK, map[string]string{
		"access_token": b.sign(b.t, b.secret, "access", b.clock.Now(), 15*time.Minute),
	})
}

func (b *authBot) version(w http.ResponseWriter, r *http.Request) {
	h := r.Header.Get("Authorization")
	scheme, _, _ := strings.Cut(h, " ")
	b.mu.Lock()
	b.auths = append(b.auths, scheme)
	b.mu.Unlock()
	if tok, ok := strings.CutPrefix(h, "Bearer "); ok {
		if b.rejectTokens || !b.valid(tok, "access") {
			b.detail(w, "Could not validate credentials")
			return
		}
	} else if u, p, ok := r.BasicAuth(); !ok || u != b.user || p != b.pass {
		b.detail(w, "Unauthorized")
		return
	}
	b.reply(w, http.StatusOK, apiclient.Version{Version: "2025.6"})
}

func newJWTClient(t *testing.T, srv *httptest.Server, clock *restClock, opts ...apiclient.Option) *apiclient.Client {
	t.Helper()
	base := []apiclient.Option{apiclient.WithJWT(), apiclient.WithClock(clock.Now)}
	c, err := apiclient.New(srv.URL, append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustVersion(t *testing.T, c *apiclient.Client) {
	t.Helper()
	v, err := c.Version(context.Background())
	if err != nil {
		t.Fatalf("Version: %v", err)
	}
	if v.Version != "2025.6" {
		t.Fatalf("Version = %q", v.Version)
	}
}

func wantCounts(t *testing.T, b *authBot, login, refresh, version int) {
	t.Helper()
	got := [3]int{b.count("/api/v1/token/login"), b.count("/api/v1/token/refresh"), b.count("/api/v1/version")}
	if want := [3]int{login, refresh, version}; got != want {
		t.Errorf("requests (login, refresh, version) = %v, want %v", got, want)
	}
}
