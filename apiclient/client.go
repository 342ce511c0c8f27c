package apiclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// APIPrefix is the path of every REST route below the bot's base URL.
const APIPrefix = "/api/v1"

// DefaultTimeout bounds each HTTP request of the default http.Client.
const DefaultTimeout = 15 * time.Second

// rootRoute prefixes the few routes that live outside /api/v1 (/ui_version).
const rootRoute = "~"

// maxBody bounds how much of a response the client reads (analyzed
// dataframes are the largest bodies).
const maxBody = 64 << 20

// Client is a freqtrade REST API client. It is safe for concurrent use.
type Client struct {
	base      *url.URL // scheme, host and base path, no trailing slash
	http      *http.Client
	userAgent string
	username  string
	password  string
	useJWT    bool
	wsToken   string
	now       func() time.Time
	dial      DialFunc

	mu   sync.Mutex
	auth tokenState
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the http.Client (the default has DefaultTimeout). nil
// keeps the default.
func WithHTTPClient(h *http.Client) Option {
	return func(c *Client) {
		if h != nil {
			c.http = h
		}
	}
}

// DialFunc opens a network connection, as net.Dialer.DialContext does.
type DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// WithDialContext routes every connection of the client, its HTTP requests
// and its WebSocket, through dial: an SSH tunnel, for example. Addresses are
// the bot URL's host:port, as seen from wherever dial connects from; proxy
// settings from the environment are then ignored. The http.Client given with
// WithHTTPClient is copied, not changed, and its Transport must be nil or an
// *http.Transport. nil keeps the default dialer.
func WithDialContext(dial DialFunc) Option { return func(c *Client) { c.dial = dial } }

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(c *Client) { c.userAgent = ua } }

// WithBasicAuth sets the username and password. Without WithJWT they are sent
// as HTTP Basic on every request; with it, they log in for tokens.
func WithBasicAuth(username, password string) Option {
	return func(c *Client) { c.username, c.password = username, password }
}

// WithJWT makes the client authenticate with access tokens from
// /token/login, refreshed before they expire.
func WithJWT() Option { return func(c *Client) { c.useJWT = true } }

// WithTokens seeds the client with tokens (the refresh token may be empty)
// and turns on JWT authentication.
func WithTokens(t Tokens) Option {
	return func(c *Client) { c.auth.tokens, c.useJWT = t, true }
}

// WithClock sets the clock used to judge token expiry (default time.Now).
// nil keeps the default.
func WithClock(now func() time.Time) Option {
	return func(c *Client) {
		if now != nil {
			c.now = now
		}
	}
}

// New returns a client for the bot at baseURL: "http://127.0.0.1:8080", or a
// reverse-proxied "https://host/ftbot". A trailing "/api/v1" is accepted and
// dropped, and user information in the URL is taken as Basic credentials.
func New(baseURL string, opts ...Option) (*Client, error) {
	u, err := parseBaseURL(baseURL)
	if err != nil {
		return nil, err
	}
	c := &Client{
		base:      u,
		http:      &http.Client{Timeout: DefaultTimeout},
		userAgent: "freqdeck",
		now:       time.Now,
	}
	for _, o := range opts {
		o(c)
	}
	if err := c.applyDial(); err != nil {
		return nil, err
	}
	if u.User != nil {
		// "http://user:pass@host" supplies Basic credentials unless
		// WithBasicAuth did; either way they stay out of BaseURL().
		if !c.hasBasic() {
			c.username = u.User.Username()
			c.password, _ = u.User.Password()
		}
		u.User = nil
	}
	c.setTokens(c.auth.tokens, false)
	return c, nil
}

// applyDial makes the client's http.Client dial through c.dial: a copy of it
// with a cloned transport whose every dial path leads to c.dial.
func (c *Client) applyDial() error {
	if c.dial == nil {
		return nil
	}
	var tr *http.Transport
	switch rt := c.http.Transport.(type) {
	case nil:
		tr = http.DefaultTransport.(*http.Transport).Clone()
	case *http.Transport:
		tr = rt.Clone()
	default:
		return fmt.Errorf("apiclient: WithDialContext needs an *http.Transport, the http.Client has a %T", rt)
	}
	tr.Proxy = nil
	tr.DialContext = c.dial
	tr.DialTLSContext = nil
	//lint:ignore SA1019 a DialTLS left set would bypass c.dial for https
	tr.DialTLS = nil //nolint:staticcheck // as above
	hc := *c.http
	hc.Transport = tr
	c.http = &hc
	return nil
}

func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("apiclient: bot URL %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("apiclient: bot URL %q: scheme must be http or https", u.Redacted())
	}
	if u.Host == "" {
		return nil, fmt.Errorf("apiclient: bot URL %q has no host", u.Redacted())
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("apiclient: bot URL %q must not have a query or fragment", u.Redacted())
	}
	u.Path = strings.TrimSuffix(strings.TrimRight(u.Path, "/"), APIPrefix)
	u.RawPath = ""
	return u, nil
}

// BaseURL returns the bot's base URL, without the /api/v1 prefix.
func (c *Client) BaseURL() string { return c.base.String() }

// WSURL returns the ws:// or wss:// URL of the message WebSocket,
// /api/v1/message/ws below the base path, without a query.
func (c *Client) WSURL() string {
	u := *c.base
	if u.Scheme == "https" {
		u.Scheme = "wss"
	} else {
		u.Scheme = "ws"
	}
	u.Path = c.base.Path + APIPrefix + "/message/ws"
	return u.String()
}

// Username returns the configured username.
func (c *Client) Username() string {
	user, _ := c.basic()
	return user
}

// endpoint builds the URL of route, which is already path-escaped (routes
// escape their parameters with url.PathEscape).
func (c *Client) endpoint(route string, q url.Values) string {
	u := *c.base
	raw := c.base.EscapedPath() + APIPrefix + route
	if rest, ok := strings.CutPrefix(route, rootRoute); ok {
		raw = c.base.EscapedPath() + rest
	}
	u.Path, u.RawPath = raw, raw
	if p, err := url.PathUnescape(raw); err == nil {
		u.Path = p
	}
	if len(q) > 0 {
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// call performs one API request: it encodes body (if not nil) as JSON, adds
// authentication (see exchange), and decodes a 2xx answer into out (if not
// nil). Other answers become *APIError; transport failures name the route
// and keep their cause for errors.Is.
func (c *Client) call(ctx context.Context, method, route string, q url.Values, body, out any) error {
	var payload []byte
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("%s %s: encode body: %w", method, route, err)
		}
		payload = b
	}
	status, data, err := c.exchange(ctx, method, route, q, payload)
	if err != nil {
		return err
	}
	if status < 200 || status > 299 {
		e := DecodeError(status, data)
		e.Method, e.Route = method, route
		return e
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		if notAPIErr := notAPI(method, route, status, data); notAPIErr != nil {
			return notAPIErr
		}
		return fmt.Errorf("%s %s: decode response: %w", method, route, err)
	}
	return nil
}

// send performs one HTTP exchange; auth (if not nil) adds credentials. It
// returns the status and body of any answer, and an error only when there is
// no answer.
func (c *Client) send(ctx context.Context, method, route string, q url.Values, payload []byte, auth func(*http.Request)) (int, []byte, error) {
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.endpoint(route, q), body)
	if err != nil {
		return 0, nil, fmt.Errorf("%s %s: %w", method, route, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth != nil {
		auth(req)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, fmt.Errorf("%s %s: %w", method, route, unwrapURLError(err))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return 0, nil, fmt.Errorf("%s %s: read response: %w", method, route, err)
	}
	if len(data) > maxBody {
		return 0, nil, fmt.Errorf("%s %s: response larger than %d MiB", method, route, maxBody>>20)
	}
	return resp.StatusCode, data, nil
}

// unwrapURLError drops *url.Error's repetition of method and URL, since our
// message already names the route; the cause stays reachable for errors.Is.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
