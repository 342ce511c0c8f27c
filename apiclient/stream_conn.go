package apiclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// closeGrace is how long shutdown waits for the server to answer the close
// frame before the socket is closed anyway.
const closeGrace = time.Second

// run is the connection loop: connect, serve until the connection ends, wait
// out the backoff, repeat until ctx ends.
func (s *Stream) run(ctx context.Context) {
	defer close(s.stopped)
	attempt, refused := 0, ""
	for {
		attempt++
		s.emit(Event{Kind: EventConnecting, Attempt: attempt})
		up, err := s.connect(ctx, &refused)
		if ctx.Err() != nil {
			return
		}
		n := attempt
		if up >= s.opts.StableAfter {
			attempt, n = 0, 1
		}
		var authErr *AuthError
		auth := errors.As(err, &authErr)
		delay := s.opts.retryDelay(n, auth)
		kind := EventDisconnected
		if auth {
			kind = EventAuthFailed
		}
		s.emit(Event{Kind: kind, Err: err, Retry: delay})
		if !sleepCtx(ctx, delay) {
			return
		}
	}
}

// connect makes one attempt and, when it succeeds, serves the connection
// until it ends. It returns how long the connection was up and why it ended.
// *refused carries a token the server refused from one attempt to the next.
func (s *Stream) connect(ctx context.Context, refused *string) (time.Duration, error) {
	token, err := s.token(ctx, *refused)
	if err != nil {
		return 0, err
	}
	target := s.client.WSURL() + "?" + url.Values{"token": {token}}.Encode()
	ws, idle, err := s.dialer.dial(ctx, target, s.client.userAgent)
	renewed := *refused != ""
	*refused = ""
	if err != nil {
		var authErr *AuthError
		if errors.As(err, &authErr) {
			*refused = token
			if !renewed && s.client.wsToken == "" {
				// A JWT refused before it expired: the bot may have
				// restarted with a new secret. Renew it and dial again at
				// once rather than after AuthRetry.
				return s.connect(ctx, refused)
			}
		}
		return 0, err
	}
	ws.SetReadLimit(maxBody)
	s.touch()
	if idle != nil {
		// Set before the reader starts, on this goroutine.
		idle.touch = s.touch
	}
	if err := s.subscribe(ws); err != nil {
		_ = ws.Close()
		return 0, err
	}
	if err := idle.arm(s.opts.PingInterval + s.opts.PongTimeout); err != nil {
		_ = ws.Close()
		return 0, err
	}
	start := time.Now()
	s.connects.Add(1)
	s.emit(Event{Kind: EventConnected})
	err = s.serve(ctx, ws)
	return time.Since(start), err
}

// token returns the token for the next attempt (WSToken). An access JWT the
// server has just refused is renewed even if it has not expired: the bot may
// have restarted with a new jwt_secret_key.
func (s *Stream) token(ctx context.Context, refused string) (string, error) {
	var token string
	var err error
	if refused != "" && s.client.wsToken == "" {
		token, err = s.client.accessToken(ctx, refused)
	} else {
		token, err = s.client.WSToken(ctx)
	}
	if err == nil {
		return token, nil
	}
	var authErr *AuthError
	if errors.As(err, &authErr) {
		return "", err
	}
	return "", fmt.Errorf("apiclient: websocket token: %w", err)
}

// subscribe sends the subscribe frames (see StreamOptions.subscriptions).
func (s *Stream) subscribe(ws *websocket.Conn) error {
	for _, types := range s.opts.subscriptions() {
		data, err := json.Marshal(types)
		if err != nil {
			return fmt.Errorf("apiclient: websocket subscribe: %w", err)
		}
		frame, err := json.Marshal(WSRequest{Type: ReqSubscribe, Data: data})
		if err != nil {
			return fmt.Errorf("apiclient: websocket subscribe: %w", err)
		}
		if err := writeFrame(ws, frame, s.opts.WriteTimeout); err != nil {
			return fmt.Errorf("apiclient: websocket subscribe: %w", err)
		}
	}
	return nil
}

func writeFrame(ws *websocket.Conn, frame []byte, timeout time.Duration) error {
	if err := ws.SetWriteDeadline(time.Now().Add(timeout)); err != nil {
		return fmt.Errorf("set write deadline: %w", err)
	}
	if err := ws.WriteMessage(websocket.TextMessage, frame); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// session is one live connection: the caller's goroutine reads, a writer
// goroutine owns every data write (requests) and the pings.
type session struct {
	s          *Stream
	ws         *websocket.Conn
	readerDone chan struct{}
	once       sync.Once
	reason     error
}

// serve runs the connection until it fails or ctx ends.
func (s *Stream) serve(ctx context.Context, ws *websocket.Conn) error {
	ss := &session{s: s, ws: ws, readerDone: make(chan struct{})}
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		ss.writeLoop(ctx)
	}()
	ss.fail(ss.readLoop())
	close(ss.readerDone)
	<-writerDone
	return ss.reason
}

// fail records the first reason the connection ended and closes the socket,
// which stops the reader.
func (ss *session) fail(err error) {
	ss.once.Do(func() {
		ss.reason = err
		_ = ss.ws.Close()
	})
}

func (ss *session) readLoop() error {
	silence := ss.s.opts.PingInterval + ss.s.opts.PongTimeout
	for {
		_, frame, err := ss.ws.ReadMessage()
		if err != nil {
			return readError(err, silence)
		}
		ss.s.deliverFrame(frame)
	}
}

func (ss *session) writeLoop(ctx context.Context) {
	opts := ss.s.opts
	ping := time.NewTicker(opts.PingInterval)
	defer ping.Stop()
	for {
		select {
		case <-ss.readerDone:
			return
		case <-ctx.Done():
			ss.closeGracefully(ctx)
			return
		case <-ping.C:
			deadline := time.Now().Add(opts.WriteTimeout)
			if err := ss.ws.WriteControl(websocket.PingMessage, nil, deadline); err != nil {
				ss.fail(fmt.Errorf("apiclient: websocket ping: %w", err))
				return
			}
		case w := <-ss.s.reqs:
			err := writeFrame(ss.ws, w.frame, opts.WriteTimeout)
			w.errc <- err
			if err != nil {
				ss.fail(fmt.Errorf("apiclient: websocket: %w", err))
				return
			}
		}
	}
}

// closeGracefully sends a close frame and gives the server closeGrace to
// answer it before the socket is closed.
func (ss *session) closeGracefully(ctx context.Context) {
	msg := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "")
	deadline := time.Now().Add(ss.s.opts.WriteTimeout)
	if err := ss.ws.WriteControl(websocket.CloseMessage, msg, deadline); err == nil {
		timer := time.NewTimer(closeGrace)
		select {
		case <-ss.readerDone:
		case <-timer.C:
		}
		timer.Stop()
	}
	ss.fail(context.Cause(ctx))
}

// sleepCtx waits for d or until ctx ends; it reports whether d passed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}
