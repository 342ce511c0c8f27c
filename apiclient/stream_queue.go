package apiclient

import "sync"

// eventQueue is the bounded queue between a Stream's reader and its consumer,
// a ring of limit events. push never blocks: when the queue is full it drops
// the oldest data event (message or bad frame), or the oldest state event if
// it holds nothing else.
//
// The queue also counts the frames it takes in. Counting under the same lock
// as the push means a consumer that has popped an event always sees it in
// the counts, and counts that include a frame mean its event is queued.
type eventQueue struct {
	mu        sync.Mutex
	ring      []Event
	head, n   int
	pending   int    // dropped since the last pop
	total     uint64 // dropped in all
	frames    uint64 // data events pushed (messages and bad frames)
	badFrames uint64 // bad-frame events pushed
	ready     chan struct{}
}

func newEventQueue(limit int) *eventQueue {
	return &eventQueue{
		ring:  make([]Event, max(limit, 1)),
		ready: make(chan struct{}, 1),
	}
}

// at returns the index in ring of the i-th queued event.
func (q *eventQueue) at(i int) int { return (q.head + i) % len(q.ring) }

// push appends e, making room first if the queue is full.
func (q *eventQueue) push(e Event) {
	q.mu.Lock()
	if q.n == len(q.ring) {
		q.dropOne()
	}
	q.ring[q.at(q.n)] = e
	q.n++
	switch e.Kind {
	case EventBadFrame:
		q.badFrames++
		q.frames++
	case EventMessage:
		q.frames++
	case EventConnecting, EventConnected, EventDisconnected, EventAuthFailed:
	}
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default:
	}
}

// dropOne removes the oldest data event, or the oldest event when every
// queued event is a state event. The state events queued before the victim
// move up one slot, so the cost is the number of those (usually none). The
// caller holds mu.
func (q *eventQueue) dropOne() {
	victim := 0
	for i := range q.n {
		if !q.ring[q.at(i)].Kind.IsState() {
			victim = i
			break
		}
	}
	for i := victim; i > 0; i-- {
		q.ring[q.at(i)] = q.ring[q.at(i-1)]
	}
	q.ring[q.head] = Event{} // release the dropped message
	q.head = q.at(1)
	q.n--
	q.pending++
	q.total++
}

// pop removes the oldest event and stamps it with the drops before it.
func (q *eventQueue) pop() (Event, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.n == 0 {
		return Event{}, false
	}
	e := q.ring[q.head]
	q.ring[q.head] = Event{}
	q.head = q.at(1)
	q.n--
	e.Dropped, q.pending = q.pending, 0
	return e, true
}

// len returns the number of queued events.
func (q *eventQueue) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.n
}

// counts returns the frames and bad frames pushed and the events dropped, as
// one snapshot.
func (q *eventQueue) counts() (frames, badFrames, dropped uint64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.frames, q.badFrames, q.total
}
