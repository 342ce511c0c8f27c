package apiclient

import (
	"errors"
	"strconv"
	"testing"
	"time"
)

// The stream tests here need frames the real server cannot send, or a server
// that misbehaves: they run against the hand-written fakeBot. The other
// stream tests run against the real server (stream_test.go).

func TestStreamDecodesEveryMessageType(t *testing.T) {
	t.Parallel()
	bot := newFakeBot(t, false)
	s := StartStream(t, bot.client(t), StreamOptions{Logs: true})
	sc := bot.accept(t)
	fixtures := wsFixtures()
	frames := make([][]byte, 0, len(fixtures)+1)
	for i, fx := range fixtures {
		if i == 3 {
			frames = append(frames, []byte(`{"type": "entry", "trade_id": "seven"}`))
		}
		frames = append(frames, loadWSFixture(t, fx.name))
	}
	go func() {
		for _, f := range frames {
			if err := sc.write(f); err != nil {
				t.Errorf("server write: %v", err)
				return
			}
		}
	}()
	for i, fx := range fixtures {
		if i == 3 {
			e := NextKind(t, s, EventBadFrame)
			if !errors.Is(e.Err, ErrBadMessage) {
				t.Errorf("bad frame error = %v, want ErrBadMessage", e.Err)
			}
		}
		e := NextEvent(t, s)
		for e.Kind.IsState() {
			e = NextEvent(t, s)
		}
		if e.Kind != EventMessage {
			t.Fatalf("%s: event %v (%v), want a message", fx.name, e.Kind, e.Err)
		}
		if e.Time.IsZero() {
			t.Errorf("%s: event has no receive time", fx.name)
		}
		t.Run(fx.name, func(t *testing.T) { fx.check(t, e.Msg) })
	}
	st := s.Stats()
	if st.BadFrames != 1 || st.Frames != uint64(len(fixtures)+1) || st.Connects != 1 {
		t.Errorf("stats = %+v, want 1 bad frame of %d and 1 connect", st, len(fixtures)+1)
	}
}

func TestStreamKeepaliveDropsSilentConnection(t *testing.T) {
	t.Parallel()
	bot := newFakeBot(t, true)
	opts := FastOpts()
	opts.PingInterval, opts.PongTimeout = 10*time.Millisecond, 40*time.Millisecond
	s := StartStream(t, bot.client(t), opts)
	bot.accept(t)
	e := NextKind(t, s, EventDisconnected)
	if !errors.Is(e.Err, ErrKeepalive) {
		t.Fatalf("disconnect reason = %v, want ErrKeepalive", e.Err)
	}
	bot.accept(t)
	NextKind(t, s, EventConnected)
	// The client pings every connection; the server may read the first
	// ping only after the client gave up on a loaded machine, so wait for
	// one instead of counting at the disconnect.
	select {
	case <-bot.pinged:
	case <-time.After(waitLimit):
		t.Error("the server saw no ping")
	}
}

func TestStreamSlowConsumer(t *testing.T) {
	t.Parallel()
	const flood, buffer = 2000, 16
	bot := newFakeBot(t, false)
	opts := FastOpts()
	opts.Buffer = buffer
	s := StartStream(t, bot.client(t), opts)
	sc := bot.accept(t)
	// Read the subscribe frame first: closing a socket with unread input
	// sends a reset, which can discard the flood in the client's buffer.
	sc.frame(t)
	for i := range flood {
		sc.send(t, []byte(`{"type":"status","status":"`+strconv.Itoa(i)+`"}`))
	}
	_ = sc.ws.Close()
	bot.accept(t).send(t, []byte(`{"type":"status","status":"final"}`))
	PollUntil(t, "every frame read", func() bool { return s.Stats().Frames == flood+1 })
	if n := s.queue.len(); n > buffer {
		t.Fatalf("queue holds %d events, more than its %d", n, buffer)
	}

	var kinds []EventKind
	var statuses []string
	dropped := 0
	for len(statuses) == 0 || statuses[len(statuses)-1] != "final" {
		e := NextEvent(t, s)
		dropped += e.Dropped
		kinds = append(kinds, e.Kind)
		if e.Kind == EventMessage {
			statuses = append(statuses, asMsg[StatusMsg](t, e.Msg).Status)
		}
	}
	if len(kinds) > buffer+1 {
		t.Errorf("delivered %d events, want at most the buffer plus one in hand (%d)", len(kinds), buffer+1)
	}
	wantField(t, "dropped + delivered messages", dropped+len(statuses), flood+1)
	wantField(t, "Stats().Dropped", s.Stats().Dropped, uint64(dropped))
	var states []EventKind
	for _, k := range kinds {
		if k.IsState() {
			states = append(states, k)
		}
	}
	wantField(t, "state events", states, []EventKind{EventConnecting, EventConnected, EventDisconnected, EventConnecting, EventConnected})
	// The newest flood messages survive, in order, right before "final".
	tail := statuses[len(statuses)-4 : len(statuses)-1]
	wantField(t, "newest kept", tail, []string{strconv.Itoa(flood - 3), strconv.Itoa(flood - 2), strconv.Itoa(flood - 1)})
}
