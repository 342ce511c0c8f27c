package feed

import (
	"context"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// Bounds of a Hub.
const (
	// hubLogRows is how many recent log rows a late subscriber is given.
	hubLogRows = 500
	// subPending bounds the updates waiting for a slow subscriber; past
	// it the subscriber is given a fresh snapshot instead of them.
	subPending = 256
)

// Hub runs one feed for several consoles (the sessions of `freqdeck
// host`): it runs the feed's commands itself, on its own goroutines, and
// hands every Out to each subscriber. Ten consoles on a hub cost the bot
// what one does. It is safe for concurrent use.
type Hub struct {
	ctx     context.Context
	mu      sync.Mutex
	f       *Feed
	started bool
	subs    map[*Sub]struct{}
	logs    []apiclient.LogRow
}

// NewHub returns the hub of feed f; ctx ends its commands.
func NewHub(ctx context.Context, f *Feed) *Hub {
	return &Hub{ctx: ctx, f: f, subs: map[*Sub]struct{}{}}
}

// Start starts the feed, once; later calls do nothing.
func (h *Hub) Start() {
	h.mu.Lock()
	if h.started {
		h.mu.Unlock()
		return
	}
	h.started = true
	cmd := h.f.Start()
	h.mu.Unlock()
	h.run(cmd)
}

// run runs cmd on a goroutine and hands its message to the feed.
func (h *Hub) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() { h.deliver(cmd()) }()
}

// deliver hands one message of the feed's commands to the feed.
func (h *Hub) deliver(msg tea.Msg) {
	switch msg := msg.(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	case Msg:
		if h.ctx.Err() != nil {
			return
		}
		h.mu.Lock()
		out, next := h.f.Update(msg)
		h.broadcast(out)
		h.mu.Unlock()
		h.run(next)
	}
}

// broadcast hands out to every subscriber; h.mu is held.
func (h *Hub) broadcast(out Out) {
	if len(out.Data) == 0 && len(out.Notices) == 0 && len(out.Messages) == 0 {
		return
	}
	for _, d := range out.Data {
		if l, ok := d.(panes.LogsMsg); ok {
			h.logs = append(h.logs, l.Rows...)
			if n := len(h.logs); n > hubLogRows {
				h.logs = append([]apiclient.LogRow(nil), h.logs[n-hubLogRows:]...)
			}
		}
	}
	for s := range h.subs {
		s.push(out)
	}
}

// snapshot is the feed's data as one Out, for a console that joins late.
func (h *Hub) snapshot() Out {
	h.mu.Lock()
	defer h.mu.Unlock()
	d := h.f.Data()
	var msgs []tea.Msg
	if d.Config != nil {
		msgs = append(msgs, panes.ConfigMsg{Config: *d.Config})
	}
	if d.Trades != nil {
		msgs = append(msgs, panes.TradesMsg{Trades: d.Trades})
	}
	if d.Count != nil {
		msgs = append(msgs, panes.CountMsg{Count: *d.Count})
	}
	if d.Profit != nil {
		msgs = append(msgs, panes.ProfitMsg{Profit: *d.Profit})
	}
	if d.Locks != nil {
		msgs = append(msgs, panes.LocksMsg{Locks: d.Locks})
	}
	if d.Balance != nil {
		msgs = append(msgs, panes.BalanceMsg{Balance: *d.Balance})
	}
	if d.Whitelist != nil {
		msgs = append(msgs, panes.WhitelistMsg{Whitelist: *d.Whitelist})
	}
	if len(h.logs) > 0 {
		msgs = append(msgs, panes.LogsMsg{Rows: append([]apiclient.LogRow(nil), h.logs...)})
	}
	return Out{Data: msgs}
}

// Subscribe adds a subscriber, whose first Wait gives the data so far.
func (h *Hub) Subscribe() *Sub {
	s := &Sub{hub: h, ready: make(chan struct{}, 1), resync: true}
	s.ready <- struct{}{}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	return s
}

// Name is the feed's Name.
func (h *Hub) Name() string { h.mu.Lock(); defer h.mu.Unlock(); return h.f.Name() }

// Data is the feed's Data.
func (h *Hub) Data() Data { h.mu.Lock(); defer h.mu.Unlock(); return h.f.Data() }

// State is the feed's State.
func (h *Hub) State() string { h.mu.Lock(); defer h.mu.Unlock(); return h.f.State() }

// Conn is the feed's Conn.
func (h *Hub) Conn(now time.Time) Conn { h.mu.Lock(); defer h.mu.Unlock(); return h.f.Conn(now) }

// Hold is the feed's Hold.
func (h *Hub) Hold(rs Resources) { h.mu.Lock(); defer h.mu.Unlock(); h.f.Hold(rs) }

// do runs one of the feed's methods under the lock, and its command.
func (h *Hub) do(fn func(f *Feed) tea.Cmd) {
	h.mu.Lock()
	cmd := fn(h.f)
	h.mu.Unlock()
	h.run(cmd)
}

// Release is the feed's Release; the hub runs the refetch.
func (h *Hub) Release(rs Resources) { h.do(func(f *Feed) tea.Cmd { return f.Release(rs) }) }

// Refetch is the feed's Refetch; the hub runs it.
func (h *Hub) Refetch(rs Resources) { h.do(func(f *Feed) tea.Cmd { return f.Refetch(rs) }) }

// Report is the feed's Report; the hub runs the probe.
func (h *Hub) Report(err error) { h.do(func(f *Feed) tea.Cmd { return f.Report(err) }) }

// RefreshNow is the feed's RefreshNow; the hub runs it.
func (h *Hub) RefreshNow() { h.do(func(f *Feed) tea.Cmd { return f.RefreshNow() }) }

// SetPassword is the feed's SetPassword; the hub runs what follows.
func (h *Hub) SetPassword(p string) { h.do(func(f *Feed) tea.Cmd { return f.SetPassword(p) }) }

// Sub is one console's subscription to a Hub.
type Sub struct {
	hub     *Hub
	ready   chan struct{}
	mu      sync.Mutex
	pending []Out
	resync  bool
}

// push queues out; a subscriber too far behind gets a snapshot instead.
func (s *Sub) push(out Out) {
	s.mu.Lock()
	if !s.resync {
		s.pending = append(s.pending, out)
		if len(s.pending) > subPending {
			s.pending, s.resync = nil, true
		}
	}
	s.mu.Unlock()
	select {
	case s.ready <- struct{}{}:
	default:
	}
}

// Wait returns everything that changed since the last Wait, as one Out
// (the data so far on the first); false once ctx ends.
func (s *Sub) Wait(ctx context.Context) (Out, bool) {
	select {
	case <-s.ready:
	case <-ctx.Done():
		return Out{}, false
	}
	s.mu.Lock()
	pending, resync := s.pending, s.resync
	s.pending, s.resync = nil, false
	s.mu.Unlock()
	var out Out
	if resync {
		out = s.hub.snapshot()
	}
	for _, p := range pending {
		out.add(p)
	}
	return out, true
}

// Close ends the subscription.
func (s *Sub) Close() {
	s.hub.mu.Lock()
	delete(s.hub.subs, s)
	s.hub.mu.Unlock()
}
