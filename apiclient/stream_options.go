package apiclient

import (
	"math"
	"math/rand/v2"
	"time"
)

// StreamOptions configures Client.Stream. The zero value subscribes to every
// standard message type with the defaults below.
type StreamOptions struct {
	// Types are the message types to subscribe to; nil means
	// StandardMessageTypes().
	Types []MessageType
	// Logs adds freqdeck's MsgLog extension (sent in the second subscribe
	// frame).
	Logs bool
	// Buffer is how many undelivered events are kept (default 256).
	Buffer int

	// MinBackoff is the first retry delay (default 500 ms); it doubles per
	// failed attempt up to MaxBackoff (default 30 s).
	MinBackoff, MaxBackoff time.Duration
	// Jitter spreads each delay by ±Jitter (a fraction; default 0.2, a
	// negative value disables it). Delays never exceed MaxBackoff.
	Jitter float64
	// AuthRetry is the least delay after an auth failure (default 60 s).
	AuthRetry time.Duration
	// StableAfter is how long a connection must stay up for the backoff to
	// start over from MinBackoff (default 15 s).
	StableAfter time.Duration

	// PingInterval is how often the client pings (default 15 s).
	PingInterval time.Duration
	// PongTimeout is how long a ping may go unanswered: a connection that
	// receives no bytes at all for PingInterval+PongTimeout is dropped
	// (default 10 s).
	PongTimeout time.Duration
	// WriteTimeout bounds each frame write (default 10 s).
	WriteTimeout time.Duration
	// HandshakeTimeout bounds dialing and the opening handshake (default
	// 15 s).
	HandshakeTimeout time.Duration
}

// DefaultStreamBuffer is the default StreamOptions.Buffer.
const DefaultStreamBuffer = 256

// The other stream option defaults.
const (
	defaultMinBackoff    = 500 * time.Millisecond
	defaultMaxBackoff    = 30 * time.Second
	defaultJitter        = 0.2
	defaultAuthRetry     = 60 * time.Second
	defaultStableAfter   = 15 * time.Second
	defaultPingInterval  = 15 * time.Second
	defaultPongTimeout   = 10 * time.Second
	defaultWriteTimeout  = 10 * time.Second
	defaultHandshakeTime = 15 * time.Second
)

func (o StreamOptions) withDefaults() StreamOptions {
	if o.Types == nil {
		o.Types = StandardMessageTypes()
	}
	if o.Buffer <= 0 {
		o.Buffer = DefaultStreamBuffer
	}
	setDefault(&o.MinBackoff, defaultMinBackoff)
	setDefault(&o.MaxBackoff, defaultMaxBackoff)
	if o.MaxBackoff < o.MinBackoff {
		o.MaxBackoff = o.MinBackoff
	}
	if o.Jitter == 0 {
		o.Jitter = defaultJitter
	}
	o.Jitter = min(max(o.Jitter, 0), 1)
	setDefault(&o.AuthRetry, defaultAuthRetry)
	setDefault(&o.StableAfter, defaultStableAfter)
	setDefault(&o.PingInterval, defaultPingInterval)
	setDefault(&o.PongTimeout, defaultPongTimeout)
	setDefault(&o.WriteTimeout, defaultWriteTimeout)
	setDefault(&o.HandshakeTimeout, defaultHandshakeTime)
	return o
}

func setDefault(d *time.Duration, def time.Duration) {
	if *d <= 0 {
		*d = def
	}
}

// subscriptions returns the subscribe lists to send, in order: the standard
// types first, then (only when extension types are wanted) the full list.
func (o StreamOptions) subscriptions() [][]MessageType {
	var std, all []MessageType
	seen := map[MessageType]bool{}
	add := func(t MessageType) {
		if seen[t] {
			return
		}
		seen[t] = true
		all = append(all, t)
		if t.IsStandard() {
			std = append(std, t)
		}
	}
	for _, t := range o.Types {
		add(t)
	}
	if o.Logs {
		add(MsgLog)
	}
	var lists [][]MessageType
	if len(std) > 0 {
		lists = append(lists, std)
	}
	if len(all) > len(std) {
		lists = append(lists, all)
	}
	return lists
}

// retryDelay is the delay after the n-th consecutive failed attempt (n >= 1).
func (o StreamOptions) retryDelay(n int, auth bool) time.Duration {
	base := backoffBase(n, o.MinBackoff, o.MaxBackoff)
	if auth {
		base = max(base, o.AuthRetry)
		return applyJitter(base, o.Jitter, rand.Float64(), time.Duration(math.MaxInt64))
	}
	return applyJitter(base, o.Jitter, rand.Float64(), o.MaxBackoff)
}

// backoffBase is lo doubled n-1 times, capped at hi.
func backoffBase(n int, lo, hi time.Duration) time.Duration {
	d := lo
	for i := 1; i < n && d < hi; i++ {
		d *= 2
	}
	return min(d, hi)
}

// applyJitter spreads d by ±frac using r in [0, 1), never above ceiling.
func applyJitter(d time.Duration, frac, r float64, ceiling time.Duration) time.Duration {
	j := time.Duration(float64(d) * frac * (2*r - 1))
	return max(min(d+j, ceiling), 0)
}
