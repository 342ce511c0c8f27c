package sshdial

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"syscall"
	"time"

	"golang.org/x/crypto/ssh"
)

// keepaliveRequest is OpenSSH's keepalive global request; any answer, even
// a refusal, proves the link alive.
const keepaliveRequest = "keepalive@openssh.com"

// ConnectError is the reason of PhaseRetrying when an attempt failed before
// authentication: the hop could not be reached, or its handshake failed.
type ConnectError struct {
	// Addr is the hop's host:port.
	Addr string
	// Handshake is false when the TCP connection itself failed.
	Handshake bool
	// Err is the cause.
	Err error
}

// Error implements error: "ssh: cannot reach vps:22 (connection refused)".
func (e *ConnectError) Error() string {
	if e.Handshake {
		return fmt.Sprintf("ssh: handshake with %s failed (%s)", e.Addr, shortCause(e.Err))
	}
	return fmt.Sprintf("ssh: cannot reach %s (%s)", e.Addr, shortCause(e.Err))
}

// Unwrap returns the cause.
func (e *ConnectError) Unwrap() error { return e.Err }

// shortCause words a network error the way a status bar can hold it.
func shortCause(err error) string {
	var errno syscall.Errno
	var dns *net.DNSError
	var refused *ssh.OpenChannelError
	switch {
	case errors.As(err, &refused) && refused.Message != "":
		// a jump host's own connect failed: OpenSSH sends its strerror
		return strings.ToLower(refused.Message[:1]) + refused.Message[1:]
	case errors.As(err, &errno):
		return errno.Error()
	case errors.As(err, &dns):
		return dns.Err
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return "timed out"
	default:
		return err.Error()
	}
}

// link is an established connection: the clients of each hop, outermost
// first, the target's last.
type link struct {
	clients []*ssh.Client
}

func (l *link) target() *ssh.Client { return l.clients[len(l.clients)-1] }

// close closes every hop, innermost first, and waits for their readers to
// stop.
func (l *link) close() {
	for i := len(l.clients) - 1; i >= 0; i-- {
		_ = l.clients[i].Close()
		_ = l.clients[i].Wait()
	}
}

// connect establishes the target's link through its jump hosts.
func (p *Pool) connect(ctx context.Context, t *Target) (*link, error) {
	l := &link{}
	var via *ssh.Client
	for _, hop := range t.chain() {
		c, err := p.handshake(ctx, hop, via)
		if err != nil {
			l.close()
			return nil, err
		}
		l.clients = append(l.clients, c)
		via = c
	}
	return l, nil
}

// handshake connects to one hop, directly or through via, verifies its
// host key and authenticates.
func (p *Pool) handshake(ctx context.Context, t *Target, via *ssh.Client) (*ssh.Client, error) {
	timeout := t.ConnectTimeout
	if timeout <= 0 {
		timeout = p.opts.ConnectTimeout
	}
	hk, err := loadHostKeys(t)
	if err != nil {
		return nil, err
	}
	conn, err := p.dialHop(ctx, t, via, timeout)
	if err != nil {
		return nil, err
	}
	arm := func() { _ = conn.SetDeadline(time.Now().Add(timeout)) }
	plan := &authPlan{pool: p, ctx: ctx, target: t, pause: func() func() {
		_ = conn.SetDeadline(time.Time{}) // a person is typing
		return arm
	}}
	defer plan.close()
	cfg := &ssh.ClientConfig{
		User:              t.User,
		HostKeyCallback:   hk.check,
		HostKeyAlgorithms: hk.algorithms(t.Addr()),
		AuthCallback:      plan.callback,
		ClientVersion:     "SSH-2.0-freqdeck",
	}
	arm()
	cut := make(chan struct{}) // closed once ctx's end has closed conn
	stop := context.AfterFunc(ctx, func() {
		_ = conn.Close()
		close(cut)
	})
	sc, chans, reqs, err := ssh.NewClientConn(conn, t.Addr(), cfg)
	stopped := stop()
	if !stopped {
		<-cut
	}
	if !stopped || err != nil {
		if err == nil {
			_ = sc.Close()
		}
		_ = conn.Close()
		return nil, p.handshakeError(ctx, t, plan, err)
	}
	_ = conn.SetDeadline(time.Time{})
	if !p.goroutine(func() { answerGlobalRequests(sc, reqs) }) {
		_ = sc.Close()
		return nil, ErrClosed
	}
	handled := make(chan *ssh.Request)
	close(handled)
	return ssh.NewClient(sc, chans, handled), nil
}

// answerGlobalRequests refuses the server's global requests, as ssh.Client
// would, until the connection ends. Right after authentication sshd
// announces its host keys (hostkeys-00@openssh.com, no reply wanted); left
// unacknowledged, that packet makes sshd's Nagle hold the answer to our
// first tunnel until the delayed TCP ACK, 40 ms later. A keepalive that
// wants no reply sends the ACK at once.
func answerGlobalRequests(c ssh.Conn, reqs <-chan *ssh.Request) {
	for r := range reqs {
		if r.Type == "hostkeys-00@openssh.com" {
			_, _, _ = c.SendRequest(keepaliveRequest, false, nil)
		}
		_ = r.Reply(false, nil)
	}
}

// handshakeError turns a failed handshake into the reason a State shows.
func (p *Pool) handshakeError(ctx context.Context, t *Target, plan *authPlan, err error) error {
	var unknown *HostKeyUnknownError
	var changed *HostKeyChangedError
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.As(err, &unknown):
		return unknown
	case errors.As(err, &changed):
		return changed
	}
	if a := plan.failure(); a != nil {
		return a
	}
	if err == nil {
		err = errors.New("cancelled")
	}
	return &ConnectError{Addr: t.Addr(), Handshake: true, Err: err}
}

// dialHop opens the byte stream to a hop.
func (p *Pool) dialHop(ctx context.Context, t *Target, via *ssh.Client, timeout time.Duration) (net.Conn, error) {
	dctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var conn net.Conn
	var err error
	if via == nil {
		conn, err = p.opts.Dial(dctx, "tcp", t.Addr())
	} else if conn, err = via.DialContext(dctx, "tcp", t.Addr()); err == nil {
		conn, err = p.bridge(conn)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &ConnectError{Addr: t.Addr(), Err: err}
	}
	return conn, nil
}

// hold watches an established link until it dies or ctx ends, then closes
// it.
func (h *Host) hold(ctx context.Context, l *link) error {
	kctx, stop := context.WithCancel(ctx)
	defer stop()
	dead := make(chan error, 1)
	gone := make(chan struct{})
	started := h.pool.goroutine(func() { dead <- h.keepalive(kctx, l.target()) }) &&
		h.pool.goroutine(func() { _ = l.target().Wait(); close(gone) })
	if !started {
		stop()
		l.close()
		return ErrClosed
	}
	var err error
	select {
	case err = <-dead:
		dead <- err // for the wait below
	case <-gone:
		err = ErrLinkDown
	case <-ctx.Done():
		err = ctx.Err()
	}
	stop()
	<-dead // the keepalive timer is stopped before the state changes
	l.close()
	return err
}

// keepalive sends a keepalive every interval while none is outstanding, and
// reports ErrLinkDown once one has gone unanswered for max intervals, or the
// link failed. A link that dies is thus found within (max+1) intervals.
func (h *Host) keepalive(ctx context.Context, c *ssh.Client) error {
	interval, most := h.target.AliveInterval, h.target.AliveCountMax
	if interval <= 0 {
		interval = h.pool.opts.KeepaliveInterval
	}
	if most <= 0 {
		most = h.pool.opts.KeepaliveMax
	}
	var pending chan error // the outstanding request's answer; nil if none
	missed := 0
	t := h.pool.opts.Clock.NewTimer(interval)
	defer func() { t.Stop() }()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-pending:
			if err != nil {
				return ErrLinkDown
			}
			pending, missed = nil, 0
			h.answered.Add(1)
		case <-t.C():
			t = h.pool.opts.Clock.NewTimer(interval)
			if pending != nil {
				if missed++; missed >= most {
					h.pool.opts.Logger.Warn("ssh keepalive unanswered", "host", h.name, "missed", missed, "interval", interval)
					return ErrLinkDown
				}
				continue
			}
			answer := make(chan error, 1)
			if !h.pool.goroutine(func() { _, _, err := c.SendRequest(keepaliveRequest, true, nil); answer <- err }) {
				return ErrClosed
			}
			pending = answer
		}
	}
}
