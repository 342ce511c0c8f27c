// Package rpctest is the one fake freqtrade of freqdeck's tests, in two
// parts that a test puts together with the real API server:
//
//	clock := rpctest.NewClock(t0)
//	bot := rpctest.New(rpctest.WithClock(clock.Now))
//	srv, err := server.New(bot, cfg, server.WithClock(clock.Now))
//	...
//	// The hub runs (Publish reaches subscribers) and srv is served behind
//	// Faults on 127.0.0.1 until the test ends.
//	faults, ts := rpctest.Serve(t, srv, rpctest.WithFaultsClock(clock.Now))
//	c, err := apiclient.New(ts.URL, apiclient.WithBasicAuth(user, pass))
//
// Bot is an in-memory rpc.Bot. It answers from Fixtures (the JSON examples of
// freqtrade-api.md §3), records every call, fails or holds calls on demand
// (SetError, FailNext, FailAll, Hold: the server turns an *rpc.Error into
// freqtrade's 502 {"error": ...} and an *rpc.HTTPError into its status and
// {"detail": ...}), and publishes WebSocket messages through the server's
// hub, alone (Publish) or with the state change they announce (OpenTrade,
// CloseTrade, AddLock, SetState, AddLogs), so that a client's refetch sees
// the new state.
//
// Faults is an http.Handler around the server. It counts and records every
// request per route, answers chosen routes with canned failures (HTML, 401,
// 5xx, for a number of requests or until a time on its clock), holds
// requests, pauses the whole bot, takes it down, and watches the WebSocket
// connections: the frames each client sent, which of them the server has
// acted on, pings and close codes.
//
// Nothing here sleeps: waits are on conditions (Bot.Wait, Faults.Wait) and
// time is the injected clock's. This package imports only apiclient and
// server/rpc, so the server's own tests can use it.
package rpctest

import (
	"context"
	"fmt"
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
	sig    *signal
	holds  *holds

	mu     sync.Mutex
	fx     Fixtures
	faults rules[error]
	calls  []Call
	lockID int
}

// Option configures a Bot.
type Option func(*Bot)

// WithFixtures replaces the default fixtures.
func WithFixtures(f Fixtures) Option { return func(b *Bot) { b.fx = f } }

// WithClock sets the bot's clock: lock times, closed trades, and the Date
// header the server stamps (Bot implements rpc.Clock).
func WithClock(now func() time.Time) Option { return func(b *Bot) { b.now = now } }

// WithEventBuffer sets the capacity of the Events channel (default 256).
func WithEventBuffer(n int) Option {
	return func(b *Bot) { b.events = make(chan apiclient.Message, max(n, 0)) }
}

// New returns a fake bot holding DefaultFixtures.
func New(opts ...Option) *Bot {
	sig := newSignal()
	b := &Bot{
		now:    time.Now,
		events: make(chan apiclient.Message, 256),
		sig:    sig,
		holds:  newHolds(sig),
		fx:     DefaultFixtures(),
	}
	for _, o := range opts {
		o(b)
	}
	for _, l := range b.fx.Locks {
		b.lockID = max(b.lockID, l.ID)
	}
	return b
}

var (
	_ rpc.Bot   = (*Bot)(nil)
	_ rpc.Clock = (*Bot)(nil)
)

// Now implements rpc.Clock with the bot's clock (see WithClock).
func (b *Bot) Now() time.Time { return b.now() }

// Update changes the fixtures under the bot's lock.
func (b *Bot) Update(fn func(*Fixtures)) {
	b.mu.Lock()
	fn(&b.fx)
	b.mu.Unlock()
	b.sig.changed()
}

// Wait returns once cond holds, checking it again after every call, fixture
// change and fault change, or with an error when ctx ends first. cond may
// call the Bot's methods (Calls, CallsTo, Fixtures); it must not block.
func (b *Bot) Wait(ctx context.Context, cond func() bool) error {
	return b.sig.wait(ctx, cond)
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

// call records a call, waits while the method is held, then answers with an
// injected error or with fn's result under the bot's lock.
func call[T any](ctx context.Context, b *Bot, method string, fn func(*Fixtures) (T, error), args ...any) (T, error) {
	var zero T
	b.mu.Lock()
	b.calls = append(b.calls, Call{Method: method, Args: args})
	b.mu.Unlock()
	b.sig.changed()
	if err := b.holds.wait(ctx, method); err != nil {
		return zero, fmt.Errorf("rpctest: %s held: %w", method, err)
	}
	defer b.sig.changed() // fn may change the fixtures: wake waiters after the unlock
	b.mu.Lock()
	defer b.mu.Unlock()
	if err, ok := b.faults.match(method, b.now()); ok {
		return zero, err
	}
	return fn(&b.fx)
}

// value answers a call with a fixed fixture value.
func value[T any](ctx context.Context, b *Bot, method string, get func(*Fixtures) T, args ...any) (T, error) {
	return call(ctx, b, method, func(f *Fixtures) (T, error) { return get(f), nil }, args...)
}
