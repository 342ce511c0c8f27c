package apiclient_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// The client's tests talk to the real API server over rpctest's fake bot,
// behind rpctest.Faults (request counts, injected failures, WebSocket taps),
// so that client and server are pinned to one contract.

// The test bot's settings.
const (
	botUser, botPass = "freq", "trade"
	botWSToken       = "secret"
	botVersion       = "2025.6"
)

// botSecret signs the test bot's JWTs.
func botSecret() []byte { return []byte("bot-secret") }

// newRestClock returns the clock a test shares between the bot, the server
// and its clients.
func newRestClock() *rpctest.Clock {
	return rpctest.NewClock(time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC))
}

// testBot is one fake freqtrade: the API server over an rpctest.Bot.
type testBot struct {
	bot    *rpctest.Bot
	faults *rpctest.Faults
	srv    *httptest.Server
	clock  *rpctest.Clock
	base   string // the base path it is mounted under, "" or "/ftbot"
}

// botOption changes how a testBot is served.
type botOption func(*botServing)

type botServing struct {
	base string
	tls  bool
}

// underBase mounts the bot under a base path, as a reverse proxy does.
func underBase(base string) botOption { return func(s *botServing) { s.base = base } }

// overTLS serves the bot over TLS.
func overTLS() botOption { return func(s *botServing) { s.tls = true } }

// newTestBot serves a fake freqtrade, on clock, until the test ends.
func newTestBot(t *testing.T, clock *rpctest.Clock, opts ...botOption) *testBot {
	t.Helper()
	var serving botServing
	for _, o := range opts {
		o(&serving)
	}
	bot := rpctest.New(rpctest.WithClock(clock.Now))
	cfg := server.Config{
		Username: botUser, Password: botPass, JWTSecret: string(botSecret()),
		WSTokens: []string{botWSToken}, Version: botVersion,
	}
	srv, err := server.New(bot, cfg, server.WithClock(clock.Now), server.WithSysInfo(bot.SysInfo))
	if err != nil {
		t.Fatal(err)
	}
	var h rpctest.Server = srv
	if serving.base != "" {
		h = mounted{Server: srv, h: http.StripPrefix(serving.base, srv)}
	}
	serve := rpctest.Serve
	if serving.tls {
		serve = rpctest.ServeTLS
	}
	faults, ts := serve(t, h, rpctest.WithFaultsClock(clock.Now))
	return &testBot{bot: bot, faults: faults, srv: ts, clock: clock, base: serving.base}
}

// mounted is the server seen through a handler in front of it.
type mounted struct {
	*server.Server
	h http.Handler
}

// ServeHTTP implements http.Handler.
func (m mounted) ServeHTTP(w http.ResponseWriter, r *http.Request) { m.h.ServeHTTP(w, r) }

// client returns a client of the bot with its ws_token (and opts).
func (b *testBot) client(t *testing.T, opts ...apiclient.Option) *apiclient.Client {
	t.Helper()
	opts = append([]apiclient.Option{apiclient.WithHTTPClient(b.srv.Client()), apiclient.WithWSToken(botWSToken)}, opts...)
	c, err := apiclient.New(b.srv.URL+b.base, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// wait waits until cond holds, waking on every request and frame.
func (b *testBot) wait(t *testing.T, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := b.faults.Wait(ctx, cond); err != nil {
		t.Fatalf("waiting for %s: %v (requests %v)", what, err, b.faults.Counts())
	}
}

// count returns how many requests of route (for example "GET /version")
// the bot received.
func (b *testBot) count(route string) int { return b.faults.Hits(route) }

// answered counts the answers of status the bot gave.
func (b *testBot) answered(status int) int {
	n := 0
	for _, r := range b.faults.Requests() {
		if r.Status == status {
			n++
		}
	}
	return n
}

// authSchemes returns the Authorization scheme of each request of route.
func (b *testBot) authSchemes(route string) []string {
	var out []string
	for _, r := range b.faults.Requests() {
		if r.Route == route {
			scheme, _, _ := strings.Cut(r.Header.Get("Authorization"), " ")
			out = append(out, scheme)
		}
	}
	return out
}

// sign makes a freqtrade-style JWT for the bot's user: HS256, {identity:
// {u}, exp, iat, type}.
func sign(t *testing.T, secret []byte, typ string, iat time.Time, ttl time.Duration) string {
	t.Helper()
	claims := jwt.MapClaims{
		"identity": map[string]string{"u": botUser},
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

// validToken reports whether token is a JWT of type typ that the bot
// accepts now.
func (b *testBot) validToken(token, typ string) bool {
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) { return botSecret(), nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithTimeFunc(b.clock.Now), jwt.WithExpirationRequired())
	if err != nil || claims["type"] != typ {
		return false
	}
	id, ok := claims["identity"].(map[string]any)
	return ok && id["u"] == botUser
}

func newJWTClient(t *testing.T, b *testBot, opts ...apiclient.Option) *apiclient.Client {
	t.Helper()
	base := []apiclient.Option{apiclient.WithJWT(), apiclient.WithClock(b.clock.Now)}
	c, err := apiclient.New(b.srv.URL, append(base, opts...)...)
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
	if v.Version != botVersion {
		t.Fatalf("Version = %q", v.Version)
	}
}

func wantCounts(t *testing.T, b *testBot, login, refresh, version int) {
	t.Helper()
	got := [3]int{b.count("POST /token/login"), b.count("POST /token/refresh"), b.count("GET /version")}
	if want := [3]int{login, refresh, version}; got != want {
		t.Errorf("requests (login, refresh, version) = %v, want %v", got, want)
	}
}
