package apiclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"time"
)

// EventKind says what an Event carries.
type EventKind int

// The kinds of Event. EventMessage and EventBadFrame carry data; the others
// are connection-state changes ("state events").
const (
	// EventMessage carries a decoded server message in Msg.
	EventMessage EventKind = iota
	// EventBadFrame reports a frame that failed to decode: Err wraps
	// ErrBadMessage. The connection stays up.
	EventBadFrame
	// EventConnecting starts a connection attempt; Attempt counts them.
	EventConnecting
	// EventConnected means the socket is open and the subscribe frames were
	// sent.
	EventConnected
	// EventDisconnected means an attempt failed or a connection was lost: Err
	// is the reason and Retry the delay before the next attempt.
	EventDisconnected
	// EventAuthFailed means the token was refused (handshake 401/403) or could
	// not be obtained (*AuthError from WSToken). Err is an *AuthError; the
	// stream keeps retrying after Retry, which is at least
	// StreamOptions.AuthRetry.
	EventAuthFailed
)

// String returns the kind's name.
func (k EventKind) String() string {
	switch k {
	case EventMessage:
		return "message"
	case EventBadFrame:
		return "bad frame"
	case EventConnecting:
		return "connecting"
	case EventConnected:
		return "connected"
	case EventDisconnected:
		return "disconnected"
	case EventAuthFailed:
		return "auth failed"
	default:
		return fmt.Sprintf("EventKind(%d)", int(k))
	}
}

// IsState reports whether k is a connection-state change.
func (k EventKind) IsState() bool { return k >= EventConnecting && k <= EventAuthFailed }

// Event is one item of a Stream: a decoded message, a frame that failed to
// decode, or a connection-state change.
type Event struct {
	// Kind says which of the fields below are set.
	Kind EventKind
	// Time is when the frame was received or the state changed (the client's
	// clock, see WithClock).
	Time time.Time
	// Msg is the message of an EventMessage.
	Msg Message
	// Err is the decode error of an EventBadFrame and the reason of an
	// EventDisconnected or EventAuthFailed.
	Err error
	// Retry is the delay before the next attempt (EventDisconnected,
	// EventAuthFailed).
	Retry time.Duration
	// Attempt numbers the attempts of an EventConnecting: 1 after the start and
	// after a connection that stayed up for StreamOptions.StableAfter.
	Attempt int
	// Dropped is how many events the slow-consumer policy dropped right before
	// this one (since the previous delivered event). Non-zero means a gap.
	Dropped int
}

// StreamStats are a Stream's running counters.
type StreamStats struct {
	Connects  uint64 // connections established
	Frames    uint64 // frames received and queued as events
	BadFrames uint64 // frames that failed to decode
	Dropped   uint64 // events dropped by the slow-consumer policy
}

// ErrStreamClosed is returned by a Stream's request methods once the stream
// has ended.
var ErrStreamClosed = errors.New("apiclient: stream closed")

// MaxAnalyzedDFLimit is the most rows freqtrade sends per analyzed_df reply.
const MaxAnalyzedDFLimit = 1500

// Stream is a live subscription to a bot's message WebSocket, created by
// Client.Stream. Its methods are safe for concurrent use.
type Stream struct {
	client  *Client
	opts    StreamOptions
	dialer  wsDialer
	queue   *eventQueue
	out     chan Event
	reqs    chan writeRequest
	stopped chan struct{} // closed when the connection loop has ended

	connects atomic.Uint64
	// base and seen time the last bytes received (Silence): seen is the
	// monotonic time since base, in nanoseconds.
	base time.Time
	seen atomic.Int64
}

type writeRequest struct {
	frame []byte
	errc  chan error // buffered; receives the write's result
}

// Stream connects to the bot's message WebSocket and keeps a subscription
// alive until ctx ends. It returns at once; connecting happens in the
// background and is reported as events.
//
// Each attempt fetches a token with WSToken (so an expired JWT is renewed),
// dials WSURL()?token=..., and sends a subscribe frame with the standard
// types among opts.Types. When extension types are requested (opts.Logs, or a
// non-standard type in opts.Types), a second subscribe frame with the full
// list follows: a real freqtrade ignores that list and keeps the first one.
// Lost connections are retried with capped, jittered exponential backoff;
// the client pings and drops a connection that stays silent too long.
//
// Slow-consumer policy: the reader never waits for the consumer. Undelivered
// events wait in a queue of opts.Buffer events. When it is full, the oldest
// message or bad-frame event is dropped to make room, so the newest data
// survives; state events are never dropped to make room (only when the whole
// queue holds state events, which takes Buffer reconnect cycles without a
// read, does the oldest state event go). The next delivered event carries the
// number dropped before it in Event.Dropped; Stats().Dropped is the total.
//
// When ctx ends, the stream sends a close frame, closes the socket, stops all
// of its goroutines and then closes the Events channel; events not yet
// delivered are discarded.
func (c *Client) Stream(ctx context.Context, opts StreamOptions) *Stream {
	opts = opts.withDefaults()
	s := &Stream{
		client:  c,
		opts:    opts,
		dialer:  c.newWSDialer(opts.HandshakeTimeout),
		queue:   newEventQueue(opts.Buffer),
		out:     make(chan Event),
		reqs:    make(chan writeRequest),
		stopped: make(chan struct{}),
		base:    time.Now(),
	}
	go s.run(ctx)
	go s.pump(ctx)
	return s
}

// Events returns the channel of events. It is closed after ctx ends and every
// goroutine of the stream has stopped.
func (s *Stream) Events() <-chan Event { return s.out }

// Stats returns the stream's running counters. A frame is counted when its
// event is queued, so the counts include every event already received from
// Events.
func (s *Stream) Stats() StreamStats {
	frames, bad, dropped := s.queue.counts()
	return StreamStats{
		Connects:  s.connects.Load(),
		Frames:    frames,
		BadFrames: bad,
		Dropped:   dropped,
	}
}

// Silence is how long ago the current connection last received anything:
// a message, or the answer to the client's ping (sent every
// StreamOptions.PingInterval). While the stream is connected it stays
// below PingInterval plus a round trip on a healthy link; a connection
// silent for PingInterval+PongTimeout is dropped. It is measured on the
// monotonic clock, so it is a duration, not a time.
func (s *Stream) Silence() time.Duration {
	return time.Duration(int64(time.Since(s.base)) - s.seen.Load())
}

// PingInterval is how often the stream pings the server.
func (s *Stream) PingInterval() time.Duration { return s.opts.PingInterval }

// touch records that bytes came now.
func (s *Stream) touch() { s.seen.Store(int64(time.Since(s.base))) }

// RequestWhitelist asks the server for its whitelist. The reply arrives as a
// WhitelistMsg event. Like every request it waits until it is written on a
// live connection (a request made while offline goes out right after the next
// subscribe), or until ctx ends; a reply is lost if that connection drops.
func (s *Stream) RequestWhitelist(ctx context.Context) error {
	return s.request(ctx, WSRequest{Type: ReqWhitelist})
}

// RequestAnalyzedDF asks for analyzed dataframes: of pair, or of every
// whitelisted pair when pair is empty. The replies arrive as one AnalyzedDFMsg
// event per pair with up to limit rows; limit <= 0 or above
// MaxAnalyzedDFLimit means MaxAnalyzedDFLimit. It waits like
// RequestWhitelist.
func (s *Stream) RequestAnalyzedDF(ctx context.Context, pair string, limit int) error {
	if limit <= 0 || limit > MaxAnalyzedDFLimit {
		limit = MaxAnalyzedDFLimit
	}
	body := AnalyzedDFRequest{Limit: &limit}
	if pair != "" {
		body.Pair = &pair
	}
	data, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("apiclient: analyzed_df request: %w", err)
	}
	return s.request(ctx, WSRequest{Type: ReqAnalyzedDF, Data: data})
}

func (s *Stream) request(ctx context.Context, req WSRequest) error {
	frame, err := json.Marshal(req)
	if err != nil {
		return fmt.Errorf("apiclient: websocket %s request: %w", req.Type, err)
	}
	w := writeRequest{frame: frame, errc: make(chan error, 1)}
	select {
	case s.reqs <- w:
	case <-ctx.Done():
		return fmt.Errorf("apiclient: websocket %s request: %w", req.Type, ctx.Err())
	case <-s.stopped:
		return ErrStreamClosed
	}
	select {
	case err := <-w.errc:
		if err != nil {
			return fmt.Errorf("apiclient: websocket %s request: %w", req.Type, err)
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("apiclient: websocket %s request: %w", req.Type, ctx.Err())
	}
}

// emit queues e, stamping its time; it never blocks.
func (s *Stream) emit(e Event) {
	if e.Time.IsZero() {
		e.Time = s.client.now()
	}
	s.queue.push(e)
}

// deliverFrame decodes one received frame into an event; the queue counts it
// as it takes it in.
func (s *Stream) deliverFrame(frame []byte) {
	msg, err := DecodeMessage(frame)
	if err != nil {
		s.emit(Event{Kind: EventBadFrame, Err: err})
		return
	}
	s.emit(Event{Kind: EventMessage, Msg: msg})
}

// pump moves events from the queue to the consumer. It is the last goroutine
// to stop: it closes the channel only after the connection loop has ended.
func (s *Stream) pump(ctx context.Context) {
	defer close(s.out)
	defer func() { <-s.stopped }()
	for {
		e, ok := s.queue.pop()
		if !ok {
			select {
			case <-s.queue.ready:
				continue
			case <-ctx.Done():
				return
			}
		}
		select {
		case s.out <- e:
		case <-ctx.Done():
			return
		}
	}
}
