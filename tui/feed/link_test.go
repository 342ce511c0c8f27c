package feed

import (
	"errors"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
)

// TestConnLinkStates: while the SSH link is not connected, the bot's
// state is the link's, worded as sshdial words it (with its own retry
// countdown), whatever the bot's requests failed with; once it is up, the
// bot's answers decide again.
func TestConnLinkStates(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	authErr := errors.New("ssh: auth failed (tried agent, ~/.ssh/id_ed25519)")
	cases := []struct {
		link  sshdial.State
		state ConnState
		text  string
	}{
		{sshdial.State{Phase: sshdial.PhaseConnecting, Since: now}, Connecting, "connecting: ssh: connecting"},
		{sshdial.State{Phase: sshdial.PhaseRetrying, Err: sshdial.ErrLinkDown, Delay: 8 * time.Second, Since: now}, Offline,
			"offline: ssh: link down, retrying in 8 s"},
		{sshdial.State{Phase: sshdial.PhaseAuthFailed, Err: authErr, Since: now}, AuthFailed,
			"auth failed: ssh: auth failed (tried agent, ~/.ssh/id_ed25519)"},
		{sshdial.State{Phase: sshdial.PhaseConnected, Since: now}, Offline, "offline: connection refused (retrying in 3s)"},
	}
	for _, c := range cases {
		h := health{prompt: true}
		h.observe(now, allResources, round(allResources, fmt.Errorf("GET /status: %w", syscall.ECONNREFUSED)))
		h.retryAt = now.Add(3 * time.Second)
		h.link = &c.link
		got := h.conn(now, 5*time.Second, 2*time.Second, wsLife{})
		if got.State != c.state || got.Text(now) != c.text || got.CanPrompt {
			t.Errorf("link %s: got %s %q (prompt %v), want %s %q", c.link.Phase, got.State, got.Text(now), got.CanPrompt, c.state, c.text)
		}
	}
}
