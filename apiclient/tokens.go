package apiclient

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"time"
)

// TokenSkew is how long before its expiry a token counts as expired, so that
// a request never reaches the server with a token that lapses in flight.
const TokenSkew = 30 * time.Second

// renewal is one token renewal in flight; concurrent callers wait on done and
// share its result.
type renewal struct {
	done  chan struct{}
	token string
	err   error
}

// tokenState is the client's JWT state, guarded by Client.mu. The expiries
// are on the client's clock; the zero time means "unknown, assume valid".
type tokenState struct {
	tokens     Tokens
	accessExp  time.Time
	refreshExp time.Time
	renewing   *renewal
}

// setTokens stores t. fresh marks tokens the server has just issued: their
// expiry is taken as now plus their lifetime (exp - iat), which makes a clock
// difference between the client and the bot harmless. Seeded tokens may be
// old, so their exp is used as is.
func (c *Client) setTokens(t Tokens, fresh bool) {
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.auth.tokens = t
	c.auth.accessExp = localExpiry(t.AccessToken, now, fresh)
	c.auth.refreshExp = localExpiry(t.RefreshToken, now, fresh)
}

// setAccess stores a refreshed access token and keeps the refresh token.
func (c *Client) setAccess(access string) Tokens {
	exp := localExpiry(access, c.now(), true)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.auth.tokens.AccessToken = access
	c.auth.accessExp = exp
	return c.auth.tokens
}

func localExpiry(token string, now time.Time, fresh bool) time.Time {
	exp, iat, ok := jwtTimes(token)
	switch {
	case !ok:
		return time.Time{}
	case fresh && !iat.IsZero() && !exp.Before(iat):
		return now.Add(exp.Sub(iat))
	default:
		return exp
	}
}

// expired reports whether a token with local expiry exp must be renewed now.
func (c *Client) expired(exp time.Time) bool {
	return !exp.IsZero() && !c.now().Add(TokenSkew).Before(exp)
}

// accessToken returns an access token that is valid for at least TokenSkew,
// renewing it first when needed. stale is a token the server has just refused
// ("" if none); it is renewed whatever its exp says. Concurrent callers share
// one renewal.
func (c *Client) accessToken(ctx context.Context, stale string) (string, error) {
	for {
		c.mu.Lock()
		tok := c.auth.tokens.AccessToken
		if tok != "" && tok != stale && !c.expired(c.auth.accessExp) {
			c.mu.Unlock()
			return tok, nil
		}
		r, leader := c.auth.renewing, false
		if r == nil {
			r, leader = &renewal{done: make(chan struct{})}, true
			c.auth.renewing = r
		}
		c.mu.Unlock()
		if leader {
			r.token, r.err = c.renew(ctx)
			c.mu.Lock()
			c.auth.renewing = nil
			c.mu.Unlock()
			close(r.done)
			return r.token, r.err
		}
		select {
		case <-r.done:
		case <-ctx.Done():
			return "", ctx.Err()
		}
		// A renewal cut short by its leader's context says nothing about
		// ours: try again, leading this time if nobody else does.
		if r.err != nil && isContextError(r.err) && ctx.Err() == nil {
			continue
		}
		return r.token, r.err
	}
}

func isContextError(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// renew gets a new access token: from the refresh token while it is valid,
// else by logging in with the Basic credentials. A refused refresh falls back
// to logging in; without credentials it is an *AuthError.
func (c *Client) renew(ctx context.Context) (string, error) {
	c.mu.Lock()
	refresh, refreshExp := c.auth.tokens.RefreshToken, c.auth.refreshExp
	c.mu.Unlock()
	var refused error
	if refresh != "" && !c.expired(refreshExp) {
		t, err := c.refreshWith(ctx, refresh)
		if err == nil {
			return t.AccessToken, nil
		}
		var ae *AuthError
		if !errors.As(err, &ae) {
			return "", err
		}
		refused = err
	}
	if !c.hasBasic() {
		if refused != nil {
			return "", refused
		}
		return "", &AuthError{Reason: "access token expired or refused, and no valid refresh token or credentials to renew it"}
	}
	t, err := c.Login(ctx)
	if err != nil {
		return "", err
	}
	return t.AccessToken, nil
}

// jwtTimes reads the exp and iat claims (Unix seconds, integer or float) from
// a JWT's payload without checking its signature: only the server can do
// that, and a forged token merely fails there. ok is false when the token is
// not a JWT or has no usable exp; iat is zero when absent.
func jwtTimes(token string) (exp, iat time.Time, ok bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return time.Time{}, time.Time{}, false
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return time.Time{}, time.Time{}, false
	}
	var claims struct {
		Exp *float64 `json:"exp"`
		Iat *float64 `json:"iat"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil || claims.Exp == nil {
		return time.Time{}, time.Time{}, false
	}
	exp, ok = unixSeconds(*claims.Exp)
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	if claims.Iat != nil {
		iat, _ = unixSeconds(*claims.Iat)
	}
	return exp, iat, true
}

// maxUnix bounds claim values to dates time.Time handles without overflow
// (year 9999).
const maxUnix = 253402300799

func unixSeconds(v float64) (time.Time, bool) {
	if math.IsNaN(v) || v < 0 || v > maxUnix {
		return time.Time{}, false
	}
	sec, frac := math.Modf(v)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), true
}
