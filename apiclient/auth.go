package apiclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// msgBadToken is freqtrade's 401 detail for a bad, expired or wrong-type JWT.
const msgBadToken = "Could not validate credentials"

// WithWSToken sets the bot's api_server.ws_token, which WSToken then returns
// instead of an access JWT.
func WithWSToken(token string) Option { return func(c *Client) { c.wsToken = token } }

// WSToken returns the token for ?token= on the WebSocket: the configured
// ws_token if set (WithWSToken), else a valid access JWT, logging in or
// refreshing first as needed. Errors are *AuthError when credentials are
// refused.
func (c *Client) WSToken(ctx context.Context) (string, error) {
	if c.wsToken != "" {
		return c.wsToken, nil
	}
	tok, err := c.accessToken(ctx, "")
	if err != nil {
		return "", fmt.Errorf("websocket token: %w", err)
	}
	return tok, nil
}

// Tokens returns the client's current tokens (empty before the first login),
// for example to store them between runs and seed them with WithTokens.
func (c *Client) Tokens() Tokens {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.auth.tokens
}

// Login calls POST /token/login with the Basic credentials, stores the tokens
// and returns them. Refused credentials are an *AuthError wrapping the
// *APIError.
func (c *Client) Login(ctx context.Context) (Tokens, error) {
	const route = "/token/login"
	if !c.hasBasic() {
		return Tokens{}, &AuthError{Reason: "no username or password to log in with"}
	}
	t, err := c.tokenCall(ctx, route, "login refused", c.basicAuth)
	if err != nil {
		return Tokens{}, err
	}
	c.setTokens(t, true)
	return t, nil
}

// Refresh calls POST /token/refresh with the refresh token and stores the new
// access token. freqtrade does not rotate refresh tokens, so the returned
// Tokens keep the current one. A refused or missing refresh token is an
// *AuthError; Refresh never falls back to logging in (requests do).
func (c *Client) Refresh(ctx context.Context) (Tokens, error) {
	c.mu.Lock()
	refresh := c.auth.tokens.RefreshToken
	c.mu.Unlock()
	return c.refreshWith(ctx, refresh)
}

func (c *Client) refreshWith(ctx context.Context, refresh string) (Tokens, error) {
	const route = "/token/refresh"
	if refresh == "" {
		return Tokens{}, &AuthError{Reason: "no refresh token"}
	}
	t, err := c.tokenCall(ctx, route, "refresh token refused", bearerAuth(refresh))
	if err != nil {
		return Tokens{}, err
	}
	return c.setAccess(t.AccessToken), nil
}

// tokenCall POSTs to a token route. A 401 or 403 is an *AuthError with
// reason refused, wrapping the *APIError; other failures are returned as call
// would, and an answer without an access token is an error.
func (c *Client) tokenCall(ctx context.Context, route, refused string, auth func(*http.Request)) (Tokens, error) {
	status, data, err := c.send(ctx, http.MethodPost, route, nil, nil, auth)
	if err != nil {
		return Tokens{}, err
	}
	if status < 200 || status > 299 {
		apiErr := DecodeError(status, data)
		apiErr.Method, apiErr.Route = http.MethodPost, route
		if status == http.StatusUnauthorized || status == http.StatusForbidden {
			return Tokens{}, &AuthError{Reason: refused, Err: apiErr}
		}
		return Tokens{}, apiErr
	}
	var t Tokens
	if err := json.Unmarshal(data, &t); err != nil {
		return Tokens{}, fmt.Errorf("POST %s: decode response: %w", route, err)
	}
	if t.AccessToken == "" {
		return Tokens{}, fmt.Errorf("POST %s: answer has no access_token", route)
	}
	return t, nil
}

func (c *Client) hasBasic() bool {
	user, pass := c.basic()
	return user != "" || pass != ""
}

// basic returns the Basic credentials; SetPassword may change them while
// requests are under way.
func (c *Client) basic() (username, password string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.username, c.password
}

// basicAuth adds the Basic credentials, if any, to req.
func (c *Client) basicAuth(req *http.Request) {
	if user, pass := c.basic(); user != "" || pass != "" {
		req.SetBasicAuth(user, pass)
	}
}

// SetPassword replaces the password of the Basic credentials (the username
// stays) and forgets the tokens the old one got, so the next request logs
// in with the new one. A console sets it when the operator types the
// password, or when a password_cmd answers after the client was built. It
// is safe while requests are under way.
func (c *Client) SetPassword(password string) {
	c.mu.Lock()
	c.password = password
	c.mu.Unlock()
	if c.useJWT {
		c.setTokens(Tokens{}, false)
	}
}

func bearerAuth(token string) func(*http.Request) {
	return func(req *http.Request) { req.Header.Set("Authorization", "Bearer "+token) }
}

// publicRoutes need no authentication: a JWT client does not log in for them.
func publicRoute(route string) bool {
	return route == "/ping" || route == rootRoute+"/ui_version"
}

// exchange sends one request with the client's credentials: Basic, or a
// Bearer access token that is renewed before it expires and, when the server
// refuses it with "Could not validate credentials", renewed and retried once.
func (c *Client) exchange(ctx context.Context, method, route string, q url.Values, payload []byte) (int, []byte, error) {
	if !c.useJWT || publicRoute(route) {
		return c.send(ctx, method, route, q, payload, c.basicAuth)
	}
	tok, err := c.accessToken(ctx, "")
	if err != nil {
		return 0, nil, fmt.Errorf("%s %s: %w", method, route, err)
	}
	status, data, err := c.send(ctx, method, route, q, payload, bearerAuth(tok))
	if err != nil || status != http.StatusUnauthorized || !retryable(data) {
		return status, data, err
	}
	if tok, err = c.accessToken(ctx, tok); err != nil {
		return 0, nil, fmt.Errorf("%s %s: %w", method, route, err)
	}
	return c.send(ctx, method, route, q, payload, bearerAuth(tok))
}

// retryable reports whether a 401 body says the access token was refused, so
// that a renewed token may succeed.
func retryable(body []byte) bool {
	var d DetailBody
	return json.Unmarshal(body, &d) == nil && d.Detail == msgBadToken
}

// IsAuthError reports whether err means the bot refused the credentials: an
// *AuthError, or a 401 *APIError.
func IsAuthError(err error) bool {
	var ae *AuthError
	if errors.As(err, &ae) {
		return true
	}
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized
}
