package apiclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// waitLimit bounds every wait in the stream tests; it only fires on failure.
const waitLimit = 10 * time.Second

// fakeBot is an httptest server with freqtrade's message WebSocket. Tests
// script each accepted connection through the serverConn it hands out.
type fakeBot struct {
	srv   *httptest.Server
	conns chan *serverConn

	mu     sync.Mutex
	tokens []string
	refuse func(token string) int // handshake status to refuse with, 0 accepts
	noPong bool                   // ignore the client's pings
}

// serverConn is the server side of one accepted connection.
type serverConn struct {
	ws     *websocket.Conn
	path   string
	frames chan []byte   // frames the client sent
	done   chan struct{} // closed when the server's reader stopped
	pings  atomic.Int64
	closed atomic.Int64 // close code the client sent, if any
}

type botOption func(*fakeBot, *http.ServeMux)

// newFakeBot starts a bot whose socket lives under base ("" or "/ftbot").
func newFakeBot(t *testing.T, base string, tlsOn bool, opts ...botOption) *fakeBot {
	t.Helper()
	b := &fakeBot{conns: make(chan *serverConn, 64)}
	mux := http.NewServeMux()
	mux.HandleFunc(base+"/api/v1/message/ws", b.handle)
	for _, o := range opts {
		o(b, mux)
	}
	if tlsOn {
		b.srv = httptest.NewTLSServer(mux)
	} else {
		b.srv = httptest.NewServer(mux)
	}
	t.Cleanup(b.srv.Close)
	return b
}

func (b *fakeBot) handle(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	b.mu.Lock()
	b.tokens = append(b.tokens, token)
	refuse, noPong := b.refuse, b.noPong
	b.mu.Unlock()
	if refuse != nil {
		if code := refuse(token); code != 0 {
			http.Error(w, `{"detail": "refused"}`, code)
			return
		}
	}
	up := websocket.Upgrader{}
	ws, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	sc := &serverConn{ws: ws, path: r.URL.Path, frames: make(chan []byte, 64), done: make(chan struct{})}
	ws.SetPingHandler(func(data string) error {
		sc.pings.Add(1)
		if noPong {
			return nil
		}
		return ws.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(time.Second))
	})
	b.conns <- sc
	sc.read()
}

// read collects the client's frames until the connection ends.
func (sc *serverConn) read() {
	defer close(sc.done)
	defer sc.ws.Close()
	for {
		_, frame, err := sc.ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				sc.closed.Store(int64(ce.Code))
			}
			return
		}
		select {
		case sc.frames <- frame:
		default: // a test that does not read frames does not block the reader
		}
	}
}

func (b *fakeBot) setRefuse(f func(token string) int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refuse = f
}

func (b *fakeBot) seenTokens() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.tokens...)
}

// accept waits for the next connection.
func (b *fakeBot) accept(t *testing.T) *serverConn {
	t.Helper()
	select {
	case sc := <-b.conns:
		return sc
	case <-time.After(waitLimit):
		t.Fatal("timed out waiting for a connection")
		return nil
	}
}

// client returns an apiclient for the bot with a static ws_token.
func (b *fakeBot) client(t *testing.T, base string, opts ...Option) *Client {
	t.Helper()
	opts = append([]Option{WithHTTPClient(b.srv.Client()), WithWSToken("secret")}, opts...)
	c, err := New(b.srv.URL+base, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// send writes one frame to the client (from the test goroutine).
func (sc *serverConn) send(t *testing.T, frame []byte) {
	t.Helper()
	if err := sc.write(frame); err != nil {
		t.Fatalf("server write: %v", err)
	}
}

// write writes one frame to the client; any goroutine may call it, one at a
// time.
func (sc *serverConn) write(frame []byte) error {
	return sc.ws.WriteMessage(websocket.TextMessage, frame)
}

// frame waits for the next frame the client sent.
func (sc *serverConn) frame(t *testing.T) string {
	t.Helper()
	select {
	case f := <-sc.frames:
		return string(f)
	case <-time.After(waitLimit):
		t.Fatal("timed out waiting for a client frame")
		return ""
	}
}

// fastOpts are stream options with test-sized delays.
func fastOpts() StreamOptions {
	return StreamOptions{
		MinBackoff:  time.Millisecond,
		MaxBackoff:  20 * time.Millisecond,
		AuthRetry:   5 * time.Millisecond,
		StableAfter: time.Hour,
	}
}

// startStream starts a stream that ends with the test.
func startStream(t *testing.T, c *Client, opts StreamOptions) *Stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := c.Stream(ctx, opts)
	t.Cleanup(func() {
		cancel()
		for range s.Events() { // drain until closed
		}
	})
	return s
}

// drainClosed reads events until the channel closes.
func drainClosed(t *testing.T, s *Stream) {
	t.Helper()
	timeout := time.After(waitLimit)
	for {
		select {
		case _, ok := <-s.Events():
			if !ok {
				return
			}
		case <-timeout:
			t.Fatal("timed out waiting for the events channel to close")
		}
	}
}

// nextEvent returns the next event.
func nextEvent(t *testing.T, s *Stream) Event {
	t.Helper()
	select {
	case e, ok := <-s.Events():
		if !ok {
			t.Fatal("events channel closed")
		}
		return e
	case <-time.After(waitLimit):
		t.Fatal("timed out waiting for an event")
		return Event{}
	}
}

// nextKind skips events until one of kind arrives.
func nextKind(t *testing.T, s *Stream, kind EventKind) Event {
	t.Helper()
	for {
		if e := nextEvent(t, s); e.Kind == kind {
			return e
		}
	}
}

// nextMessage skips state events until a message arrives.
func nextMessage(t *testing.T, s *Stream) Message {
	t.Helper()
	e := nextKind(t, s, EventMessage)
	return e.Msg
}

// waitUntil polls cond until it holds.
func pollUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		<-tick.C
	}
}
