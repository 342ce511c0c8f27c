package rpctest

import (
	"sync"
	"time"
)

// Clock is a settable clock for tests, shared by the Bot (WithClock), the
// server (server.WithClock), Faults (WithFaultsClock) and a client
// (apiclient.WithClock), so that token lifetimes, lock times and timed
// faults move only when the test says. It is safe for concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock standing at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now returns the clock's time; pass the method value as a clock function.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
