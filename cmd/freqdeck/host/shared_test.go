package host

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient/action"
)

// feedRoutes are what the trade desk's feed asks of the bot at start.
var feedRoutes = []string{"GET /show_config", "GET /status", "GET /count", "GET /profit", "GET /locks",
	"GET /balance", "GET /whitelist", "GET /logs"}

// waitFeedStarted waits until the bot has answered every first fetch.
func (h *testHost) waitFeedStarted() {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	err := h.faults.Wait(ctx, func() bool {
		for _, r := range feedRoutes {
			if h.faults.Hits(r) == 0 {
				return false
			}
		}
		return h.faults.OpenStreams() == 1
	})
	if err != nil {
		h.t.Fatalf("the feed did not start: %v (%v)", err, h.faults.Counts())
	}
}

// TestSessionsShareOneFeed: five sessions cost the bot the requests of
// one, and each late session still sees the data (and the log rows).
func TestSessionsShareOneFeed(t *testing.T) {
	t.Parallel()
	h := newTestHost(t, hostOptions{slow: true})
	first := h.login(h.operator, 120, 40)
	first.waitText("Open trades (1)")
	h.waitFeedStarted()
	one := h.faults.Counts()
	for i := range 4 {
		k := h.operator
		if i%2 == 1 {
			k = h.viewer
		}
		tm := h.login(k, 100+i, 30+i)
		tm.waitText("Open trades (1)")
		tm.waitText("Bot heartbeat")
	}
	if got := h.faults.Counts(); !maps.Equal(got, one) {
		t.Fatalf("requests with 5 sessions %v, with one %v", got, one)
	}
	if n := h.faults.OpenStreams(); n != 1 {
		t.Fatalf("%d WebSockets open, want 1", n)
	}
}

// TestInFlightAcrossSessionsAndAudit: a force-exit under way in one
// session is refused in another, the bot sees one, and the audit log
// names the key.
func TestInFlightAcrossSessionsAndAudit(t *testing.T) {
	t.Parallel()
	h := newTestHost(t, hostOptions{slow: true})
	a := h.login(h.operator, 120, 40)
	b := h.login(h.operator, 120, 40)
	a.waitText("Open trades (1)")
	b.waitText("Open trades (1)")
	release := h.faults.Hold("POST /forceexit")
	a.keys("x")
	a.waitText("Force exit")
	a.keys("y")
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	if err := h.faults.Wait(ctx, func() bool { return h.faults.Hits("POST /forceexit") == 1 }); err != nil {
		t.Fatal(err)
	}
	b.keys("x")
	b.waitText("already in progress")
	release()
	a.waitText("Created exit order for trade 1.")
	if n := h.faults.Hits("POST /forceexit"); n != 1 {
		t.Fatalf("%d force-exits reached the bot", n)
	}
	entries := readAudit(t, h.audit)
	if len(entries) < 2 {
		t.Fatalf("audit = %+v", entries)
	}
	for _, e := range entries {
		if e.Via != "host" || e.Actor == nil || e.Actor.Key != gosshFingerprint(h.operator) || e.Actor.Comment != "alice@laptop" {
			t.Fatalf("audit entry %+v (actor %+v)", e, e.Actor)
		}
	}
}

func readAudit(t *testing.T, path string) []action.Entry {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []action.Entry
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var e action.Entry
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}
