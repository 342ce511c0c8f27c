package apiclient

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// ErrKeepalive is wrapped by the reason of a connection dropped because it
// stayed silent past its deadline (no data and no pong).
var ErrKeepalive = errors.New("apiclient: websocket keepalive timeout")

// wsRoute names the WebSocket in errors.
const wsRoute = "/message/ws"

// wsDialer holds what every attempt dials with: the HTTP client's proxy, TLS
// settings and dial function.
type wsDialer struct {
	proxy     func(*http.Request) (*url.URL, error)
	tls       *tls.Config
	netDial   func(ctx context.Context, network, addr string) (net.Conn, error)
	handshake time.Duration
}

// newWSDialer copies the transport settings of the client's http.Client when
// its transport is an *http.Transport (Clone makes reading them race-free).
func (c *Client) newWSDialer(handshake time.Duration) wsDialer {
	d := wsDialer{proxy: http.ProxyFromEnvironment, handshake: handshake}
	rt := c.http.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	if tr, ok := rt.(*http.Transport); ok {
		cl := tr.Clone()
		d.proxy, d.netDial = cl.Proxy, cl.DialContext
		if cl.TLSClientConfig != nil {
			d.tls = cl.TLSClientConfig
			d.tls.NextProtos = nil // the upgrade needs HTTP/1.1, not h2
		}
	}
	if c.dial != nil {
		d.proxy, d.netDial = nil, c.dial
	}
	if d.netDial == nil {
		d.netDial = (&net.Dialer{}).DialContext
	}
	return d
}

// dial opens one connection. The returned idleConn enforces the keepalive
// deadline once armed.
func (d wsDialer) dial(ctx context.Context, rawURL, userAgent string) (*websocket.Conn, *idleConn, error) {
	var idle *idleConn
	wd := websocket.Dialer{
		Proxy:            d.proxy,
		TLSClientConfig:  d.tls,
		HandshakeTimeout: d.handshake,
		NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			conn, err := d.netDial(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			idle = &idleConn{Conn: conn}
			return idle, nil
		},
	}
	header := http.Header{"User-Agent": {userAgent}}
	ws, resp, err := wd.DialContext(ctx, rawURL, header)
	if err != nil {
		return nil, nil, handshakeError(resp, err)
	}
	return ws, idle, nil
}

// handshakeError turns a failed dial into the stream's error: an *AuthError
// for 401/403, an *APIError for other statuses, or the network error.
func handshakeError(resp *http.Response, err error) error {
	if resp == nil || !errors.Is(err, websocket.ErrBadHandshake) {
		return fmt.Errorf("apiclient: GET %s: %w", wsRoute, err)
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
	_ = resp.Body.Close()
	apiErr := DecodeError(resp.StatusCode, body)
	apiErr.Method, apiErr.Route = http.MethodGet, wsRoute
	if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
		return &AuthError{Reason: "websocket token refused", Err: apiErr}
	}
	return apiErr
}

// readError names why a connection's reader stopped.
func readError(err error, silence time.Duration) error {
	// gorilla hides the deadline error behind its own net.Error.
	var ne net.Error
	if errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("%w: nothing received for %s", ErrKeepalive, silence)
	}
	return fmt.Errorf("apiclient: websocket read: %w", err)
}

// idleConn is the network connection under a WebSocket. Once armed, every
// successful read pushes the read deadline timeout further, so the deadline
// fires only after timeout of complete silence: a large frame that arrives
// slowly keeps the connection alive, a peer that answers no ping does not.
type idleConn struct {
	net.Conn
	timeout atomic.Int64 // nanoseconds; 0 until armed
	// touch, when set, records that bytes came (Stream.Silence).
	touch func()
}

// Read implements net.Conn.
func (c *idleConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		if c.touch != nil {
			c.touch()
		}
		if d := c.timeout.Load(); d > 0 {
			_ = c.Conn.SetReadDeadline(time.Now().Add(time.Duration(d)))
		}
	}
	return n, err //nolint:wrapcheck // a net.Conn passes its errors through
}

// arm starts enforcing timeout.
func (c *idleConn) arm(timeout time.Duration) error {
	c.timeout.Store(int64(timeout))
	if err := c.Conn.SetReadDeadline(time.Now().Add(timeout)); err != nil {
		return fmt.Errorf("apiclient: websocket read deadline: %w", err)
	}
	return nil
}
