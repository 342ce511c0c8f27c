package apiclient

import (
	"math/rand/v2"
	"testing"
)

func dataEvent(n int) Event { return Event{Kind: EventMessage, Attempt: n} }

func stateEvent(n int) Event { return Event{Kind: EventConnecting, Attempt: n} }

// drain pops every queued event as (kind, n, dropped) triples.
func drain(q *eventQueue) [][3]int {
	var out [][3]int
	for {
		e, ok := q.pop()
		if !ok {
			return out
		}
		out = append(out, [3]int{int(e.Kind), e.Attempt, e.Dropped})
	}
}

func TestEventQueueDropsOldestData(t *testing.T) {
	t.Parallel()
	q := newEventQueue(4)
	for i := range 9 {
		q.push(dataEvent(i))
	}
	m := int(EventMessage)
	wantField(t, "popped", drain(q), [][3]int{{m, 5, 5}, {m, 6, 0}, {m, 7, 0}, {m, 8, 0}})
	frames, bad, dropped := q.counts()
	wantField(t, "counts (frames, bad, dropped)", [3]uint64{frames, bad, dropped}, [3]uint64{9, 0, 5})
}

func TestEventQueueKeepsStateEvents(t *testing.T) {
	t.Parallel()
	q := newEventQueue(4)
	q.push(stateEvent(1))
	q.push(dataEvent(1))
	q.push(dataEvent(2))
	q.push(dataEvent(3))
	q.push(stateEvent(2)) // drops data 1
	q.push(dataEvent(4))  // drops data 2
	m, s := int(EventMessage), int(EventConnecting)
	wantField(t, "popped", drain(q), [][3]int{{s, 1, 2}, {m, 3, 0}, {s, 2, 0}, {m, 4, 0}})
}

func TestEventQueueAllStateDropsOldest(t *testing.T) {
	t.Parallel()
	q := newEventQueue(2)
	for i := 1; i <= 3; i++ {
		q.push(stateEvent(i))
	}
	s := int(EventConnecting)
	wantField(t, "popped", drain(q), [][3]int{{s, 2, 1}, {s, 3, 0}})
}

// TestEventQueueMatchesModel checks the ring against a plain slice model of
// the same policy over random pushes and pops (including wrap-around).
func TestEventQueueMatchesModel(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	const limit = 5
	q := newEventQueue(limit)
	var model []Event
	pending := 0
	for i := range 5000 {
		if rng.IntN(3) > 0 {
			e := dataEvent(i)
			if rng.IntN(4) == 0 {
				e = stateEvent(i)
			}
			if len(model) == limit {
				victim := 0
				for j, m := range model {
					if !m.Kind.IsState() {
						victim = j
						break
					}
				}
				model = append(model[:victim], model[victim+1:]...)
				pending++
			}
			model = append(model, e)
			q.push(e)
			continue
		}
		got, ok := q.pop()
		if ok != (len(model) > 0) {
			t.Fatalf("step %d: pop ok = %v with %d modelled", i, ok, len(model))
		}
		if !ok {
			continue
		}
		want := model[0]
		model = model[1:]
		want.Dropped, pending = pending, 0
		if got != want {
			t.Fatalf("step %d: popped %+v, want %+v", i, got, want)
		}
		if q.len() != len(model) {
			t.Fatalf("step %d: len %d, want %d", i, q.len(), len(model))
		}
	}
}

func BenchmarkEventQueuePushPop(b *testing.B) {
	q := newEventQueue(DefaultStreamBuffer)
	e := dataEvent(1)
	for b.Loop() {
		q.push(e)
		q.pop()
	}
}

func BenchmarkEventQueueFloodFull(b *testing.B) {
	q := newEventQueue(DefaultStreamBuffer)
	q.push(stateEvent(0))
	e := dataEvent(1)
	for b.Loop() {
		q.push(e)
	}
}
