package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"

	"github.com/freqdeck/freqdeck/apiclient"
)

// WebSocket limits.
const (
	wsReadLimit  = 64 << 10 // client frames are small requests
	wsCloseGrace = time.Second
)

// client is one WebSocket connection: a reader (the HTTP handler's
// goroutine) and a writer draining send.
type client struct {
	conn   *websocket.Conn
	remote string
	send   chan *websocket.PreparedMessage
	subs   atomic.Pointer[[]apiclient.MessageType]
	rate   requestBucket // the reader's only

	once      sync.Once
	done      chan struct{}
	closeCode int
	closeText string
}

// subscribed reports whether c's current list contains typ.
func (c *client) subscribed(typ apiclient.MessageType) bool {
	subs := c.subs.Load()
	return subs != nil && slices.Contains(*subs, typ)
}

// kick asks c's goroutines to close the connection with code; it reports
// whether this call was the first. It never blocks: a writer stuck on a
// stalled socket is released by an immediate write deadline.
func (c *client) kick(code int, text string) bool {
	first := false
	c.once.Do(func() {
		first = true
		c.closeCode, c.closeText = code, text
		close(c.done)
		_ = c.conn.NetConn().SetWriteDeadline(time.Now())
	})
	return first
}

// upgrader accepts same-host origins, configured CORS origins, and clients
// that send no Origin (bots, consoles, scripts).
func (s *Server) upgrader() *websocket.Upgrader {
	return &websocket.Upgrader{
		ReadBufferSize:  4096,
		WriteBufferSize: 4096,
		CheckOrigin: func(r *http.Request) bool {
			origin := r.Header.Get("Origin")
			return origin == "" || slices.Contains(s.cfg.CORSOrigins, origin) || sameHost(origin, r.Host)
		},
	}
}

// handleWS serves /api/v1/message/ws. The token is checked before the
// upgrade: a refused client gets HTTP 403 and no WebSocket (§1.6).
func (s *Server) handleWS(w http.ResponseWriter, r *http.Request) {
	if !websocket.IsWebSocketUpgrade(r) {
		s.writeDetail(w, http.StatusNotFound, detailNotFound)
		return
	}
	if !s.validWSToken(r.URL.Query().Get("token")) {
		w.WriteHeader(http.StatusForbidden)
		return
	}
	conn, err := s.upgrader().Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered
	}
	c := &client{
		conn:   conn,
		remote: r.RemoteAddr,
		send:   make(chan *websocket.PreparedMessage, s.hub.queueLen),
		rate:   newRequestBucket(s.hub.requests),
		done:   make(chan struct{}),
	}
	if !s.hub.add(c) {
		_ = conn.WriteControl(websocket.CloseMessage,
			websocket.FormatCloseMessage(websocket.CloseGoingAway, "server shutting down"), time.Now().Add(wsCloseGrace))
		_ = conn.Close()
		return
	}
	defer s.hub.remove(c)
	ctx, cancel := context.WithCancel(context.WithoutCancel(r.Context()))
	defer cancel()
	written := make(chan struct{})
	go func() {
		defer close(written)
		s.writeLoop(c)
	}()
	s.readLoop(ctx, c)
	c.kick(websocket.CloseNormalClosure, "")
	<-written
}

// writeLoop writes queued frames, and a ping every ping period, until c is
// kicked or a write fails, then closes the connection (with a close frame
// when the socket still takes one).
func (s *Server) writeLoop(c *client) {
	ping := time.NewTicker(s.hub.pingPeriod)
	defer ping.Stop()
	defer func() {
		<-c.done // every exit path has kicked c; this orders closeCode's write before the read
		_ = c.conn.WriteControl(websocket.CloseMessage,
			websocket.FormatCloseMessage(c.closeCode, c.closeText), time.Now().Add(wsCloseGrace))
		_ = c.conn.Close()
	}()
	for {
		select {
		case <-c.done:
			return
		default:
		}
		select {
		case <-c.done:
			return
		case frame := <-c.send:
			_ = c.conn.SetWriteDeadline(time.Now().Add(s.hub.writeTimeout))
			if err := c.conn.WritePreparedMessage(frame); err != nil {
				s.writeFailed(c, err)
				return
			}
		case <-ping.C:
			if err := s.ping(c); err != nil {
				s.writeFailed(c, err)
				return
			}
		}
	}
}

// readLoop handles client requests, metered by c's request bucket, until
// the connection fails, closes, stays silent past the read timeout, or
// goes far over its request rate.
func (s *Server) readLoop(ctx context.Context, c *client) {
	c.conn.SetReadLimit(wsReadLimit)
	s.keepalive(c)
	for {
		_, data, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		_ = s.extendRead(c)
		verdict := c.rate.take(s.now())
		if verdict == requestAbusive {
			s.hub.violation(c, closeTooManyRequests, "request flood")
			return
		}
		s.handleRequest(ctx, c, data, verdict == requestDrop)
	}
}

// reply queues a direct answer to c, dropping c if its queue is full.
func (s *Server) reply(c *client, msg any) {
	frame, err := prepare(msg)
	if err != nil {
		s.log.Error("server: encode websocket reply", "err", err)
		return
	}
	s.hub.enqueue(c, frame)
}

// writeFailed drops c as a slow consumer when its write timed out; any other
// failure is a connection that is already gone.
func (s *Server) writeFailed(c *client, err error) {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		s.hub.drop(c, "write timed out")
		return
	}
	c.kick(websocket.CloseNormalClosure, "")
}

// sameHost reports whether an Origin names the request's own host.
func sameHost(origin, host string) bool {
	u, err := url.Parse(origin)
	return err == nil && strings.EqualFold(u.Host, host)
}
