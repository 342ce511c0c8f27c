package rpctest

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Server is what Serve needs of the API server; *server.Server has it.
type Server interface {
	http.Handler
	// Run drives the WebSocket hub until ctx ends.
	Run(ctx context.Context)
}

// Serve runs srv's WebSocket hub and serves srv behind new Faults with
// NewServer, until the test ends: then the HTTP server closes first and the
// hub stops after it. It is the usual way to stand up the fake freqtrade:
//
//	bot := rpctest.New()
//	srv, err := server.New(bot, cfg)
//	...
//	faults, ts := rpctest.Serve(t, srv)
func Serve(tb testing.TB, srv Server, opts ...FaultsOption) (*Faults, *httptest.Server) {
	tb.Helper()
	f := NewFaults(srv, opts...)
	runHub(tb, srv)
	return f, f.NewServer(tb)
}

// ServeTLS is Serve over TLS; the returned server's Client trusts it.
func ServeTLS(tb testing.TB, srv Server, opts ...FaultsOption) (*Faults, *httptest.Server) {
	tb.Helper()
	f := NewFaults(srv, opts...)
	runHub(tb, srv)
	return f, f.NewTLSServer(tb)
}

// runHub runs srv's hub until the test's cleanup.
func runHub(tb testing.TB, srv Server) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Run(ctx)
	}()
	tb.Cleanup(func() {
		cancel()
		<-done
	})
}

// NewServer serves f with httptest on 127.0.0.1 through a listener that
// obeys Down, and closes it when the test ends (after releasing every hold
// and pause of f, which would otherwise keep the close waiting).
func (f *Faults) NewServer(tb testing.TB) *httptest.Server { return f.serve(tb, false) }

// NewTLSServer is NewServer over TLS; the server's Client trusts it.
func (f *Faults) NewTLSServer(tb testing.TB) *httptest.Server { return f.serve(tb, true) }

func (f *Faults) serve(tb testing.TB, tls bool) *httptest.Server {
	tb.Helper()
	ts := httptest.NewUnstartedServer(f)
	ts.Listener = &faultListener{Listener: ts.Listener, f: f}
	if tls {
		ts.StartTLS()
	} else {
		ts.Start()
	}
	tb.Cleanup(func() {
		f.holds.releaseAll()
		f.Resume()
		f.DropStreams()
		ts.Close()
	})
	return ts
}

// faultListener tracks the connections it accepts, and closes them at once
// while the bot is down.
type faultListener struct {
	net.Listener
	f *Faults
}

// Accept implements net.Listener.
func (l *faultListener) Accept() (net.Conn, error) {
	for {
		conn, err := l.Listener.Accept()
		if err != nil {
			return nil, err //nolint:wrapcheck // the listener's own error, which net/http checks
		}
		if fc := l.f.accepted(conn); fc != nil {
			return fc, nil
		}
		_ = conn.Close()
	}
}

// accepted tracks conn, or returns nil (counted as refused) while down.
func (f *Faults) accepted(conn net.Conn) *faultConn {
	f.mu.Lock()
	defer f.sig.changed()
	defer f.mu.Unlock()
	if f.down {
		f.refused++
		return nil
	}
	fc := &faultConn{Conn: conn, f: f}
	f.conns[fc] = struct{}{}
	return fc
}
