package feed

import (
	"fmt"
	"time"

	"github.com/freqdeck/freqdeck/panes"
)

// ConnState is a bot's connection state.
type ConnState int

// The connection states (DESIGN.md "The live feed" 5).
const (
	// Connecting has had no answer yet: the first requests are under way,
	// or the password is being resolved.
	Connecting ConnState = iota
	// Online answers, and the data is fresh.
	Online
	// AuthFailed refuses the credentials.
	AuthFailed
	// Offline does not answer (refused, reset, timed out, TLS failed); the
	// feed retries with a backoff.
	Offline
	// Stale answered before, but its data is not fresh now: a request has
	// gone unanswered for a while, or nothing came for staleAfter refresh
	// intervals.
	Stale
	// Failing answers, but not with data: server errors, or pages that are
	// not the freqtrade API.
	Failing
	// NoSecret has no password to use: its source failed (a password_cmd
	// that fails or hangs, an unset password_env), or none is configured
	// and the operator has not typed one. Nothing is requested.
	NoSecret
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
	case Failing:
		return "failing"
	case NoSecret:
		return "secret unavailable"
	}
	return "unknown"
}

// Fresh reports whether data shown in this state can be trusted as
// current: only Online.
func (k ConnState) Fresh() bool { return k == Online }

// Down reports whether the state is a problem worth counting on the status
// bar of another bot: anything but online and connecting.
func (k ConnState) Down() bool { return k != Online && k != Connecting }

// Conn is a bot's connection as a console shows it: the state, why, and
// how fresh the data is. A console reads it on every frame; an action on a
// bot that is not Fresh deserves a second look.
type Conn struct {
	// State is the connection state.
	State ConnState
	// Reason says why the state is not Online, in a few words an operator
	// can act on: "connection refused", "401 wrong username or password",
	// "TLS: unknown certificate authority", "not a freqtrade API: got
	// HTML", "no answer for 3s", "password_cmd: exit status 1". It is ""
	// when there is nothing to say.
	Reason string
	// Updated is the time of the last good answer: a round of requests
	// that all answered with data. Zero before the first.
	Updated time.Time
	// RetryAt is when a failing feed tries again; zero when it does not
	// wait to retry.
	RetryAt time.Time
	// Live reports that the WebSocket is connected, so changes are pushed
	// rather than only polled.
	Live bool
	// StreamReason says why the WebSocket is not connected, when known
	// ("WebSocket auth failed").
	StreamReason string
	// CanPrompt reports that the operator may type the password
	// (Feed.SetPassword): the bot is interactive, and the password is
	// missing or refused.
	CanPrompt bool
}

// Text is the connection as the status bar writes it: "online",
// "online (polling: WebSocket auth failed)", "offline: connection refused
// (retrying in 3s)", "auth failed: 401 wrong username or password".
func (c Conn) Text(now time.Time) string {
	text := c.State.String()
	switch {
	case c.State == Online && c.Live:
		return text
	case c.State == Online && c.StreamReason != "":
		return text + " (polling: " + c.StreamReason + ")"
	case c.State == Online:
		return text + " (polling)"
	case c.Reason != "":
		text += ": " + c.Reason
	}
	switch left := c.RetryAt.Sub(now); {
	case c.RetryAt.IsZero() || c.State == NoSecret:
	case left > 0:
		text += fmt.Sprintf(" (retrying in %ds)", int((left+time.Second-1)/time.Second))
	default:
		text += " (retrying…)" // the retry is under way
	}
	return text
}

// Age is how long ago the last good answer came, or 0 before the first.
func (c Conn) Age(now time.Time) time.Duration {
	if c.Updated.IsZero() {
		return 0
	}
	return max(now.Sub(c.Updated), 0)
}

// Ago is the "updated N s ago" text, or "" before the first good answer.
func (c Conn) Ago(now time.Time) string {
	if c.Updated.IsZero() {
		return ""
	}
	return "updated " + panes.FormatAge(c.Age(now)) + " ago"
}
