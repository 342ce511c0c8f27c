package apiclient

import (
	"testing"
	"time"
)

func TestBackoffBase(t *testing.T) {
	t.Parallel()
	want := []time.Duration{
		500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second,
		8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second,
	}
	for i, w := range want {
		wantField(t, "backoff "+time.Duration(i+1).String(), backoffBase(i+1, defaultMinBackoff, defaultMaxBackoff), w)
	}
	wantField(t, "huge n", backoffBase(1<<30, defaultMinBackoff, defaultMaxBackoff), defaultMaxBackoff)
}

func TestApplyJitter(t *testing.T) {
	t.Parallel()
	d, ceiling := 10*time.Second, 11*time.Second
	cases := []struct {
		r    float64
		want time.Duration
	}{
		{0, 8 * time.Second},
		{0.25, 9 * time.Second},
		{0.5, 10 * time.Second},
		{0.9999, 11 * time.Second}, // 12 s, capped
	}
	for _, c := range cases {
		wantField(t, "jitter", applyJitter(d, 0.2, c.r, ceiling), c.want)
	}
	wantField(t, "no jitter", applyJitter(d, 0, 0.9, ceiling), d)
}

func TestRetryDelayBounds(t *testing.T) {
	t.Parallel()
	o := StreamOptions{}.withDefaults()
	for n := 1; n <= 10; n++ {
		base := backoffBase(n, o.MinBackoff, o.MaxBackoff)
		for range 200 {
			d := o.retryDelay(n, false)
			if d < base*8/10 || d > min(base*12/10, o.MaxBackoff) {
				t.Fatalf("attempt %d: delay %v outside ±20%% of %v (cap %v)", n, d, base, o.MaxBackoff)
			}
			a := o.retryDelay(n, true)
			if a < o.AuthRetry*8/10 || a > o.AuthRetry*12/10 {
				t.Fatalf("attempt %d: auth delay %v, want about %v", n, a, o.AuthRetry)
			}
		}
	}
}

func TestStreamOptionsDefaults(t *testing.T) {
	t.Parallel()
	o := StreamOptions{}.withDefaults()
	wantField(t, "types", o.Types, StandardMessageTypes())
	wantField(t, "buffer", o.Buffer, DefaultStreamBuffer)
	wantField(t, "backoff", [2]time.Duration{o.MinBackoff, o.MaxBackoff}, [2]time.Duration{500 * time.Millisecond, 30 * time.Second})
	wantField(t, "jitter", o.Jitter, 0.2)
	wantField(t, "keepalive", [2]time.Duration{o.PingInterval, o.PongTimeout}, [2]time.Duration{15 * time.Second, 10 * time.Second})

	o = StreamOptions{Jitter: -1, MinBackoff: time.Minute, MaxBackoff: time.Second}.withDefaults()
	wantField(t, "negative jitter", o.Jitter, 0.0)
	wantField(t, "max raised to min", o.MaxBackoff, time.Minute)
}

func TestStreamOptionsSubscriptions(t *testing.T) {
	t.Parallel()
	future := MessageType("future_type")
	cases := map[string]struct {
		opts StreamOptions
		want [][]MessageType
	}{
		"standard only": {
			StreamOptions{Types: []MessageType{MsgEntry, MsgEntry, MsgExit}},
			[][]MessageType{{MsgEntry, MsgExit}},
		},
		"logs": {
			StreamOptions{Types: []MessageType{MsgEntry}, Logs: true},
			[][]MessageType{{MsgEntry}, {MsgEntry, MsgLog}},
		},
		"non-standard type in Types": {
			StreamOptions{Types: []MessageType{future, MsgStatus}},
			[][]MessageType{{MsgStatus}, {future, MsgStatus}},
		},
		"extension only": {
			StreamOptions{Types: []MessageType{}, Logs: true},
			[][]MessageType{{MsgLog}},
		},
	}
	for name, c := range cases {
		wantField(t, name, c.opts.subscriptions(), c.want)
	}
}

func TestEventKind(t *testing.T) {
	t.Parallel()
	states := map[EventKind]bool{
		EventMessage: false, EventBadFrame: false, EventConnecting: true,
		EventConnected: true, EventDisconnected: true, EventAuthFailed: true,
	}
	for k, state := range states {
		if k.IsState() != state {
			t.Errorf("%v.IsState() = %v", k, !state)
		}
	}
	wantField(t, "name", EventAuthFailed.String(), "auth failed")
	wantField(t, "unknown", EventKind(42).String(), "EventKind(42)")
}
