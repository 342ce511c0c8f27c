package rpctest

import (
	"encoding/json"
	"net"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Stream is what Faults saw of one WebSocket connection.
type Stream struct {
	// ID numbers the connections from 1, in the order they were accepted.
	ID int
	// Path is the handshake's path, base path included.
	Path string
	// Token is the handshake's token query parameter.
	Token string
	// Open is true from the server's handshake answer (101 Switching
	// Protocols, written) until either side closes the connection.
	Open bool
	// Frames are the messages the client sent (subscribe frames, requests),
	// oldest first.
	Frames []string
	// Handled counts the Frames the server has acted on. The server reads
	// a frame, acts on it, then reads on; a frame counts as handled once the
	// server reads past it, so a subscription counted here is in effect.
	Handled int
	// Pings counts the pings the client sent.
	Pings int
	// CloseCode is the code of the client's close frame, 0 when none came.
	CloseCode int
}

// stream is the live record of one WebSocket connection; Faults' mutex
// guards it.
type stream struct {
	info   Stream
	dec    frameDecoder
	conn   *faultConn
	closed bool
}

// tap wraps the hijacked connection of a WebSocket upgrade and starts its
// record. A connection from NewServer's listener is already wrapped.
func (f *Faults) tap(conn net.Conn, r *http.Request) *faultConn {
	fc, ok := conn.(*faultConn)
	if !ok {
		fc = &faultConn{Conn: conn, f: f}
	}
	f.mu.Lock()
	st := &stream{conn: fc, info: Stream{
		ID: len(f.streams) + 1, Path: r.URL.Path, Token: r.URL.Query().Get("token"),
	}}
	f.streams = append(f.streams, st)
	f.mu.Unlock()
	fc.st.Store(st)
	f.sig.changed()
	return fc
}

// Streams returns every WebSocket connection seen, oldest first.
func (f *Faults) Streams() []Stream {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Stream, len(f.streams))
	for i, st := range f.streams {
		out[i] = st.info
		out[i].Frames = slices.Clone(st.info.Frames)
	}
	return out
}

// OpenStreams returns how many WebSocket connections are open.
func (f *Faults) OpenStreams() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, st := range f.streams {
		if st.info.Open {
			n++
		}
	}
	return n
}

// Subscribed reports whether an open stream's latest handled subscribe
// frame lists every one of types: a message of those types published now
// reaches that client.
func (f *Faults) Subscribed(types ...apiclient.MessageType) bool {
	for _, st := range f.Streams() {
		list := lastSubscription(st)
		missing := func(t apiclient.MessageType) bool { return !slices.Contains(list, t) }
		if st.Open && list != nil && !slices.ContainsFunc(types, missing) {
			return true
		}
	}
	return false
}

// lastSubscription is the list of st's latest handled subscribe frame.
func lastSubscription(st Stream) []apiclient.MessageType {
	for _, frame := range slices.Backward(st.Frames[:st.Handled]) {
		var req apiclient.WSRequest
		var list []apiclient.MessageType
		if json.Unmarshal([]byte(frame), &req) == nil && req.Type == apiclient.ReqSubscribe &&
			json.Unmarshal(req.Data, &list) == nil {
			return list
		}
	}
	return nil
}

// DropStreams closes every open WebSocket connection at once, with no close
// frame, as a network failure does.
func (f *Faults) DropStreams() {
	f.mu.Lock()
	var conns []*faultConn
	for _, st := range f.streams {
		if !st.closed {
			conns = append(conns, st.conn)
		}
	}
	f.mu.Unlock()
	for _, c := range conns {
		_ = c.Close()
	}
}

// openConns lists every connection Down must close; the caller holds f.mu.
func (f *Faults) openConns() []*faultConn {
	var out []*faultConn
	for c := range f.conns {
		out = append(out, c)
	}
	for _, st := range f.streams {
		if !st.closed && !slices.Contains(out, st.conn) {
			out = append(out, st.conn)
		}
	}
	return out
}

// answered marks st open after the server's handshake answer.
func (f *Faults) answered(st *stream) {
	f.mu.Lock()
	opened := !st.closed && !st.info.Open
	if opened {
		st.info.Open = true
	}
	f.mu.Unlock()
	if opened {
		f.sig.changed()
	}
}

// readStarted notes that the server reads again: it has acted on every
// frame it had read.
func (f *Faults) readStarted(st *stream) {
	f.mu.Lock()
	moved := st.info.Handled != len(st.info.Frames)
	st.info.Handled = len(st.info.Frames)
	f.mu.Unlock()
	if moved {
		f.sig.changed()
	}
}

// feed passes bytes the server read from the client to st's decoder.
func (f *Faults) feed(st *stream, p []byte) {
	f.mu.Lock()
	seen := false
	st.dec.feed(p, frameEvents{
		message: func(data string) { st.info.Frames, seen = append(st.info.Frames, data), true },
		ping:    func() { st.info.Pings, seen = st.info.Pings+1, true },
		close:   func(code int) { st.info.CloseCode, seen = code, true },
	})
	f.mu.Unlock()
	if seen {
		f.sig.changed()
	}
}

// faultConn is a connection Faults can see into: accepted by NewServer's
// listener (tracked, so Down can close it) and/or carrying a WebSocket (st
// set: frames are decoded, and Pause stalls it).
type faultConn struct {
	net.Conn
	f  *Faults
	st atomic.Pointer[stream]

	mu           sync.Mutex
	closed       bool
	rDead, wDead time.Time
}

// Read implements net.Conn.
func (c *faultConn) Read(p []byte) (int, error) {
	st := c.st.Load()
	if st == nil {
		return c.Conn.Read(p) //nolint:wrapcheck // a net.Conn passes its errors through
	}
	c.f.readStarted(st)
	if err := c.gate(true); err != nil {
		return 0, err
	}
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.f.feed(st, p[:n])
	}
	return n, err //nolint:wrapcheck // a net.Conn passes its errors through
}

// Write implements net.Conn. The first write of a stream is the server's
// handshake answer: the stream is open once it is out.
func (c *faultConn) Write(p []byte) (int, error) {
	st := c.st.Load()
	if st == nil {
		return c.Conn.Write(p) //nolint:wrapcheck // a net.Conn passes its errors through
	}
	if err := c.gate(false); err != nil {
		return 0, err
	}
	n, err := c.Conn.Write(p)
	if err == nil {
		c.f.answered(st)
	}
	return n, err //nolint:wrapcheck // a net.Conn passes its errors through
}

// Close implements net.Conn; it ends the stream's record.
func (c *faultConn) Close() error {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.f.mu.Lock()
	delete(c.f.conns, c)
	if st := c.st.Load(); st != nil {
		st.closed, st.info.Open = true, false
	}
	c.f.mu.Unlock()
	c.f.sig.changed()
	return c.Conn.Close() //nolint:wrapcheck // a net.Conn passes its errors through
}

// SetDeadline implements net.Conn.
func (c *faultConn) SetDeadline(t time.Time) error {
	c.setDeadlines(&t, &t)
	return c.Conn.SetDeadline(t) //nolint:wrapcheck // a net.Conn passes its errors through
}

// SetReadDeadline implements net.Conn.
func (c *faultConn) SetReadDeadline(t time.Time) error {
	c.setDeadlines(&t, nil)
	return c.Conn.SetReadDeadline(t) //nolint:wrapcheck // a net.Conn passes its errors through
}

// SetWriteDeadline implements net.Conn.
func (c *faultConn) SetWriteDeadline(t time.Time) error {
	c.setDeadlines(nil, &t)
	return c.Conn.SetWriteDeadline(t) //nolint:wrapcheck // a net.Conn passes its errors through
}

// setDeadlines keeps the deadlines for gate, and wakes a stream call
// stalled by a pause so it sees them. (Without a pause nobody waits on
// them: the server sets a deadline on every write.)
func (c *faultConn) setDeadlines(read, write *time.Time) {
	c.mu.Lock()
	if read != nil {
		c.rDead = *read
	}
	if write != nil {
		c.wDead = *write
	}
	c.mu.Unlock()
	if c.st.Load() != nil && c.f.holds.held("") {
		c.f.sig.changed()
	}
}

// gate waits while the Faults are paused, returning early with an error
// when the connection closes or its deadline passes.
func (c *faultConn) gate(read bool) error {
	for {
		wake := c.f.sig.next()
		c.mu.Lock()
		closed, deadline := c.closed, c.wDead
		if read {
			deadline = c.rDead
		}
		c.mu.Unlock()
		if closed {
			return net.ErrClosed
		}
		if !c.f.holds.held("") {
			return nil
		}
		if !deadline.IsZero() && !time.Now().Before(deadline) {
			return os.ErrDeadlineExceeded
		}
		if !waitWake(wake, deadline) {
			return os.ErrDeadlineExceeded
		}
	}
}

// waitWake waits for wake, or until deadline (if set) passes: false.
func waitWake(wake <-chan struct{}, deadline time.Time) bool {
	if deadline.IsZero() {
		<-wake
		return true
	}
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	select {
	case <-wake:
		return true
	case <-timer.C:
		return false
	}
}
