// Package sshlink is how freqdeck's commands reach bots through SSH: one
// sshdial.Pool per process, created when the first bot with an ssh
// destination needs it (so bots on one host share one connection), and the
// dialer each such bot's apiclient uses.
//
// The console and `freqdeck client` share it: it imports apiclient and
// apiclient/sshdial, and nothing of the console or the server.
//
//	links := sshlink.New(sshlink.Options(getenv, prompt))
//	defer links.Close()
//	opt, host, err := links.ClientOption("vps") // apiclient.WithDialContext
//	...
//	client, err := apiclient.New("http://127.0.0.1:8080", opt, ...)
//
// host.Watch reports the link's state ("ssh: host key unknown
// (SHA256:…)"); Wait turns it into an error for a one-shot command.
package sshlink

import (
	"context"
	"net"
	"net/http"
	"sync"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/sshdial"
)

// Options returns the Pool options of a freqdeck process: ~/.ssh under the
// $HOME that getenv reads (os.UserHomeDir when unset), SSH_AUTH_SOCK and
// the ${VAR} of ssh config paths from getenv, and prompt for the
// passphrases of encrypted keys (nil skips encrypted keys).
func Options(getenv func(string) string, prompt sshdial.PassphraseFunc) sshdial.Options {
	return sshdial.Options{Home: getenv("HOME"), Getenv: getenv, Passphrase: prompt}
}

// Links reaches bots through SSH over one sshdial.Pool, created on first
// use. It is safe for concurrent use.
type Links struct {
	opts sshdial.Options

	mu     sync.Mutex
	pool   *sshdial.Pool
	closed bool
}

// New returns Links whose Pool will be built with opts.
func New(opts sshdial.Options) *Links { return &Links{opts: opts} }

// Pool returns the process's Pool, creating it on first use; nil once
// Close was called.
func (l *Links) Pool() *sshdial.Pool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.pool == nil && !l.closed {
		l.pool = sshdial.NewPool(l.opts)
	}
	return l.pool
}

// Host returns the shared Host for dest ("vps", "user@host:port"), which
// starts connecting in the background. An error means dest or the ssh
// config is wrong.
func (l *Links) Host(dest string) (*sshdial.Host, error) {
	p := l.Pool()
	if p == nil {
		return nil, sshdial.ErrClosed
	}
	return p.Host(dest) //nolint:wrapcheck // sshdial names the destination
}

// ClientOption returns the apiclient option that makes a bot's client
// (its HTTP requests and its WebSocket) dial through dest, and the Host,
// whose state the console shows.
func (l *Links) ClientOption(dest string) (apiclient.Option, *sshdial.Host, error) {
	h, err := l.Host(dest)
	if err != nil {
		return nil, nil, err
	}
	return apiclient.WithDialContext(Dial(h)), h, nil
}

// Close closes the Pool, if one was created: every SSH connection ends.
func (l *Links) Close() error {
	l.mu.Lock()
	p := l.pool
	l.pool, l.closed = nil, true
	l.mu.Unlock()
	if p == nil {
		return nil
	}
	return p.Close() //nolint:wrapcheck // it never fails
}

// Dial is h.DialContext with its failures reported as what they are: dial
// errors (a *net.OpError with Op "dial", wrapping the Host's reason), since
// no byte of a request left. An action that fails there is then "not sent",
// never "unknown", and errors.As still finds the sshdial error inside.
func Dial(h *sshdial.Host) apiclient.DialFunc {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := h.DialContext(ctx, network, addr)
		if err != nil {
			return nil, &net.OpError{Op: "dial", Net: network, Addr: tcpAddr(addr), Err: err}
		}
		return c, nil
	}
}

// Transport returns an http.Transport that dials through h (no proxy from
// the environment), for callers that wrap the transport themselves.
func Transport(h *sshdial.Host) *http.Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	tr.DialContext = Dial(h)
	tr.DialTLSContext = nil
	return tr
}

// addr is an address as the dialer was given it.
type addr struct{ network, s string }

func (a addr) Network() string { return a.network }
func (a addr) String() string  { return a.s }

func tcpAddr(s string) net.Addr { return addr{network: "tcp", s: s} }
