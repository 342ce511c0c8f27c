package rpctest

import (
	"context"
	"encoding/binary"
	"errors"
	"testing"
	"time"
)

func TestRulesNewestFirstCountedAndTimed(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	var rs rules[string]
	rs.add(rule[string]{key: "", ans: "all", left: -1})
	rs.add(rule[string]{key: "a", ans: "a twice", left: 2})
	rs.add(rule[string]{key: "b", ans: "b for a minute", left: -1, until: t0.Add(time.Minute)})
	want := []struct {
		key  string
		at   time.Time
		want string
	}{
		{"a", t0, "a twice"}, {"b", t0, "b for a minute"}, {"a", t0, "a twice"},
		{"a", t0, "all"},                  // spent
		{"b", t0.Add(time.Minute), "all"}, // expired
		{"c", t0, "all"},
	}
	for i, w := range want {
		if got, ok := rs.match(w.key, w.at); !ok || got != w.want {
			t.Errorf("match %d (%s) = %q, %v; want %q", i, w.key, got, ok, w.want)
		}
	}
	rs.remove("")
	if got, ok := rs.match("a", t0); ok {
		t.Errorf("after removing every rule: %q", got)
	}
}

func TestHoldsWaitForRelease(t *testing.T) {
	t.Parallel()
	h := newHolds(newSignal())
	releaseA := h.hold("a")
	if !h.held("a") || h.held("b") || h.held("") {
		t.Fatal("held: want only a")
	}
	done := make(chan error, 1)
	go func() { done <- h.wait(context.Background(), "a") }()
	all := h.hold("")
	releaseA()
	releaseA() // a second call does nothing
	if !h.held("a") || !h.held("b") {
		t.Fatal("an empty key holds everything")
	}
	all()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	h.hold("c")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := h.wait(ctx, "c"); !errors.Is(err, context.Canceled) {
		t.Fatalf("wait with a cancelled context: %v", err)
	}
	h.releaseAll()
	if h.held("c") {
		t.Fatal("releaseAll left a hold")
	}
}

// clientFrame encodes one masked client frame.
func clientFrame(fin bool, op byte, payload []byte) []byte {
	b0 := op
	if fin {
		b0 |= 0x80
	}
	out := []byte{b0}
	switch n := len(payload); {
	case n < 126:
		out = append(out, 0x80|byte(n))
	case n <= 0xffff:
		out = append(out, 0x80|126)
		out = binary.BigEndian.AppendUint16(out, uint16(n))
	default:
		out = append(out, 0x80|127)
		out = binary.BigEndian.AppendUint64(out, uint64(n))
	}
	key := []byte{1, 2, 3, 4}
	out = append(out, key...)
	for i, c := range payload {
		out = append(out, c^key[i%4])
	}
	return out
}

func TestFrameDecoder(t *testing.T) {
	t.Parallel()
	long := make([]byte, 70000)
	for i := range long {
		long[i] = 'a' + byte(i%26)
	}
	var stream []byte
	stream = append(stream, clientFrame(true, opText, []byte(`{"type":"subscribe"}`))...)
	stream = append(stream, clientFrame(true, opPing, nil)...)
	stream = append(stream, clientFrame(false, opText, []byte("frag"))...)
	stream = append(stream, clientFrame(true, opContinuation, []byte("ment"))...)
	stream = append(stream, clientFrame(true, opText, long[:300])...)
	stream = append(stream, clientFrame(true, opBinary, long)...)
	stream = append(stream, clientFrame(true, opClose, []byte{0x03, 0xe8})...)

	var d frameDecoder
	var messages []string
	pings, code := 0, 0
	on := frameEvents{
		message: func(s string) { messages = append(messages, s) },
		ping:    func() { pings++ },
		close:   func(c int) { code = c },
	}
	for len(stream) > 0 { // byte runs of every size, as reads arrive
		n := min(len(stream), 1+len(messages)*7)
		d.feed(stream[:n], on)
		stream = stream[n:]
	}
	want := []string{`{"type":"subscribe"}`, "fragment", string(long[:300]), string(long)}
	if len(messages) != len(want) {
		t.Fatalf("%d messages, want %d", len(messages), len(want))
	}
	for i := range want {
		if messages[i] != want[i] {
			t.Errorf("message %d = %.40q, want %.40q", i, messages[i], want[i])
		}
	}
	if pings != 1 || code != 1000 {
		t.Errorf("pings %d, close code %d; want 1 and 1000", pings, code)
	}
}

func TestClock(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	c := NewClock(t0)
	c.Advance(90 * time.Second)
	if got := c.Now(); !got.Equal(t0.Add(90 * time.Second)) {
		t.Fatalf("Now = %v", got)
	}
}
