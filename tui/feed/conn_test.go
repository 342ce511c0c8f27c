package feed

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

func TestConnStates(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	refresh := 5 * time.Second
	netErr := fmt.Errorf("GET /status: %w", io.ErrUnexpectedEOF)
	authErr := &apiclient.APIError{Status: http.StatusUnauthorized, Message: "Unauthorized"}
	srvErr := &apiclient.APIError{Status: http.StatusBadGateway, Message: "trader is not running"}

	var c conn
	if k, _ := c.state(now, refresh); k != Connecting {
		t.Fatalf("new conn = %s", k)
	}
	c.observe(now, []error{nil, srvErr})
	if k, text := c.state(now, refresh); k != Online || text != "online (polling)" {
		t.Fatalf("answered = %s %q", k, text)
	}
	c.stream = apiclient.EventConnected
	if _, text := c.state(now.Add(3*time.Second), refresh); text != "online" || c.ago(now.Add(3*time.Second)) != "updated 3s ago" {
		t.Fatalf("live = %q %q", text, c.ago(now.Add(3*time.Second)))
	}
	if k, _ := c.state(now.Add(16*time.Second), refresh); k != Stale {
		t.Fatalf("after 16s = %s, want stale", k)
	}
	c.observe(now, []error{netErr, netErr})
	c.retryAt = now.Add(4 * time.Second)
	if k, text := c.state(now, refresh); k != Offline || text != "offline (retrying in 4s)" {
		t.Fatalf("down = %s %q", k, text)
	}
	if d := c.retryDelay(time.Second, 30*time.Second); d != time.Second {
		t.Fatalf("first retry delay %s", d)
	}
	c.observe(now, []error{netErr})
	c.observe(now, []error{netErr})
	if d := c.retryDelay(time.Second, 3*time.Second); d != 3*time.Second {
		t.Fatalf("capped retry delay %s", d)
	}
	c.observe(now, []error{authErr})
	if k, _ := c.state(now, refresh); k != AuthFailed {
		t.Fatalf("401 = %s", k)
	}
	c.observe(now, []error{nil, netErr})
	if k, _ := c.state(now, refresh); k != Online || !c.retrySoon() {
		t.Fatalf("partial answer = %s, retrySoon %v", k, c.retrySoon())
	}
	if classify(&apiclient.AuthError{Reason: "refused"}) != problemAuth || classify(errors.New("dial")) != problemNetwork {
		t.Fatal("classify")
	}
}
