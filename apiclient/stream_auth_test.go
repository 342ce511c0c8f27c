package apiclient_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/freqdeck/freqdeck/apiclient"
)

func TestStreamAuthFailed(t *testing.T) {
	t.Parallel()
	for _, code := range []int{http.StatusForbidden, http.StatusUnauthorized} {
		bot := newTestBot(t, newRestClock())
		bot.refuseWS(code)
		opts := apiclient.FastOpts()
		opts.AuthRetry = 10e6 // 10ms
		s := apiclient.StartStream(t, bot.client(t), opts)
		e := apiclient.NextKind(t, s, apiclient.EventAuthFailed)
		var authErr *apiclient.AuthError
		var apiErr *apiclient.APIError
		if !errors.As(e.Err, &authErr) || !errors.As(e.Err, &apiErr) || apiErr.Status != code {
			t.Fatalf("%d: err = %v, want *AuthError wrapping a %d *APIError", code, e.Err, code)
		}
		if e.Retry < 8e6 {
			t.Errorf("%d: retry = %v, want at least AuthRetry less jitter (8ms)", code, e.Retry)
		}
		// It keeps retrying, and recovers once the token is accepted.
		if e := apiclient.NextEvent(t, s); e.Kind != apiclient.EventConnecting || e.Attempt != 2 {
			t.Errorf("%d: after auth failure: %v attempt %d", code, e.Kind, e.Attempt)
		}
		bot.faults.ClearFaults()
		apiclient.NextKind(t, s, apiclient.EventConnected)
	}
}

func TestStreamOtherHandshakeErrorIsDisconnect(t *testing.T) {
	t.Parallel()
	bot := newTestBot(t, newRestClock())
	bot.refuseWS(http.StatusServiceUnavailable)
	s := apiclient.StartStream(t, bot.client(t), apiclient.FastOpts())
	e := apiclient.NextKind(t, s, apiclient.EventDisconnected)
	var apiErr *apiclient.APIError
	var authErr *apiclient.AuthError
	if !errors.As(e.Err, &apiErr) || apiErr.Status != http.StatusServiceUnavailable || errors.As(e.Err, &authErr) {
		t.Errorf("err = %v, want a 503 *APIError and no *AuthError", e.Err)
	}
}

func TestStreamTokenSourceAuthError(t *testing.T) {
	t.Parallel()
	bot := newTestBot(t, newRestClock())
	c, err := apiclient.New(bot.srv.URL, apiclient.WithHTTPClient(bot.srv.Client()),
		apiclient.WithBasicAuth(botUser, "wrong"), apiclient.WithJWT())
	if err != nil {
		t.Fatal(err)
	}
	s := apiclient.StartStream(t, c, apiclient.FastOpts())
	e := apiclient.NextKind(t, s, apiclient.EventAuthFailed)
	var authErr *apiclient.AuthError
	if !errors.As(e.Err, &authErr) {
		t.Errorf("err = %v, want *AuthError", e.Err)
	}
	if got := bot.wsTokens(); len(got) != 0 {
		t.Errorf("the socket was dialled without a token: %q", got)
	}
}

func jwtIssuedAt(t *testing.T, token string) time.Time {
	t.Helper()
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(token, claims); err != nil {
		t.Fatalf("token %q is not a JWT: %v", token, err)
	}
	iat, err := claims.GetIssuedAt()
	if err != nil || iat == nil {
		t.Fatalf("token has no iat: %v", err)
	}
	return iat.UTC()
}

// newJWTStreamClient is a JWT client of bot on its clock.
func newJWTStreamClient(t *testing.T, bot *testBot, opts ...apiclient.Option) *apiclient.Client {
	t.Helper()
	return newJWTClient(t, bot, append([]apiclient.Option{
		apiclient.WithHTTPClient(bot.srv.Client()), apiclient.WithBasicAuth(botUser, botPass),
	}, opts...)...)
}

func TestStreamRefreshesExpiredTokenBeforeReconnect(t *testing.T) {
	t.Parallel()
	clock := newRestClock()
	t0 := clock.Now()
	bot := newTestBot(t, clock)
	s := apiclient.StartStream(t, newJWTStreamClient(t, bot), apiclient.FastOpts())
	apiclient.NextKind(t, s, apiclient.EventConnected)

	clock.Advance(20 * time.Minute) // the first access token has expired
	bot.faults.DropStreams()
	bot.wait(t, "the second connection", func() bool { return len(bot.faults.Streams()) == 2 })
	tokens := bot.wsTokens()
	if len(tokens) != 2 || tokens[0] == tokens[1] {
		t.Fatalf("tokens = %q, want two different ones", tokens)
	}
	apiclient.WantField(t, "first iat", jwtIssuedAt(t, tokens[0]), t0)
	apiclient.WantField(t, "second iat", jwtIssuedAt(t, tokens[1]), t0.Add(20*time.Minute))
}

func TestStreamRenewsRefusedJWT(t *testing.T) {
	t.Parallel()
	clock := newRestClock()
	bot := newTestBot(t, clock)
	now := clock.Now()
	// The access token has not expired, but the bot restarted with a new
	// secret: the handshake refuses it, and the client renews it.
	c := newJWTStreamClient(t, bot, apiclient.WithTokens(apiclient.Tokens{
		AccessToken:  sign(t, []byte("old-secret"), "access", now, 15*time.Minute),
		RefreshToken: sign(t, botSecret(), "refresh", now, 30*24*time.Hour),
	}))
	// It renews at once, not after AuthRetry: a restarted bot's stream must
	// not stay down for a minute (seen after kill -9 and restart of serve).
	opts := apiclient.FastOpts()
	opts.AuthRetry = time.Hour
	s := apiclient.StartStream(t, c, opts)
	for e := apiclient.NextEvent(t, s); e.Kind != apiclient.EventConnected; e = apiclient.NextEvent(t, s) {
		if e.Kind == apiclient.EventAuthFailed {
			t.Fatalf("auth failed (retry in %v) before the refused token was renewed: %v", e.Retry, e.Err)
		}
	}
	tokens := bot.wsTokens()
	if len(tokens) != 2 || tokens[0] == tokens[1] {
		t.Errorf("tokens = %q, want the refused one replaced", tokens)
	}
}
