// Package rpctest is an in-memory fake rpc.Bot for tests: it answers from
// Fixtures (the JSON examples of freqtrade-api.md §3), records every call,
// returns per-method errors on demand, and publishes WebSocket messages pushed
// with Publish. It is a test double, not a bot: state changes are limited to
// what a test can check (locks, blacklist, worker state, deleted trades).
//
// This package imports only apiclient and server/rpc.
package rpctest

import (
	"context"
	"sync"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// Call is one recorded method call: the rpc.Bot method name and its
// arguments after the context.
type Call struct {
	Method string
	Args   []any
}

// Bot is a fake rpc.Bot. It is safe for concurrent use.
type Bot struct {
	now    func() time.Time
	events chan apiclient.Message

	mu     sync.Mutex
	fx     Fixtures
	errs   map[string]error
	calls  []Call
	lockID int
}

// Option configures a Bot.
type Option func(*Bot)

// WithFixtures replaces the default fixtures.
func WithFixtures(f Fixtures) Option { return func(b *Bot) { b.fx = f } }

// WithClock sets the clock used for lock start times.
func WithClock(now func() time.Time) Option { return func(b *Bot) { b.now = now } }

// WithEventBuffer sets the capacity of the Events channel (default 256).
func WithEventBuffer(n int) Option {
	return func(b *Bot) { b.events = make(chan apiclient.Message, max(n, 0)) }
}

// New returns a fake bot holding DefaultFixtures.
func New(opts ...Option) *Bot {
	b := &Bot{
		now:    time.Now,
		events: make(chan apiclient.Message, 256),
		fx:     DefaultFixtures(),
		errs:   map[string]error{},
	}
	for _, o := range opts {
		o(b)
	}
	for _, l := range b.fx.Locks {
		b.lockID = max(b.lockID, l.ID)
	}
	return b
}

var _ rpc.Bot = (*Bot)(nil)

// SetError makes the named method (for example "ForceExit") return err; a nil
// err clears it.
func (b *Bot) SetError(method string, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err == nil {
		delete(b.errs, method)
		return
	}
	b.errs[method] = err
}

// Update changes the fixtures under the bot's lock.
func (b *Bot) Update(fn func(*Fixtures)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	fn(&b.fx)
}

// Fixtures returns the current fixtures (sharing memory; read-only).
func (b *Bot) Fixtures() Fixtures {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.fx
}

// Calls returns every recorded call, oldest first.
func (b *Bot) Calls() []Call {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Call(nil), b.calls...)
}

// CallsTo returns the recorded calls of one method.
func (b *Bot) CallsTo(method string) []Call {
	var out []Call
	for _, c := range b.Calls() {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// Events implements rpc.Bot.
func (b *Bot) Events() <-chan apiclient.Message { return b.events }

// Publish queues msg for the server's hub, blocking while the buffer is full
// or until ctx ends.
func (b *Bot) Publish(ctx context.Context, msg apiclient.Message) error {
	select {
	case b.events <- msg:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// TryPublish queues msg if the buffer has room and reports whether it did, as
// a real bot does (it drops rather than blocks).
func (b *Bot) TryPublish(msg apiclient.Message) bool {
	select {
	case b.events <- msg:
		return true
	default:
		return false
	}
}

// call records a call, then answers with the error set for the method or
// with fn's result, under the bot's lock.
func call[T any](b *Bot, method string, fn func(*Fixtures) (T, error), args ...any) (T, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.calls = append(b.calls, Call{Method: method, Args: args})
	if err := b.errs[method]; err != nil {
		var zero T
		return zero, err
	}
	return fn(&b.fx)
}

// value answers a call with a fixed fixture value.
func value[T any](b *Bot, method string, get func(*Fixtures) T, args ...any) (T, error) {
	return call(b, method, func(f *Fixtures) (T, error) { return get(f), nil }, args...)
}
