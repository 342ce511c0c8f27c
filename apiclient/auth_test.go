package apiclient_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

func TestJWTLoginThenBearer(t *testing.T) {
	t.Parallel()
	clock := newRestClock()
	bot := newTestBot(t, clock)
	c := newJWTClient(t, bot, apiclient.WithBasicAuth(botUser, botPass))
	mustVersion(t, c)
	mustVersion(t, c)
	wantCounts(t, bot, 1, 0, 2)
	if got := bot.authSchemes("GET /version"); len(got) != 2 || got[0] != "Bearer" || got[1] != "Bearer" {
		t.Errorf("/version auth schemes = %v, want Bearer twice", got)
	}
	if tok := c.Tokens(); tok.AccessToken == "" || tok.RefreshToken == "" {
		t.Errorf("tokens after login = %+v", tok)
	}
}

func TestJWTRefreshBeforeExpiry(t *testing.T) {
	t.Parallel()
	clock := newRestClock()
	bot := newTestBot(t, clock)
	c := newJWTClient(t, bot, apiclient.WithBasicAuth(botUser, botPass))
	mustVersion(t, c)
	refresh := c.Tokens().RefreshToken

	clock.Advance(15*time.Minute - apiclient.TokenSkew - time.Second) // still 31 s left
	mustVersion(t, c)
	wantCounts(t, bot, 1, 0, 2)

	clock.Advance(2 * time.Second) // 29 s left: inside the skew margin
	mustVersion(t, c)
	wantCounts(t, bot, 1, 1, 3)
	if n := bot.answered(http.StatusUnauthorized); n != 0 {
		t.Errorf("server sent %d 401s; the token should be refreshed before it expires", n)
	}
	if got := c.Tokens().RefreshToken; got != refresh {
		t.Error("refresh token changed; freqtrade does not rotate it")
	}
}

func TestJWTRetriesOnceAfterRefusedToken(t *testing.T) {
	t.Parallel()
	clock := newRestClock()
	bot := newTestBot(t, clock)
	now := clock.Now()
	c := newJWTClient(t, bot, apiclient.WithTokens(apiclient.Tokens{
		AccessToken:  sign(t, []byte("old-secret"), "access", now, 15*time.Minute), // looks valid, is refused
		RefreshToken: sign(t, botSecret(), "refresh", now, 30*24*time.Hour),
	}))
	mustVersion(t, c)
	wantCounts(t, bot, 0, 1, 2)
	if n := bot.answered(http.StatusUnauthorized); n != 1 {
		t.Errorf("401s = %d, want 1", n)
	}
}

func TestJWTRetryIsOnlyOnce(t *testing.T) {
	t.Parallel()
	clock := newRestClock()
	bot := newTestBot(t, clock)
	bot.faults.Fail("GET /version", rpctest.Detail(http.StatusUnauthorized, "Could not validate credentials"))
	c := newJWTClient(t, bot, apiclient.WithBasicAuth(botUser, botPass))
	_, err := c.Version(context.Background())
	var apiErr *apiclient.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnauthorized || apiErr.Message != "Could not validate credentials" {
		t.Fatalf("err = %v, want 401 Could not validate credentials", err)
	}
	wantCounts(t, bot, 1, 1, 2)
}

func TestJWTRefusedRefreshLogsInAgain(t *testing.T) {
	t.Parallel()
	clock := newRestClock()
	bot := newTestBot(t, clock)
	old := clock.Now().Add(-time.Hour)
	c := newJWTClient(t, bot, apiclient.WithBasicAuth(botUser, botPass),
		apiclient.WithTokens(apiclient.Tokens{
			AccessToken:  sign(t, botSecret(), "access", old, 15*time.Minute), // expired
			RefreshToken: sign(t, []byte("old-secret"), "refresh", old, 30*24*time.Hour),
		}))
	mustVersion(t, c)
	wantCounts(t, bot, 1, 1, 1)
}

func TestJWTExpiredRefreshTokenLogsInDirectly(t *testing.T) {
	t.Parallel()
	clock := newRestClock()
	bot := newTestBot(t, clock)
	old := clock.Now().Add(-31 * 24 * time.Hour)
	c := newJWTClient(t, bot, apiclient.WithBasicAuth(botUser, botPass),
		apiclient.WithTokens(apiclient.Tokens{
			AccessToken:  sign(t, botSecret(), "access", old, 15*time.Minute),
			RefreshToken: sign(t, botSecret(), "refresh", old, 30*24*time.Hour),
		}))
	mustVersion(t, c)
	wantCounts(t, bot, 1, 0, 1)
}

func TestJWTWithoutCredentialsIsAuthError(t *testing.T) {
	t.Parallel()
	clock := newRestClock()
	bot := newTestBot(t, clock)
	old := clock.Now().Add(-time.Hour)
	c := newJWTClient(t, bot, apiclient.WithTokens(apiclient.Tokens{
		AccessToken:  sign(t, botSecret(), "access", old, 15*time.Minute),
		RefreshToken: sign(t, []byte("old-secret"), "refresh", old, 30*24*time.Hour),
	}))
	_, err := c.Version(context.Background())
	var authErr *apiclient.AuthError
	var apiErr *apiclient.APIError
	if !errors.As(err, &authErr) || !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnauthorized {
		t.Fatalf("err = %v, want *AuthError wrapping a 401 *APIError", err)
	}
	if !apiclient.IsAuthError(err) || !strings.HasPrefix(err.Error(), "GET /version: ") {
		t.Errorf("err = %q: want an auth error naming the route", err)
	}
	wantCounts(t, bot, 0, 1, 0)

	bare := newJWTClient(t, bot) // no tokens, no credentials: nothing to send
	if _, err := bare.Version(context.Background()); !errors.As(err, &authErr) {
		t.Fatalf("err = %v, want *AuthError", err)
	}
	wantCounts(t, bot, 0, 1, 0)
}

func TestLoginRefused(t *testing.T) {
	t.Parallel()
	clock := newRestClock()
	bot := newTestBot(t, clock)
	c := newJWTClient(t, bot, apiclient.WithBasicAuth(botUser, "wrong"))
	_, err := c.Login(context.Background())
	var authErr *apiclient.AuthError
	var apiErr *apiclient.APIError
	if !errors.As(err, &authErr) || !errors.As(err, &apiErr) || apiErr.Message != "Incorrect username or password" {
		t.Fatalf("Login err = %v, want *AuthError wrapping the 401", err)
	}
	if _, err := c.Version(context.Background()); !errors.As(err, &authErr) {
		t.Fatalf("Version err = %v, want *AuthError", err)
	}
	wantCounts(t, bot, 2, 0, 0)
}

func TestConcurrentCallersShareOneRefresh(t *testing.T) {
	t.Parallel()
	clock := newRestClock()
	bot := newTestBot(t, clock)
	release := bot.faults.Hold("POST /token/refresh")
	now := clock.Now()
	c := newJWTClient(t, bot, apiclient.WithTokens(apiclient.Tokens{
		AccessToken:  sign(t, botSecret(), "access", now, 15*time.Minute),
		RefreshToken: sign(t, botSecret(), "refresh", now, 30*24*time.Hour),
	}))
	clock.Advance(20 * time.Minute) // the access token has expired

	const callers = 10
	var started, done sync.WaitGroup
	errs := make(chan error, callers)
	for range callers {
		started.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			started.Done()
			_, err := c.Version(context.Background())
			errs <- err
		}()
	}
	started.Wait()
	release() // the one refresh (already waiting or not) may now answer
	done.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("caller: %v", err)
		}
	}
	wantCounts(t, bot, 0, 1, callers)
}

func TestCancelledRenewalDoesNotFailOthers(t *testing.T) {
	t.Parallel()
	clock := newRestClock()
	bot := newTestBot(t, clock)
	release := bot.faults.Hold("POST /token/refresh")
	now := clock.Now()
	c := newJWTClient(t, bot, apiclient.WithTokens(apiclient.Tokens{
		AccessToken:  sign(t, botSecret(), "access", now, 15*time.Minute),
		RefreshToken: sign(t, botSecret(), "refresh", now, 30*24*time.Hour),
	}))
	clock.Advance(20 * time.Minute)

	ctxA, cancelA := context.WithCancel(context.Background())
	errA := make(chan error, 1)
	go func() { _, err := c.Version(ctxA); errA <- err }()
	bot.wait(t, "A's refresh request", func() bool { return bot.count("POST /token/refresh") == 1 })

	errB := make(chan error, 1)
	go func() { _, err := c.Version(context.Background()); errB <- err }()
	cancelA()
	if err := waitFor(t, errA, "A's result"); !errors.Is(err, context.Canceled) {
		t.Fatalf("A: err = %v, want context.Canceled", err)
	}
	release()
	if err := waitFor(t, errB, "B's result"); err != nil {
		t.Fatalf("B: %v (a cancelled renewal must not fail other callers)", err)
	}
}

func waitFor[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		var zero T
		return zero
	}
}

func TestPingNeedsNoLogin(t *testing.T) {
	t.Parallel()
	clock := newRestClock()
	bot := newTestBot(t, clock)
	c := newJWTClient(t, bot, apiclient.WithBasicAuth(botUser, "wrong"))
	if p, err := c.Ping(context.Background()); err != nil || p.Status != "pong" {
		t.Fatalf("Ping = %+v, %v", p, err)
	}
	wantCounts(t, bot, 0, 0, 0)
}

func TestBasicAuthIsNotRetried(t *testing.T) {
	t.Parallel()
	clock := newRestClock()
	bot := newTestBot(t, clock)
	c, err := apiclient.New(bot.srv.URL, apiclient.WithBasicAuth(botUser, "wrong"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Version(context.Background())
	var apiErr *apiclient.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnauthorized || apiErr.Message != "Unauthorized" {
		t.Fatalf("err = %v, want 401 Unauthorized", err)
	}
	if !apiclient.IsAuthError(err) {
		t.Error("IsAuthError = false for a 401")
	}
	wantCounts(t, bot, 0, 0, 1)
	if got := bot.authSchemes("GET /version"); len(got) != 1 || got[0] != "Basic" {
		t.Errorf("auth schemes = %v, want [Basic]", got)
	}
}

func TestWSToken(t *testing.T) {
	t.Parallel()
	clock := newRestClock()
	bot := newTestBot(t, clock)

	fixed, err := apiclient.New(bot.srv.URL, apiclient.WithWSToken("ws-secret"), apiclient.WithBasicAuth(botUser, botPass))
	if err != nil {
		t.Fatal(err)
	}
	if tok, err := fixed.WSToken(context.Background()); err != nil || tok != "ws-secret" {
		t.Fatalf("WSToken = %q, %v; want the ws_token", tok, err)
	}
	wantCounts(t, bot, 0, 0, 0)

	// A Basic client logs in once for a JWT, then reuses it while valid.
	basic, err := apiclient.New(bot.srv.URL, apiclient.WithBasicAuth(botUser, botPass), apiclient.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		tok, err := basic.WSToken(context.Background())
		if err != nil || !bot.validToken(tok, "access") {
			t.Fatalf("WSToken = %q, %v; want a valid access JWT", tok, err)
		}
	}
	wantCounts(t, bot, 1, 0, 0)

	anon, err := apiclient.New(bot.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	var authErr *apiclient.AuthError
	if _, err := anon.WSToken(context.Background()); !errors.As(err, &authErr) {
		t.Fatalf("WSToken without credentials: err = %v, want *AuthError", err)
	}
}
