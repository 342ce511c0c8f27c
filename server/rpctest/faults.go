package rpctest

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// signal wakes waiters on every change: a channel that is closed and
// replaced. Waiters re-check their condition after each wake, so a change
// can never be missed between the check and the wait.
type signal struct {
	mu sync.Mutex
	ch chan struct{}
}

func newSignal() *signal { return &signal{ch: make(chan struct{})} }

// changed wakes every current waiter.
func (s *signal) changed() {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.ch)
	s.ch = make(chan struct{})
}

// next returns the channel the next change closes.
func (s *signal) next() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ch
}

// wait returns nil once cond holds, re-checking on every change, or the
// context's error when ctx ends first. cond must not block.
func (s *signal) wait(ctx context.Context, cond func() bool) error {
	for {
		ch := s.next() // taken before the check: a change after it closes ch
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("rpctest: wait: %w", context.Cause(ctx))
		}
	}
}

// rule is one injected fault: key is a bot method or an HTTP route, "" for
// every one. It answers ans left more times (left < 0: no limit) until the
// time until (zero: no end).
type rule[A any] struct {
	key   string
	ans   A
	left  int
	until time.Time
}

// rules is an ordered set of faults, newest first when matching. Its owner
// guards it with its own mutex.
type rules[A any] struct {
	list []rule[A]
}

// add puts r ahead of the rules already set.
func (rs *rules[A]) add(r rule[A]) { rs.list = append(rs.list, r) }

// remove drops every rule for key.
func (rs *rules[A]) remove(key string) {
	kept := rs.list[:0]
	for _, r := range rs.list {
		if r.key != key {
			kept = append(kept, r)
		}
	}
	rs.list = kept
}

// clear drops every rule.
func (rs *rules[A]) clear() { rs.list = nil }

// match returns the answer of the newest live rule for key (or for every
// key) and spends one of its uses. Rules spent or expired at now are dropped.
func (rs *rules[A]) match(key string, now time.Time) (A, bool) {
	rs.prune(now)
	for i := len(rs.list) - 1; i >= 0; i-- {
		r := &rs.list[i]
		if r.key != "" && r.key != key {
			continue
		}
		ans := r.ans
		if r.left > 0 {
			r.left--
			if r.left == 0 {
				rs.list = append(rs.list[:i], rs.list[i+1:]...)
			}
		}
		return ans, true
	}
	var zero A
	return zero, false
}

// prune drops the rules whose end has come.
func (rs *rules[A]) prune(now time.Time) {
	kept := rs.list[:0]
	for _, r := range rs.list {
		if r.until.IsZero() || now.Before(r.until) {
			kept = append(kept, r)
		}
	}
	rs.list = kept
}

// holds is the set of keys whose calls wait until released; "" holds every
// key. Every change is announced on sig.
type holds struct {
	sig  *signal
	mu   sync.Mutex
	keys map[*byte]string
}

func newHolds(sig *signal) *holds { return &holds{sig: sig, keys: map[*byte]string{}} }

// hold holds key until the returned function is called (more calls of it
// do nothing).
func (h *holds) hold(key string) (release func()) {
	token := new(byte)
	h.mu.Lock()
	h.keys[token] = key
	h.mu.Unlock()
	h.sig.changed()
	return sync.OnceFunc(func() {
		h.mu.Lock()
		delete(h.keys, token)
		h.mu.Unlock()
		h.sig.changed()
	})
}

// held reports whether calls of key wait now. An empty key asks whether
// everything is held.
func (h *holds) held(key string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, k := range h.keys {
		if k == "" || k == key {
			return true
		}
	}
	return false
}

// releaseAll releases every hold.
func (h *holds) releaseAll() {
	h.mu.Lock()
	clear(h.keys)
	h.mu.Unlock()
	h.sig.changed()
}

// wait returns once key is not held, or with ctx's error.
func (h *holds) wait(ctx context.Context, key string) error {
	return h.sig.wait(ctx, func() bool { return !h.held(key) })
}
