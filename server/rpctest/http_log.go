package rpctest

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
)

// maxRecordedBody bounds the part of a request body kept in its Request; the
// server still gets the whole body.
const maxRecordedBody = 1 << 20

// Request is one request Faults saw, recorded when it arrived.
type Request struct {
	// Route is the request's route name, "GET /status" (see Faults).
	Route string
	// Method and Path are the request's, Path including any base path.
	Method, Path string
	// Query is the parsed query string (a WebSocket's token is here).
	Query url.Values
	// Header is a copy of the request's header.
	Header http.Header
	// Body is the request body (its first MiB).
	Body string
	// Status is the answer's status: 0 while the request is waiting or
	// being served, and for a request hung up on; 101 for a WebSocket.
	Status int
}

// routeOf names r as Faults counts it.
func routeOf(r *http.Request) string {
	path := r.URL.Path
	if _, rest, ok := strings.Cut(path, apiclient.APIPrefix); ok {
		path = rest
	}
	return r.Method + " " + path
}

// record appends r to the log and returns its index. It reads the body's
// start and puts it back in front of the rest.
func (f *Faults) record(r *http.Request) int {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(io.LimitReader(r.Body, maxRecordedBody))
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(body), r.Body), r.Body}
	}
	req := Request{
		Route: routeOf(r), Method: r.Method, Path: r.URL.Path,
		Query: r.URL.Query(), Header: r.Header.Clone(), Body: string(body),
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	id := len(f.reqs) - 1
	f.mu.Unlock()
	f.sig.changed()
	return id
}

// setStatus records the answer status of request id once.
func (f *Faults) setStatus(id, status int) {
	f.mu.Lock()
	first := f.reqs[id].Status == 0
	if first {
		f.reqs[id].Status = status
	}
	f.mu.Unlock()
	if first {
		f.sig.changed()
	}
}

// Requests returns every request seen, oldest first.
func (f *Faults) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Request(nil), f.reqs...)
}

// Hits returns how many requests of route arrived (every request when route
// is empty), whatever became of them.
func (f *Faults) Hits(route string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.reqs {
		if route == "" || r.Route == route {
			n++
		}
	}
	return n
}

// Counts returns the number of requests per route.
func (f *Faults) Counts() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]int{}
	for _, r := range f.reqs {
		out[r.Route]++
	}
	return out
}

// Bodies returns the bodies of route's requests, oldest first.
func (f *Faults) Bodies(route string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, r := range f.reqs {
		if r.Route == route {
			out = append(out, r.Body)
		}
	}
	return out
}

// Refused returns how many connections NewServer's listener closed at once
// because the bot was down.
func (f *Faults) Refused() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.refused
}

// Wait returns once cond holds, checking it again on every change Faults
// sees (a request arriving or answered, a frame from a WebSocket client, a
// stream opening or closing, a fault set), or with an error when ctx ends
// first. cond may call Faults' methods; it must not block.
func (f *Faults) Wait(ctx context.Context, cond func() bool) error {
	return f.sig.wait(ctx, cond)
}

// recorder is the ResponseWriter the server writes to: it records the
// status, and taps the connection of a WebSocket upgrade.
type recorder struct {
	http.ResponseWriter
	f        *Faults
	r        *http.Request
	id       int
	hijacked bool
	wrote    bool
}

// WriteHeader implements http.ResponseWriter.
func (rec *recorder) WriteHeader(status int) {
	if !rec.wrote && status >= http.StatusOK {
		rec.wrote = true
		rec.f.setStatus(rec.id, status)
	}
	rec.ResponseWriter.WriteHeader(status)
}

// Write implements http.ResponseWriter.
func (rec *recorder) Write(b []byte) (int, error) {
	if !rec.wrote {
		rec.WriteHeader(http.StatusOK)
	}
	return rec.ResponseWriter.Write(b) //nolint:wrapcheck // the server's writes, as they are
}

// Unwrap lets http.ResponseController reach the real writer.
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// Hijack implements http.Hijacker for the WebSocket upgrade: the connection
// is handed over wrapped, so Faults sees the client's frames and can stall
// or drop the stream. The reader handed back reads through the wrapper.
func (rec *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, brw, err := http.NewResponseController(rec.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, err //nolint:wrapcheck // net/http's own error, as the upgrader expects
	}
	rec.hijacked = true
	if brw.Reader.Buffered() > 0 {
		// The client sent more than the handshake: keep the connection as
		// it is rather than lose those bytes (the upgrader refuses it).
		return conn, brw, nil
	}
	fc := rec.f.tap(conn, rec.r)
	rec.f.setStatus(rec.id, http.StatusSwitchingProtocols)
	return fc, bufio.NewReadWriter(bufio.NewReader(fc), bufio.NewWriter(fc)), nil
}

// finish records the implicit 200 of a handler that returned without
// writing.
func (rec *recorder) finish() {
	if !rec.wrote && !rec.hijacked {
		rec.f.setStatus(rec.id, http.StatusOK)
	}
}
