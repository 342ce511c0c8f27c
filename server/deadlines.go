package server

import (
	"bufio"
	"net"
	"net/http"
	"time"
)

// Connection deadlines. A request (headers and body) must arrive within the
// read timeout, and every chunk of an answer must be taken by the client
// within the write timeout: a slow link gets all the time its progress
// earns, while a client that stops reading is cut off and its answer freed
// within one write timeout. WebSockets are exempt (the upgrade clears both
// deadlines) and keep their own (ws.go).
const (
	// DefaultReadTimeout bounds reading one whole request, body included.
	DefaultReadTimeout = 30 * time.Second
	// DefaultWriteTimeout bounds writing each writeChunk bytes of an answer
	// (at least about 4 KB/s).
	DefaultWriteTimeout = 30 * time.Second
	// writeChunk is the most written under one write deadline.
	writeChunk = 128 << 10
)

// WithTimeouts sets the read timeout (a whole request, body included) and
// the write timeout (each 128 KB of an answer); zero keeps a default.
func WithTimeouts(read, write time.Duration) Option {
	return func(s *Server) {
		if read > 0 {
			s.readTimeout = read
		}
		if write > 0 {
			s.writeTimeout = write
		}
	}
}

// extendWrites gives every chunk written to an answer a fresh write
// deadline, so the server's WriteTimeout bounds progress, not the answer's
// total size.
func (s *Server) extendWrites(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&deadlineWriter{ResponseWriter: w, timeout: s.writeTimeout}, r)
	})
}

// deadlineWriter moves the connection's write deadline before each chunk.
// It keeps Flush and Hijack (the WebSocket upgrade) and unwraps for
// http.ResponseController.
type deadlineWriter struct {
	http.ResponseWriter
	timeout     time.Duration
	unsupported bool // no connection below (a recorder): no deadlines
}

// Write implements http.ResponseWriter.
func (d *deadlineWriter) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		n := min(len(p), writeChunk)
		if !d.unsupported {
			d.unsupported = setWriteDeadline(d.ResponseWriter, time.Now().Add(d.timeout)) == http.ErrNotSupported
		}
		m, err := d.ResponseWriter.Write(p[:n])
		written += m
		if err != nil {
			return written, err
		}
		p = p[n:]
	}
	return written, nil
}

// Flush implements http.Flusher.
func (d *deadlineWriter) Flush() { _ = http.NewResponseController(d.ResponseWriter).Flush() }

// Hijack implements http.Hijacker, for the WebSocket upgrade.
func (d *deadlineWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(d.ResponseWriter).Hijack()
}

// setWriteDeadline is http.ResponseController's SetWriteDeadline without its
// allocations (this runs on every answer): it finds the connection's
// writer through Unwrap.
func setWriteDeadline(w http.ResponseWriter, t time.Time) error {
	for {
		switch x := w.(type) {
		case interface{ SetWriteDeadline(time.Time) error }:
			return x.SetWriteDeadline(t)
		case interface{ Unwrap() http.ResponseWriter }:
			w = x.Unwrap()
		default:
			return http.ErrNotSupported
		}
	}
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (d *deadlineWriter) Unwrap() http.ResponseWriter { return d.ResponseWriter }
