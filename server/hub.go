package server

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Defaults of the WebSocket hub's slow-consumer policy.
const (
	// DefaultWSQueue is each subscriber's queue, in messages.
	DefaultWSQueue = 256
	// DefaultWSWriteTimeout bounds one frame's write (freqtrade's ceiling).
	DefaultWSWriteTimeout = 3 * time.Second
)

// hub fans the bot's messages out to WebSocket subscribers.
//
// Slow-consumer policy: each subscriber has a bounded queue (queueLen
// messages) drained by its own writer, and each frame must be written
// within writeTimeout. A subscriber whose queue is full when a message
// arrives, or whose write times out, is disconnected (close code 1008,
// "slow consumer", sent only if the socket still accepts it). The hub never
// waits for a subscriber, so a stalled one never delays the bot or the
// others. Nothing is replayed; a dropped client reconnects and refetches.
// Keepalive and the client request rate are in ws_policy.go.
type hub struct {
	log          *slog.Logger
	queueLen     int
	writeTimeout time.Duration
	pingPeriod   time.Duration // ws_policy.go
	readTimeout  time.Duration
	requests     requestLimit
	onDrop       func(c *client, reason string) // test hook

	mu      sync.Mutex
	clients map[*client]struct{}
	closed  bool
	wg      sync.WaitGroup
}

func newHub() *hub {
	return &hub{
		queueLen:     DefaultWSQueue,
		writeTimeout: DefaultWSWriteTimeout,
		pingPeriod:   DefaultWSPingPeriod,
		readTimeout:  DefaultWSReadTimeout,
		requests:     defaultRequestLimit(),
		clients:      map[*client]struct{}{},
	}
}

// add registers a client; false once the hub has shut down.
func (h *hub) add(c *client) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	h.clients[c] = struct{}{}
	h.wg.Add(1)
	return true
}

// remove unregisters a client after its goroutines have ended.
func (h *hub) remove(c *client) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
	h.wg.Done()
}

// run consumes events until ctx ends, then closes every connection and
// waits for their goroutines.
func (h *hub) run(ctx context.Context, events <-chan apiclient.Message) {
	defer h.shutdown()
	for {
		select {
		case <-ctx.Done():
			return
		case msg, ok := <-events:
			if !ok {
				events = nil // a bot that stopped publishing; keep serving
				continue
			}
			h.broadcast(msg)
		}
	}
}

// broadcast encodes msg once and queues it for every subscriber of its
// type, dropping subscribers whose queue is full.
func (h *hub) broadcast(msg apiclient.Message) {
	typ := msg.MessageType()
	var frame *websocket.PreparedMessage
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		if !c.subscribed(typ) {
			continue
		}
		if frame == nil {
			var err error
			if frame, err = prepare(msg); err != nil {
				h.log.Error("server: encode websocket message", "type", typ, "err", err)
				return
			}
		}
		h.enqueue(c, frame)
	}
}

// enqueue queues a frame for c without waiting.
func (h *hub) enqueue(c *client, frame *websocket.PreparedMessage) {
	select {
	case c.send <- frame:
	default:
		h.drop(c, "slow consumer: queue full")
	}
}

// drop disconnects c as a slow consumer for reason (once).
func (h *hub) drop(c *client, reason string) {
	h.violation(c, "slow consumer", reason)
}

// violation disconnects c with 1008 and text, logging reason (once).
func (h *hub) violation(c *client, text, reason string) {
	if !c.kick(websocket.ClosePolicyViolation, text) {
		return
	}
	h.log.Warn("server: websocket subscriber dropped", "remote", c.remote, "reason", reason)
	if h.onDrop != nil {
		h.onDrop(c, reason)
	}
}

// shutdown refuses new clients, closes every connection and waits.
func (h *hub) shutdown() {
	h.mu.Lock()
	h.closed = true
	for c := range h.clients {
		c.kick(websocket.CloseGoingAway, "server shutting down")
	}
	h.mu.Unlock()
	h.wg.Wait()
}

// prepare encodes a message into a frame that every writer can share.
func prepare(msg any) (*websocket.PreparedMessage, error) {
	data, err := marshalJSON(msg)
	if err != nil {
		return nil, err
	}
	pm, err := websocket.NewPreparedMessage(websocket.TextMessage, data)
	if err != nil {
		return nil, fmt.Errorf("prepare frame: %w", err)
	}
	return pm, nil
}
