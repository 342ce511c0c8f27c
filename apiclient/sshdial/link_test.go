package sshdial_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/apiclient/sshdial/sshtest"
)

// TestDeadLinkFoundByKeepalive: answered keepalives keep the link; a server
// that stops answering is declared down within 15 s, and the host
// reconnects after the backoff it announced.
func TestDeadLinkFoundByKeepalive(t *testing.T) {
	t.Parallel()
	e, srv := agentBox(t)
	web := backend(t)
	clock := newFakeClock()
	h := host(t, e.pool(func(o *sshdial.Options) { o.Clock = clock }), "box")
	waitPhase(t, h, sshdial.PhaseConnected)

	for i := range int64(6) { // a minute-long quiet but live link
		if d := clock.Fire(t); d != sshdial.DefaultKeepaliveInterval {
			t.Fatalf("tick %d after %s", i, d)
		}
		waitFor(t, "keepalive answered", func() bool { return h.KeepalivesAnswered() == i+1 })
	}
	if st := h.State(); st.Phase != sshdial.PhaseConnected {
		t.Fatalf("a live link went %s", st)
	}

	srv.Mute(true) // the link dies silently
	var silent time.Duration
	for range 4 {
		d := clock.Fire(t)
		if d != sshdial.DefaultKeepaliveInterval {
			t.Fatalf("after %s of silence the next wait was %s, not a keepalive tick", silent, d)
		}
		silent += d
	}
	st := waitPhase(t, h, sshdial.PhaseRetrying)
	if silent > 15*time.Second {
		t.Fatalf("dead link found after %s, want <= 15 s", silent)
	}
	if !errors.Is(st.Err, sshdial.ErrLinkDown) {
		t.Fatalf("reason %v", st.Err)
	}
	want := fmt.Sprintf("ssh: link down, retrying in %d s", int((st.Delay+time.Second-1)/time.Second))
	if st.String() != want {
		t.Fatalf("state %q, want %q", st, want)
	}
	if _, err := h.DialContext(ctxT(t), "tcp", "127.0.0.1:80"); err == nil || err.Error() != want {
		t.Fatalf("dial while down: %v, want %q", err, want)
	}

	srv.Mute(false)
	if d := clock.Fire(t); d != st.Delay {
		t.Fatalf("waited %s, the state said %s", d, st.Delay)
	}
	waitPhase(t, h, sshdial.PhaseConnected)
	if got := get(t, h, web.URL+"/back"); got != "hello /back" {
		t.Fatalf("body %q", got)
	}
	if srv.Conns() != 2 {
		t.Fatalf("server saw %d connections, want 2", srv.Conns())
	}
}

// waitFor polls cond, which other goroutines make true, until waitLimit.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond) // a poll interval; no timing is asserted
	}
}

// TestCloseEndsEverything: Close ends open tunnels and leaves no goroutine.
// Not parallel: it counts every goroutine of the package.
func TestCloseEndsEverything(t *testing.T) {
	e, _ := agentBox(t)
	web := backend(t)
	p := sshdial.NewPool(e.opts)
	h := host(t, p, "box")
	conn, err := h.DialContext(ctxT(t), "tcp", strings.TrimPrefix(web.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.SetReadDeadline(time.Now().Add(waitLimit)); err != nil {
		t.Fatalf("tunnels must take deadlines (WebSocket keepalives need them): %v", err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Read(make([]byte, 1)); err == nil {
		t.Fatal("a tunnel is still open after Close")
	}
	noGoroutinesLeft(t)
	if _, err := p.Host("other"); !errors.Is(err, sshdial.ErrClosed) {
		t.Fatalf("Host after Close: %v", err)
	}
}

// TestUnreachableBacksOff: a host that refuses connections is retried
// after 1, 2, 4, … s up to the cap, each wait announced in the state, and
// Retry cuts a wait short.
func TestUnreachableBacksOff(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	port := sshtest.RefusedPort(t) // bound, never listening: refuses
	e.config("Host gone", "  HostName 127.0.0.1", fmt.Sprintf("  Port %d", port))
	clock := newFakeClock()
	h := host(t, e.pool(func(o *sshdial.Options) {
		o.Clock = clock
		o.Jitter = -1
		o.MaxBackoff = 8 * time.Second
	}), "gone")

	for _, want := range []int{1, 2, 4, 8, 8} {
		st := waitPhase(t, h, sshdial.PhaseRetrying)
		text := fmt.Sprintf("ssh: cannot reach 127.0.0.1:%d (connection refused), retrying in %d s", port, want)
		if st.String() != text {
			t.Fatalf("state %q, want %q", st, text)
		}
		_, changed := h.Watch() // Retrying lasts until the timer fires
		if d := clock.Fire(t); d != time.Duration(want)*time.Second {
			t.Fatalf("waited %s, want %d s", d, want)
		}
		<-changed
	}
	st := waitPhase(t, h, sshdial.PhaseRetrying)
	if got := st.Text(st.Since.Add(2500 * time.Millisecond)); !strings.HasSuffix(got, "retrying in 6 s") {
		t.Fatalf("countdown %q", got)
	}
	_, changed := h.Watch()
	h.Retry() // no clock advance: the wait ends at once
	select {
	case <-changed:
	case <-time.After(waitLimit):
		t.Fatal("Retry did not start an attempt")
	}
}
