package feed

import (
	"fmt"
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// round is the errors of one round of requests for want: err for each.
func round(want Resources, err error) *[numResources]error {
	var errs [numResources]error
	for r := range numResources {
		if want.has(r) {
			errs[r] = err
		}
	}
	return &errs
}

// TestConnStates walks a bot through the states: only a round answered in
// full refreshes "updated"; a server error, a refused connection and a
// refused password each show with their reason.
func TestConnStates(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	refresh, slow := 5*time.Second, 2*time.Second
	refused := fmt.Errorf("GET /status: %w", syscall.ECONNREFUSED)
	authErr := &apiclient.APIError{Status: http.StatusUnauthorized, Message: "Unauthorized"}
	srvErr := &apiclient.APIError{Status: http.StatusInternalServerError, Message: "Internal Server Error"}

	var h health
	check := func(at time.Time, state ConnState, text, ago string) {
		t.Helper()
		c := h.conn(at, refresh, slow, wsLife{})
		if c.State != state || c.Text(at) != text || c.Ago(at) != ago {
			t.Fatalf("got %s %q %q, want %s %q %q", c.State, c.Text(at), c.Ago(at), state, text, ago)
		}
	}
	check(now, Connecting, "connecting", "")
	h.observe(now, allResources, round(allResources, nil))
	check(now, Online, "online (polling)", "updated 0s ago")
	h.stream = apiclient.EventConnected
	check(now.Add(3*time.Second), Online, "online", "updated 3s ago")

	// 500s: failing at once, and "updated" stays where it was.
	h.observe(now.Add(4*time.Second), TradeData, round(TradeData, srvErr))
	h.retryAt = now.Add(6 * time.Second)
	check(now.Add(5*time.Second), Failing, "failing: /status: 500 Internal Server Error (retrying in 1s)", "updated 5s ago")
	h.retryAt = time.Time{}
	// A round that answers only part of what failed is still failing.
	h.observe(now.Add(6*time.Second), 1<<resStatus, round(1<<resStatus, nil))
	check(now.Add(6*time.Second), Failing, "failing: /count: 500 Internal Server Error", "updated 6s ago")
	h.observe(now.Add(7*time.Second), TradeData, round(TradeData, nil))
	check(now.Add(7*time.Second), Online, "online", "updated 0s ago")

	later := now.Add(14 * time.Second)
	h.observe(later, allResources, round(allResources, refused))
	check(later, Offline, "offline: connection refused", "updated 7s ago")
	h.observe(later, ConfigData, round(ConfigData, authErr))
	check(later, AuthFailed, "auth failed: 401 wrong username or password", "updated 7s ago")
}

// TestConnSlowAndStale: a request unanswered for SlowAfter makes the data
// stale (or says so while connecting). While the WebSocket is live, data
// is as fresh as its last word and goes stale when its ping goes
// unanswered; while it is down, no good answer for three refresh intervals
// (counted from when it went down at the earliest) makes the data stale.
func TestConnSlowAndStale(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	refresh, slow := 5*time.Second, 2*time.Second
	var h health
	h.begin(1, now)
	if c := h.conn(now.Add(3*time.Second), refresh, slow, wsLife{}); c.State != Connecting || c.Reason != "no answer for 3s" {
		t.Fatalf("first request unanswered: %s %q", c.State, c.Reason)
	}
	h.end(1)
	h.observe(now, ConfigData, round(ConfigData, nil))
	h.setStream(apiclient.EventConnected, now)
	h.begin(2, now.Add(time.Second))
	if c := h.conn(now.Add(2*time.Second), refresh, slow, wsLife{}); c.State != Online {
		t.Fatalf("a request a second old: %s", c.State)
	}
	if c := h.conn(now.Add(3*time.Second), refresh, slow, wsLife{}); c.State != Stale || c.Text(now.Add(3*time.Second)) != "stale: no answer for 2s" {
		t.Fatalf("a request two seconds old: %s %q", c.State, c.Text(now.Add(3*time.Second)))
	}
	h.end(2)

	// Live: a minute without a poll is fresh while the WebSocket heard the
	// bot 3 s ago, and "updated" says so.
	later := now.Add(time.Minute)
	ws := wsLife{silence: 3 * time.Second, ping: 15 * time.Second}
	if c := h.conn(later, refresh, slow, ws); c.State != Online || c.Ago(later) != "updated 3s ago" {
		t.Fatalf("live, WebSocket heard 3s ago: %s %q", c.State, c.Ago(later))
	}
	ws.silence = 17 * time.Second // the ping at 15 s got no answer for 2 s
	if c := h.conn(later, refresh, slow, ws); c.State != Stale || c.Reason != "WebSocket silent for 17s" {
		t.Fatalf("live, ping unanswered: %s %q", c.State, c.Reason)
	}

	// Down: polled data counts from the drop, not from the last poll.
	h.setStream(apiclient.EventDisconnected, later)
	if c := h.conn(later.Add(time.Second), refresh, slow, wsLife{}); c.State != Online {
		t.Fatalf("a second after the WebSocket dropped: %s %q", c.State, c.Reason)
	}
	if c := h.conn(later.Add(16*time.Second), refresh, slow, wsLife{}); c.State != Stale || c.Reason != "no fresh data for 1m" {
		t.Fatalf("no answer for three refreshes after the drop: %s %q", c.State, c.Reason)
	}
}

// TestRetryDelay: the backoff doubles per failed round up to its cap, and
// refused credentials wait at least the auth delay.
func TestRetryDelay(t *testing.T) {
	t.Parallel()
	h := health{fail: apiclient.FailureUnreachable}
	for fails, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 9: 8 * time.Second} {
		h.fails = fails
		if got := h.retryDelay(time.Second, 8*time.Second, time.Minute); got != want {
			t.Errorf("%d fails: %s, want %s", fails, got, want)
		}
	}
	h.fail, h.fails = apiclient.FailureAuth, 1
	if got := h.retryDelay(time.Second, 8*time.Second, time.Minute); got != time.Minute {
		t.Errorf("auth: %s, want a minute", got)
	}
}

// TestConnDown: which states another bot's status bar counts.
func TestConnDown(t *testing.T) {
	t.Parallel()
	for k, down := range map[ConnState]bool{Connecting: false, Online: false, AuthFailed: true, Offline: true, Stale: true, Failing: true, NoSecret: true} {
		if k.Down() != down || k.Fresh() != (k == Online) {
			t.Errorf("%s: Down %v Fresh %v", k, k.Down(), k.Fresh())
		}
	}
}
