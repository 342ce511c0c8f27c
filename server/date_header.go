package server

import (
	"bufio"
	"net"
	"net/http"
	"time"
)

// dateWriter sets the Date header from now when the answer's header goes
// out. It keeps Flush and Hijack (the WebSocket upgrade) and unwraps for
// http.ResponseController.
type dateWriter struct {
	http.ResponseWriter
	now     func() time.Time
	stamped bool
}

func (d *dateWriter) stamp() {
	if !d.stamped {
		d.stamped = true
		d.Header().Set("Date", d.now().UTC().Format(http.TimeFormat))
	}
}

// WriteHeader implements http.ResponseWriter.
func (d *dateWriter) WriteHeader(code int) {
	d.stamp()
	d.ResponseWriter.WriteHeader(code)
}

// Write implements http.ResponseWriter.
func (d *dateWriter) Write(p []byte) (int, error) {
	d.stamp()
	return d.ResponseWriter.Write(p)
}

// Flush implements http.Flusher.
func (d *dateWriter) Flush() {
	d.stamp()
	_ = http.NewResponseController(d.ResponseWriter).Flush()
}

// Hijack implements http.Hijacker, for the WebSocket upgrade.
func (d *dateWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(d.ResponseWriter).Hijack()
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (d *dateWriter) Unwrap() http.ResponseWriter { return d.ResponseWriter }
