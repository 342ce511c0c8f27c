package apiclient

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// fakeBot is a hand-written WebSocket server for the few stream tests the
// real API server (which the external tests use, through server/rpctest)
// cannot serve: frames written byte for byte, including a malformed one and
// a message type the server does not know; a flood written faster than the
// hub would let a subscriber fall behind; pings read and never answered.
// These tests also read the stream's internals, so they live in this package,
// which cannot import the server.
type fakeBot struct {
	srv    *httptest.Server
	conns  chan *serverConn
	noPong bool          // ignore the client's pings
	pinged chan struct{} // gets a value when a ping arrives (on any connection)
}

// serverConn is the server side of one accepted connection.
type serverConn struct {
	ws     *websocket.Conn
	frames chan []byte   // frames the client sent
	done   chan struct{} // closed when the server's reader stopped
}

// newFakeBot starts a bot with freqtrade's message WebSocket.
func newFakeBot(t *testing.T, noPong bool) *fakeBot {
	t.Helper()
	b := &fakeBot{conns: make(chan *serverConn, 64), noPong: noPong, pinged: make(chan struct{}, 1)}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v1/message/ws", b.handle)
	b.srv = httptest.NewServer(mux)
	t.Cleanup(b.srv.Close)
	return b
}

func (b *fakeBot) handle(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{}
	ws, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	sc := &serverConn{ws: ws, frames: make(chan []byte, 64), done: make(chan struct{})}
	ws.SetPingHandler(func(data string) error {
		select {
		case b.pinged <- struct{}{}:
		default:
		}
		if b.noPong {
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
			return
		}
		select {
		case sc.frames <- frame:
		default: // a test that does not read frames does not block the reader
		}
	}
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
func (b *fakeBot) client(t *testing.T) *Client {
	t.Helper()
	c, err := New(b.srv.URL, WithHTTPClient(b.srv.Client()), WithWSToken("secret"))
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
