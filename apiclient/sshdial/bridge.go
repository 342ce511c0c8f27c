package sshdial

import (
	"io"
	"net"
)

// pipeConn stands in for a connection without deadlines (an SSH channel):
// it is one end of a net.Pipe, which has them, pumped to the channel by two
// goroutines. It reports the channel's addresses.
type pipeConn struct {
	net.Conn
	local, remote net.Addr
}

// LocalAddr implements net.Conn.
func (c *pipeConn) LocalAddr() net.Addr { return c.local }

// RemoteAddr implements net.Conn.
func (c *pipeConn) RemoteAddr() net.Addr { return c.remote }

// bridge wraps ch in a pipeConn. Closing either side closes both; the
// pumps end with them, and Close waits for them.
func (p *Pool) bridge(ch net.Conn) (net.Conn, error) {
	near, far := net.Pipe()
	pump := func(dst, src net.Conn) func() {
		return func() {
			_, _ = io.Copy(dst, src)
			_ = dst.Close()
			_ = src.Close()
		}
	}
	if !p.goroutine(pump(far, ch)) || !p.goroutine(pump(ch, far)) {
		_ = ch.Close()
		_ = far.Close()
		return nil, ErrClosed
	}
	return &pipeConn{Conn: near, local: ch.LocalAddr(), remote: ch.RemoteAddr()}, nil
}
