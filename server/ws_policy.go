package server

import (
	"time"

	"github.com/gorilla/websocket"
)

// Per-connection WebSocket policy: keepalive and a request rate.
//
// Keepalive: the HTTP read and write timeouts end at the upgrade; from then
// on the server pings every ping period (a standard control frame that
// every WebSocket client answers by itself), each frame written must go out
// within the hub's write timeout, and a connection from which nothing, not
// even a pong, arrives for the read timeout is closed. freqtrade's server
// does not ping; the pings are invisible to freqtrade clients.
//
// Request rate: client requests (subscribe, whitelist, analyzed_df, and
// anything unparsable) are metered by a token bucket of DefaultWSRequestBurst
// requests refilled at DefaultWSRequestRate per second. A whitelist or
// analyzed_df request over the rate is dropped unanswered; a subscribe is
// still applied, since it only replaces the subscription list. A
// connection that goes on once DefaultWSRequestExcess requests beyond the
// rate have been dropped is closed with 1008 (policy violation), "too many
// requests". freqtrade's own consumer sends three requests per connection.
const (
	// DefaultWSPingPeriod is how often the server pings each connection.
	DefaultWSPingPeriod = 30 * time.Second
	// DefaultWSReadTimeout is how long a connection may send nothing
	// (not even a pong) before it is closed.
	DefaultWSReadTimeout = 75 * time.Second
	// DefaultWSRequestBurst is how many requests a connection may send at once.
	DefaultWSRequestBurst = 20
	// DefaultWSRequestRate is the sustained requests per second of a connection.
	DefaultWSRequestRate = 2
	// DefaultWSRequestExcess is how many requests beyond the rate are
	// dropped before the connection is closed.
	DefaultWSRequestExcess = 40
)

// closeTooManyRequests is the close text of a connection over its rate.
const closeTooManyRequests = "too many requests"

// WithWebSocketKeepalive sets how often each WebSocket is pinged and how
// long it may stay silent before it is closed; zero keeps a default.
func WithWebSocketKeepalive(ping, readTimeout time.Duration) Option {
	return func(s *Server) {
		if ping > 0 {
			s.hub.pingPeriod = ping
		}
		if readTimeout > 0 {
			s.hub.readTimeout = readTimeout
		}
	}
}

// WithWebSocketRequestLimit sets each WebSocket's request rate: burst
// requests at once, perSecond after, and how many requests over it are
// dropped before the connection is closed with 1008.
func WithWebSocketRequestLimit(burst int, perSecond float64, excess int) Option {
	return func(s *Server) {
		s.hub.requests = requestLimit{burst: float64(max(burst, 1)), rate: max(perSecond, 0), excess: float64(max(excess, 0))}
	}
}

// requestLimit is the request rate of every connection.
type requestLimit struct {
	burst, rate, excess float64
}

// defaultRequestLimit is the documented default.
func defaultRequestLimit() requestLimit {
	return requestLimit{burst: DefaultWSRequestBurst, rate: DefaultWSRequestRate, excess: DefaultWSRequestExcess}
}

// requestVerdict is what to do with one client request.
type requestVerdict int

const (
	requestServe   requestVerdict = iota // within the rate
	requestDrop                          // over the rate: drop it
	requestAbusive                       // far over: close the connection
)

// requestBucket meters one connection's requests. Its tokens go below
// zero as requests are dropped, so the debt measures how far over the rate
// a client is. Only the connection's reader uses it.
type requestBucket struct {
	limit  requestLimit
	tokens float64
	last   time.Time
}

func newRequestBucket(l requestLimit) requestBucket {
	return requestBucket{limit: l, tokens: l.burst}
}

// take meters one request arriving at now.
func (b *requestBucket) take(now time.Time) requestVerdict {
	if !b.last.IsZero() && now.After(b.last) {
		b.tokens = min(b.limit.burst, b.tokens+now.Sub(b.last).Seconds()*b.limit.rate)
	}
	b.last = now
	b.tokens--
	switch {
	case b.tokens >= 0:
		return requestServe
	case b.tokens >= -b.limit.excess:
		return requestDrop
	default:
		return requestAbusive
	}
}

// keepalive makes c's reads wait at most the hub's read timeout, extended
// by every pong (here) and every frame (readLoop) that arrives.
func (s *Server) keepalive(c *client) {
	_ = s.extendRead(c)
	c.conn.SetPongHandler(func(string) error { return s.extendRead(c) })
}

// extendRead gives c's next read the hub's read timeout.
func (s *Server) extendRead(c *client) error {
	return c.conn.SetReadDeadline(time.Now().Add(s.hub.readTimeout))
}

// ping sends c a ping frame within the hub's write timeout.
func (s *Server) ping(c *client) error {
	return c.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(s.hub.writeTimeout))
}
