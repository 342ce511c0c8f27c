package server

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/server/rpctest"
)

// watchedListener tells when the server closes one of its connections.
type watchedListener struct {
	net.Listener
	closed chan string // the client's address of each closed connection
}

// Accept implements net.Listener.
func (l watchedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &watchedConn{Conn: c, closed: l.closed}, nil
}

type watchedConn struct {
	net.Conn
	once   sync.Once
	closed chan string
}

// Close implements net.Conn.
func (c *watchedConn) Close() error {
	c.once.Do(func() { c.closed <- c.RemoteAddr().String() })
	return c.Conn.Close()
}

// serveWatched serves s through Serve (the real http.Server with its
// timeouts) on 127.0.0.1:0 until the test ends. It returns the address and
// the channel that receives the client address of every connection the
// server closes.
func serveWatched(t *testing.T, s *Server) (string, <-chan string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := make(chan string, 256)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, watchedListener{Listener: ln, closed: closed}) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ln.Addr().String(), closed
}

// waitClosed waits until the server has closed the connections from each
// of locals (other closes are skipped).
func waitClosed(t *testing.T, closed <-chan string, locals ...string) {
	t.Helper()
	pending := map[string]bool{}
	for _, l := range locals {
		pending[l] = true
	}
	failsafe := time.After(wsTimeout)
	for len(pending) > 0 {
		select {
		case addr := <-closed:
			delete(pending, addr)
		case <-failsafe:
			t.Fatalf("the server never closed the connections from %v", pending)
		}
	}
}

// readToEOF reads what the server sent until it closes the connection; a
// client-side timeout means the server kept it open.
func readToEOF(t *testing.T, conn net.Conn) string {
	t.Helper()
	_ = conn.SetReadDeadline(time.Now().Add(wsTimeout))
	data, err := io.ReadAll(conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("connection still open after %d bytes: %q", len(data), data)
	}
	return string(data)
}

// TestSlowBodyClosed: a request whose body never arrives, with or without
// credentials, and a request whose headers never end, are closed within
// the read timeout instead of holding the connection.
func TestSlowBodyClosed(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig(), WithTimeouts(100*time.Millisecond, time.Second))
	addr, closed := serveWatched(t, s)
	slowBody := func(auth string) string {
		return "POST /api/v1/forceenter HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + auth +
			"Content-Length: 100000\r\n\r\n{"
	}
	for name, tc := range map[string]struct {
		request string
		status  string // the answer's status line, "" for none
	}{
		"no credentials":    {slowBody(""), "HTTP/1.1 401 "},
		"wrong credentials": {slowBody("Authorization: " + basicAuth(testUser, "nope") + "\r\n"), "HTTP/1.1 401 "},
		"valid credentials": {slowBody("Authorization: " + basicAuth(testUser, testPass) + "\r\n"), "HTTP/1.1 400 "},
		"unfinished header": {"GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nX-Slow: ", ""},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := io.WriteString(conn, tc.request); err != nil {
				t.Fatal(err)
			}
			got := readToEOF(t, conn)
			if !strings.HasPrefix(got, tc.status) {
				t.Fatalf("answer %q, want %q", got, tc.status)
			}
			waitClosed(t, closed, conn.LocalAddr().String())
		})
	}
}

// TestRefusedBodyNotAwaited: a refused request's body is not waited for at
// all: the connection closes once the 401 is written, long before the
// (default, 30 s) read timeout.
func TestRefusedBodyNotAwaited(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	addr, closed := serveWatched(t, s)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "POST /api/v1/forceexit HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{"); err != nil {
		t.Fatal(err)
	}
	if got := readToEOF(t, conn); !strings.HasPrefix(got, "HTTP/1.1 401 ") || !strings.Contains(got, "Connection: close") {
		t.Fatalf("answer %q", got)
	}
	waitClosed(t, closed, conn.LocalAddr().String())
}

// TestUnreadAnswerClosed: clients that ask for a large answer and never
// read it are cut off within the write timeout, so their answers are not
// held; a client that reads gets the whole answer. (The write timeout is a
// second, not less, so that the reading client keeps up under -race on a
// busy machine.)
func TestUnreadAnswerClosed(t *testing.T) {
	t.Parallel()
	bot := rpctest.New(rpctest.WithClock(testNow))
	bot.Update(func(f *rpctest.Fixtures) { f.OpenTrades = rpctest.OpenTrades(6000) })
	// A versioned bot whose version never moves: /status is encoded once.
	s, err := New(&versionedBot{Bot: bot}, testConfig(), WithClock(testNow), WithTimeouts(5*time.Second, time.Second))
	if err != nil {
		t.Fatal(err)
	}
	addr, closed := serveWatched(t, s)
	req := "GET /api/v1/status HTTP/1.1\r\nHost: x\r\nAuthorization: " + basicAuth(testUser, testPass) + "\r\n\r\n"

	// A client that reads gets the whole answer (and fills the cache).
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, req); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	full, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || int64(len(full)) != resp.ContentLength || len(full) < 8<<20 {
		t.Fatalf("reading client: status %d, %d of %d bytes, %v", resp.StatusCode, len(full), resp.ContentLength, err)
	}

	const stalled = 20
	locals := make([]string, stalled)
	for i := range locals {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		_ = conn.(*net.TCPConn).SetReadBuffer(4 << 10)
		if _, err := io.WriteString(conn, req); err != nil {
			t.Fatal(err)
		}
		locals[i] = conn.LocalAddr().String()
	}
	// The answer (12 MB) is far larger than what the sockets buffer, and
	// net/http keeps a connection open after an answer it could write: the
	// server closing these means it gave up writing.
	waitClosed(t, closed, locals...)
}

// TestTimeoutDefaults: the documented timeouts are finite and long enough
// for a slow link, and the options override them.
func TestTimeoutDefaults(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	if s.readTimeout != DefaultReadTimeout || s.writeTimeout != DefaultWriteTimeout ||
		DefaultReadTimeout < 10*time.Second || DefaultWriteTimeout < 10*time.Second ||
		DefaultReadTimeout > 5*time.Minute || DefaultWriteTimeout > 5*time.Minute {
		t.Fatalf("timeouts %v %v", s.readTimeout, s.writeTimeout)
	}
	s, _ = newTestServer(t, testConfig(), WithTimeouts(time.Second, 2*time.Second))
	if s.readTimeout != time.Second || s.writeTimeout != 2*time.Second {
		t.Fatalf("WithTimeouts: %v %v", s.readTimeout, s.writeTimeout)
	}
}

// deadlineRecorder is a ResponseWriter that logs deadlines and writes.
type deadlineRecorder struct {
	httptest.ResponseRecorder
	log []string
}

func (r *deadlineRecorder) SetWriteDeadline(time.Time) error {
	r.log = append(r.log, "deadline")
	return nil
}

func (r *deadlineRecorder) Write(p []byte) (int, error) {
	r.log = append(r.log, "write "+strconv.Itoa(len(p)))
	return r.ResponseRecorder.Write(p)
}

// TestDeadlineWriterRenews: each chunk of an answer gets a fresh deadline,
// so the write timeout bounds progress, not the answer's size.
func TestDeadlineWriterRenews(t *testing.T) {
	t.Parallel()
	rec := &deadlineRecorder{ResponseRecorder: *httptest.NewRecorder()}
	w := &deadlineWriter{ResponseWriter: rec, timeout: time.Second}
	n, err := w.Write(make([]byte, 2*writeChunk+10))
	if err != nil || n != 2*writeChunk+10 {
		t.Fatalf("wrote %d, %v", n, err)
	}
	c := strconv.Itoa(writeChunk)
	want := "deadline write " + c + " deadline write " + c + " deadline write 10"
	if got := strings.Join(rec.log, " "); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}
