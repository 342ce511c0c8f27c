package sshdial

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Host is one SSH destination of a Pool: a shared connection, kept up in
// the background, with an observable State. Its methods are safe for
// concurrent use.
type Host struct {
	pool   *Pool
	name   string
	target *Target
	wake   chan struct{} // a pending "try now"

	answered atomic.Int64 // keepalives answered, for tests

	mu      sync.Mutex
	state   State
	changed chan struct{} // closed at the next state change
	link    *link         // set while PhaseConnected
}

func newHost(p *Pool, name string, t *Target) *Host {
	return &Host{
		pool:    p,
		name:    name,
		target:  t,
		wake:    make(chan struct{}, 1),
		changed: make(chan struct{}),
		state:   State{Host: name, Phase: PhaseConnecting, Since: p.opts.Clock.Now()},
	}
}

// Name is the destination as given to Pool.Host.
func (h *Host) Name() string { return h.name }

// Target is what Name resolved to. Do not modify it.
func (h *Host) Target() *Target { return h.target }

// State returns the current state.
func (h *Host) State() State {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.state
}

// Watch returns the current state and a channel that is closed at the next
// change; call it again after each change. Changes are never queued, so a
// slow watcher sees the latest state, not every step.
func (h *Host) Watch() (State, <-chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.state, h.changed
}

// Retry makes a waiting Host try again now, and lets the next attempt ask
// again for passphrases that were refused or cancelled. It does nothing to
// a connected Host.
func (h *Host) Retry() {
	h.pool.keys.forget()
	h.wakeUp()
}

func (h *Host) wakeUp() {
	select {
	case h.wake <- struct{}{}:
	default:
	}
}

// DialContext opens a connection to addr ("127.0.0.1:8080") from the far
// side of the SSH link, as http.Transport.DialContext and
// websocket.Dialer.NetDialContext expect. While the Host is connecting it
// waits (until ctx ends); in any other state it fails at once with a
// *StateError that reads as the state ("ssh: link down, retrying in 8 s")
// and unwraps to its reason. The connection supports deadlines.
func (h *Host) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	for {
		h.mu.Lock()
		st, l, changed := h.state, h.link, h.changed
		h.mu.Unlock()
		switch {
		case l != nil:
			return h.dialVia(ctx, l, network, addr)
		case st.Phase == PhaseConnecting:
			select {
			case <-changed:
			case <-ctx.Done():
				return nil, fmt.Errorf("ssh %s: still connecting: %w", h.name, ctx.Err())
			}
		case st.Phase == PhaseClosed:
			return nil, ErrClosed
		default:
			return nil, &StateError{State: st, At: h.pool.opts.Clock.Now()}
		}
	}
}

func (h *Host) dialVia(ctx context.Context, l *link, network, addr string) (net.Conn, error) {
	c, err := l.target().DialContext(ctx, network, addr)
	if err != nil {
		return nil, fmt.Errorf("ssh %s: dial %s: %w", h.name, addr, err)
	}
	return h.pool.bridge(c)
}

// set publishes a new state; l is the link when connected.
func (h *Host) set(st State, l *link) {
	st.Host, st.Since = h.name, h.pool.opts.Clock.Now()
	h.mu.Lock()
	h.state, h.link = st, l
	close(h.changed)
	h.changed = make(chan struct{})
	h.mu.Unlock()
	h.pool.opts.Logger.Info("ssh state", "host", h.name, "state", st.String())
}

// run keeps the Host connected until ctx ends.
func (h *Host) run(ctx context.Context) {
	defer h.set(State{Phase: PhaseClosed, Err: ErrClosed}, nil)
	clock := h.pool.opts.Clock
	failures := 0
	for {
		l, err := h.pool.connect(ctx, h.target)
		if err == nil {
			up := clock.Now()
			select {
			case <-h.wake: // a "try now" is moot once connected
			default:
			}
			h.set(State{Phase: PhaseConnected}, l)
			err = h.hold(ctx, l)
			if clock.Now().Sub(up) >= h.pool.opts.StableAfter {
				failures = 0
			}
		}
		if ctx.Err() != nil {
			return
		}
		failures++
		phase, delay := h.plan(err, failures)
		h.set(State{Phase: phase, Err: err, Delay: delay}, nil)
		if !h.pause(ctx, delay) {
			return
		}
		h.set(State{Phase: PhaseConnecting}, nil)
	}
}

// plan picks the state and the delay after a failed attempt or a lost link.
func (h *Host) plan(err error, failures int) (Phase, time.Duration) {
	o := h.pool.opts
	var unknown *HostKeyUnknownError
	var changed *HostKeyChangedError
	var auth *AuthError
	switch {
	case errors.As(err, &unknown):
		return PhaseHostKeyUnknown, o.OperatorRetry
	case errors.As(err, &changed):
		return PhaseHostKeyChanged, o.OperatorRetry
	case errors.As(err, &auth):
		return PhaseAuthFailed, o.OperatorRetry
	}
	d := o.MinBackoff
	for i := 1; i < failures && d < o.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, o.MaxBackoff)
	d += time.Duration(float64(d) * o.Jitter * (2*rand.Float64() - 1))
	return PhaseRetrying, min(d, o.MaxBackoff)
}

// pause waits d on the Pool's clock, or less if woken; false when ctx ended.
func (h *Host) pause(ctx context.Context, d time.Duration) bool {
	t := h.pool.opts.Clock.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C():
	case <-h.wake:
	case <-ctx.Done():
		return false
	}
	return true
}
