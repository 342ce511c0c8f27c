package dryrun

import (
	"sync"
	"time"
)

// botMutex is the bot's lock. With a watch (WithLockWatch) it reports how
// long each hold lasted, measured on the monotonic clock.
type botMutex struct {
	mu    sync.Mutex
	watch func(held time.Duration)
	since time.Time // when the current hold began; written under mu
}

// Lock locks the bot.
func (m *botMutex) Lock() {
	m.mu.Lock()
	if m.watch != nil {
		m.since = time.Now()
	}
}

// Unlock unlocks the bot, then reports the hold to the watch.
func (m *botMutex) Unlock() {
	if m.watch == nil {
		m.mu.Unlock()
		return
	}
	held := time.Since(m.since)
	m.mu.Unlock()
	m.watch(held)
}

// WithLockWatch makes the bot call fn after each release of its lock with
// how long it was held (tests and diagnostics: every request and tick
// takes the lock, so its longest hold is how long one can delay another).
// fn runs outside the lock and must be safe for concurrent use.
func WithLockWatch(fn func(held time.Duration)) Option { return func(o *options) { o.lockWatch = fn } }
