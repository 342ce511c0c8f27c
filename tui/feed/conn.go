package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// ConnState is a bot's connection state as the status bar shows it.
type ConnState int

// The connection states (DESIGN.md "The live feed" 5).
const (
	// Connecting has had no answer yet.
	Connecting ConnState = iota
	// Online answers.
	Online
	// AuthFailed refuses the credentials.
	AuthFailed
	// Offline does not answer; the feed retries with a backoff.
	Offline
	// Stale answered, but not for staleAfter refresh intervals.
	Stale
)

// String implements fmt.Stringer.
func (k ConnState) String() string {
	switch k {
	case Connecting:
		return "connecting"
	case Online:
		return "online"
	case AuthFailed:
		return "auth failed"
	case Offline:
		return "offline"
	case Stale:
		return "stale"
	}
	return "unknown"
}

// Down reports whether the state is a problem worth counting on the status
// bar of another bot: offline, auth failed or stale.
func (k ConnState) Down() bool { return k == Offline || k == AuthFailed || k == Stale }

// staleAfter is how many refresh intervals without fresh data make a bot
// stale.
const staleAfter = 3

// problem classifies a failed request.
type problem int

const (
	problemNone    problem = iota
	problemServer          // the server answered with an error: it is reachable
	problemAuth            // credentials refused
	problemNetwork         // no answer: the bot is offline
)

// classify sorts an API error into a problem.
func classify(err error) problem {
	var authErr *apiclient.AuthError
	var apiErr *apiclient.APIError
	switch {
	case err == nil:
		return problemNone
	case errors.As(err, &authErr):
		return problemAuth
	case errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized:
		return problemAuth
	case errors.As(err, &apiErr):
		return problemServer
	case errors.Is(err, context.Canceled):
		return problemServer
	default:
		return problemNetwork
	}
}

// conn tracks one bot's connection: the REST side (the source of data and
// of "updated N s ago") and the WebSocket side (live or polling).
type conn struct {
	lastFresh time.Time // last successful REST answer
	restProb  problem   // problemNetwork or problemAuth while failing
	fails     int       // consecutive failed poll rounds
	retryAt   time.Time // next poll while failing
	// partial is set when the server answered some requests of a round but
	// others got no answer: the data is incomplete, so poll again soon.
	partial bool
	stream  apiclient.EventKind
}

// observe records a poll or fetch round: ok when the server answered at
// least one request, else the worst problem seen.
func (c *conn) observe(now time.Time, errs []error) {
	worst := problemNone
	answered := false
	for _, err := range errs {
		p := classify(err)
		if p == problemNone || p == problemServer {
			answered = true
			continue
		}
		worst = max(worst, p)
	}
	if answered && worst != problemAuth {
		c.lastFresh, c.restProb = now, problemNone
		c.partial = worst == problemNetwork
		if !c.partial {
			c.fails = 0
		} else {
			c.fails++
		}
		return
	}
	if worst == problemNone {
		return
	}
	c.restProb = worst
	c.fails++
}

// failing reports whether the last round failed.
func (c *conn) failing() bool { return c.restProb != problemNone }

// retrySoon reports whether the next poll should come early and fetch
// everything: the last round failed, entirely or in part.
func (c *conn) retrySoon() bool { return c.failing() || c.partial }

// retryDelay is the backoff before the next poll of a failing bot.
func (c *conn) retryDelay(lo, hi time.Duration) time.Duration {
	d := lo
	for i := 1; i < c.fails && d < hi; i++ {
		d *= 2
	}
	return min(d, hi)
}

// live reports whether the WebSocket is connected.
func (c *conn) live() bool { return c.stream == apiclient.EventConnected }

// state returns the connection state and its status-bar text. The REST
// side decides: a bot that answers is online even when its WebSocket is
// refused (then it is polled, and the text says why).
func (c *conn) state(now time.Time, refresh time.Duration) (ConnState, string) {
	wsRefused := c.stream == apiclient.EventAuthFailed
	switch {
	case c.restProb == problemAuth || (wsRefused && c.lastFresh.IsZero()):
		return AuthFailed, "auth failed"
	case c.restProb == problemNetwork:
		left := max(c.retryAt.Sub(now), 0)
		return Offline, fmt.Sprintf("offline (retrying in %ds)", int((left+time.Second-1)/time.Second))
	case c.lastFresh.IsZero():
		return Connecting, "connecting"
	case now.Sub(c.lastFresh) > staleAfter*refresh:
		return Stale, "stale"
	case c.live():
		return Online, "online"
	case wsRefused:
		return Online, "online (polling: WebSocket auth failed)"
	default:
		return Online, "online (polling)"
	}
}

// ago is "updated N s ago" text, or "" before the first answer.
func (c *conn) ago(now time.Time) string {
	if c.lastFresh.IsZero() {
		return ""
	}
	d := max(now.Sub(c.lastFresh), 0)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("updated %ds ago", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("updated %dm ago", int(d/time.Minute))
	default:
		return fmt.Sprintf("updated %dh ago", int(d/time.Hour))
	}
}
