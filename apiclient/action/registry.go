package action

import (
	"fmt"
	"sync"
	"time"
)

// Registry holds one bot's actions whose outcome is not known yet: under
// way, or answered Unknown and being checked. Every console on the bot
// shares it (the sessions of one `freqdeck host` share one per bot), so no
// console sends an action again on a target while the outcome of the last
// one is not known. It is safe for concurrent use.
type Registry struct {
	mu   sync.Mutex
	open map[Key]Pending
}

// Pending is an action in the registry.
type Pending struct {
	// ID is its request id.
	ID string
	// Since is when it was sent.
	Since time.Time
	// Unknown is set once its call ended without a known outcome; it stays
	// until the bot's state tells (or checking gives up).
	Unknown bool
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{open: map[Key]Pending{}} }

// BusyError refuses an action: the same action on the same target is under
// way, or its outcome is not known yet.
type BusyError struct {
	Key     Key
	Pending Pending
}

// Error implements error.
func (e *BusyError) Error() string {
	since := e.Pending.Since.UTC().Format("15:04:05 UTC")
	if e.Pending.Unknown {
		return fmt.Sprintf("the outcome of %s (request %s, sent %s) is not known yet: checking the bot",
			e.Key, e.Pending.ID, since)
	}
	return fmt.Sprintf("%s is already under way (request %s, sent %s)", e.Key, e.Pending.ID, since)
}

// Check returns the *BusyError Begin would return for k, or nil.
func (r *Registry) Check(k Key) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.check(k)
}

func (r *Registry) check(k Key) error {
	if p, ok := r.open[k]; ok {
		return &BusyError{Key: k, Pending: p}
	}
	return nil
}

// Begin registers a as under way since now, or refuses it with a
// *BusyError.
func (r *Registry) Begin(a Attempt, now time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.check(a.Key()); err != nil {
		return err
	}
	r.open[a.Key()] = Pending{ID: a.ID, Since: now}
	return nil
}

// MarkUnknown records that a's call ended without a known outcome: a stays
// registered until Settle.
func (r *Registry) MarkUnknown(a Attempt) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p, ok := r.open[a.Key()]; ok && p.ID == a.ID {
		p.Unknown = true
		r.open[a.Key()] = p
	}
}

// Settle removes a, once its outcome is known or given up on. Another
// request on the same key is left alone.
func (r *Registry) Settle(a Attempt) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p, ok := r.open[a.Key()]; ok && p.ID == a.ID {
		delete(r.open, a.Key())
	}
}
