package server

import (
	"bufio"
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"
)

// WithRequestLog logs one line per request to l, at Info: method, path,
// query (when present), status, bytes written, duration and remote address.
// It is off by default (no logger, no wrapper). Secrets are never logged:
// the token query parameter (a WebSocket's credentials) is redacted, and
// no header (so no Authorization) is written. A WebSocket is logged when it
// closes, with status 101 and the connection's lifetime as its duration.
// `freqdeck serve --log-requests` turns it on.
func WithRequestLog(l *slog.Logger) Option { return func(s *Server) { s.reqLog = l } }

// redactedParam is the query parameter whose values are credentials.
const redactedParam = "token"

// logRequests wraps next with the request log.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		lw := &logWriter{ResponseWriter: w}
		defer func() {
			attrs := []slog.Attr{slog.String("method", r.Method), slog.String("path", r.URL.Path)}
			if r.URL.RawQuery != "" {
				attrs = append(attrs, slog.String("query", redactQuery(r.URL.RawQuery)))
			}
			attrs = append(attrs, slog.Int("status", lw.statusCode()), slog.Int64("bytes", lw.bytes),
				slog.Duration("duration", time.Since(start)), slog.String("remote", r.RemoteAddr))
			s.reqLog.LogAttrs(context.WithoutCancel(r.Context()), slog.LevelInfo, "request", attrs...)
		}()
		next.ServeHTTP(lw, r)
	})
}

// redactQuery returns raw with the values of redactedParam replaced. A
// query that does not parse is not logged at all: it could hide a token.
func redactQuery(raw string) string {
	q, err := url.ParseQuery(raw)
	if err != nil {
		return "[unparsable]"
	}
	for i := range q[redactedParam] {
		q[redactedParam][i] = "REDACTED"
	}
	return q.Encode()
}

// logWriter records the status and size of a response. It passes Flush
// and Hijack through, so streaming and the WebSocket upgrade work behind it.
type logWriter struct {
	http.ResponseWriter
	status   int
	bytes    int64
	hijacked bool
}

// WriteHeader implements http.ResponseWriter.
func (w *logWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write implements http.ResponseWriter.
func (w *logWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err //nolint:wrapcheck // a ResponseWriter passes its errors through
}

// Flush implements http.Flusher.
func (w *logWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Hijack implements http.Hijacker.
func (w *logWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	h, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, http.ErrNotSupported
	}
	conn, rw, err := h.Hijack()
	if err == nil {
		w.hijacked = true
	}
	return conn, rw, err //nolint:wrapcheck // the server's own error, as is
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (w *logWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// statusCode is the status sent: 101 for a hijacked (upgraded) connection,
// 200 when the handler wrote nothing.
func (w *logWriter) statusCode() int {
	switch {
	case w.status != 0:
		return w.status
	case w.hijacked:
		return http.StatusSwitchingProtocols
	default:
		return http.StatusOK
	}
}
