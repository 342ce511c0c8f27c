package apiclient

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The stream helpers are exported for the external package apiclient_test,
// whose stream tests run against the real API server: this package's own
// tests cannot import it (server imports apiclient). Only test builds see
// them.

// waitLimit bounds every wait in the stream tests; it only fires on failure.
const waitLimit = 10 * time.Second

// FastOpts are stream options with test-sized delays.
func FastOpts() StreamOptions {
	return StreamOptions{
		MinBackoff:  time.Millisecond,
		MaxBackoff:  20 * time.Millisecond,
		AuthRetry:   5 * time.Millisecond,
		StableAfter: time.Hour,
	}
}

// StartStream starts a stream that ends with the test.
func StartStream(t *testing.T, c *Client, opts StreamOptions) *Stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := c.Stream(ctx, opts)
	t.Cleanup(func() {
		cancel()
		for range s.Events() { // drain until closed
		}
	})
	return s
}

// DrainClosed reads events until the channel closes.
func DrainClosed(t *testing.T, s *Stream) {
	t.Helper()
	timeout := time.After(waitLimit)
	for {
		select {
		case _, ok := <-s.Events():
			if !ok {
				return
			}
		case <-timeout:
			t.Fatal("timed out waiting for the events channel to close")
		}
	}
}

// NextEvent returns the next event.
func NextEvent(t *testing.T, s *Stream) Event {
	t.Helper()
	select {
	case e, ok := <-s.Events():
		if !ok {
			t.Fatal("events channel closed")
		}
		return e
	case <-time.After(waitLimit):
		t.Fatal("timed out waiting for an event")
		return Event{}
	}
}

// NextKind skips events until one of kind arrives.
func NextKind(t *testing.T, s *Stream, kind EventKind) Event {
	t.Helper()
	for {
		if e := NextEvent(t, s); e.Kind == kind {
			return e
		}
	}
}

// NextMessage skips state events until a message arrives.
func NextMessage(t *testing.T, s *Stream) Message {
	t.Helper()
	return NextKind(t, s, EventMessage).Msg
}

// PollUntil polls cond until it holds. It is for conditions nothing
// announces (goroutines ending, counters of the stream).
func PollUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		<-tick.C
	}
}

// StreamGoroutines lists the goroutines running this package's stream code.
func StreamGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var found []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "apiclient.(*Stream)") || strings.Contains(g, "apiclient.(*session)") {
			found = append(found, g)
		}
	}
	return found
}

// AsMsg is asMsg for the external tests.
func AsMsg[T Message](t *testing.T, m Message) T {
	t.Helper()
	return asMsg[T](t, m)
}

// WantField is wantField for the external tests.
func WantField[V any](t *testing.T, field string, got, want V) {
	t.Helper()
	wantField(t, field, got, want)
}

// SubscribeFrame is the subscribe frame of types, as the stream sends it.
func SubscribeFrame(t *testing.T, types ...MessageType) string {
	t.Helper()
	return string(jsonOf(t, WSRequest{Type: ReqSubscribe, Data: jsonOf(t, types)}))
}
