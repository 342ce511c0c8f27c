package feed

import (
	"fmt"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/panes"
)

// staleAfter is how many refresh intervals without a good answer make a
// bot stale while its WebSocket is down: everything is then polled every
// refresh interval, so three missed rounds mean the data is old. While the
// WebSocket is live, most data is no longer polled (changes are pushed),
// and staleness comes from unanswered requests and from the WebSocket
// falling silent (wsLife).
const staleAfter = 3

// wsLife is what the WebSocket tells of the bot: how long since it last
// received anything (a message, or the answer to its ping), and how often
// it pings. The zero value says nothing (not connected, or no stream).
type wsLife struct {
	silence time.Duration
	ping    time.Duration
}

// heard is when the WebSocket last heard from the bot, at now.
func (w wsLife) heard(now time.Time) time.Time { return now.Add(-w.silence) }

// silent reports whether a ping has gone unanswered for slow: nothing came
// for a ping interval and slow more.
func (w wsLife) silent(slow time.Duration) bool { return w.ping > 0 && w.silence >= w.ping+slow }

// secretState is where a bot's password stands.
type secretState int

const (
	// secretReady: the password is in the client (or none is needed).
	secretReady secretState = iota
	// secretResolving: its source is being asked, in the background.
	secretResolving
	// secretMissing: no source; the operator has to type it.
	secretMissing
	// secretFailed: its source failed.
	secretFailed
)

// health follows one bot's connection: the outcome of every round of
// requests, the requests under way, the WebSocket and the password. Only a
// round whose every request answered with data counts as a good answer.
type health struct {
	lastGood time.Time
	// fail is the failure of the feed as a whole (unreachable, auth, not
	// the API, server errors), FailureNone once a round answers in full.
	fail   apiclient.Failure
	reason string
	// broken holds the reason of each resource whose last answer was an
	// error, until it answers again.
	broken  [numResources]string
	fails   int       // consecutive failed rounds, for the backoff
	retryAt time.Time // next poll while failing

	stream       apiclient.EventKind
	streamReason string
	// streamLost is when the WebSocket last stopped being live: the age
	// rule of polled data counts from then at the earliest, as nothing was
	// polled for age while it was live.
	streamLost time.Time

	inflight map[uint64]time.Time // requests under way, by id, and when they left

	secret       secretState
	secretReason string
	prompt       bool // the operator may type the password

	// link is the state of the SSH link the bot is reached through; nil
	// without one.
	link *sshdial.State
}

// observe records the answers of one round of requests for want.
func (h *health) observe(now time.Time, want Resources, errs *[numResources]error) {
	transport, reason := apiclient.FailureNone, ""
	failed, answered := false, false
	for r := range numResources {
		if !want.has(r) {
			continue
		}
		switch f := apiclient.FailureOf(errs[r]); f {
		case apiclient.FailureNone:
			h.broken[r] = ""
			answered = true
		case apiclient.FailureCanceled:
			// The console is stopping: no news about the bot.
		case apiclient.FailureUnreachable, apiclient.FailureAuth, apiclient.FailureNotAPI:
			if rank(f) > rank(transport) {
				transport, reason = f, apiclient.Reason(errs[r])
			}
		case apiclient.FailureServer, apiclient.FailureOther:
			h.broken[r] = r.String() + ": " + apiclient.Reason(errs[r])
			failed = true
		}
	}
	switch {
	case transport != apiclient.FailureNone:
		h.fail, h.reason = transport, reason
		h.fails++
	case h.brokenReason() != "":
		h.fail, h.reason = apiclient.FailureServer, h.brokenReason()
		if failed {
			h.fails++
		}
	case answered:
		h.fail, h.reason, h.fails, h.retryAt = apiclient.FailureNone, "", 0, time.Time{}
		h.lastGood = now
	}
}

// observeTransport records a failure of a side request (/logs, an action)
// that says the bot cannot be reached or refuses the credentials; it
// reports whether it did.
func (h *health) observeTransport(err error) bool {
	f := apiclient.FailureOf(err)
	if f != apiclient.FailureUnreachable && f != apiclient.FailureAuth {
		return false
	}
	if rank(f) >= rank(h.fail) {
		h.fail, h.reason = f, apiclient.Reason(err)
	}
	return true
}

// rank orders the failures of the feed as a whole: the one shown is the
// one that explains the most.
func rank(f apiclient.Failure) int {
	switch f {
	case apiclient.FailureAuth:
		return 4
	case apiclient.FailureNotAPI:
		return 3
	case apiclient.FailureUnreachable:
		return 2
	case apiclient.FailureServer:
		return 1
	case apiclient.FailureNone, apiclient.FailureCanceled, apiclient.FailureOther:
	}
	return 0
}

// brokenReason is the reason of the first resource still failing, or "".
func (h *health) brokenReason() string {
	for _, r := range h.broken {
		if r != "" {
			return r
		}
	}
	return ""
}

// failing reports whether the last round failed.
func (h *health) failing() bool { return h.fail != apiclient.FailureNone }

// unreached reports whether the bot as a whole fails (unreachable, auth,
// not the API), so a retry need only probe it.
func (h *health) unreached() bool {
	return h.fail == apiclient.FailureUnreachable || h.fail == apiclient.FailureAuth || h.fail == apiclient.FailureNotAPI
}

// retryDelay is the backoff before the next poll of a failing bot: lo
// doubled per failed round up to hi; refused credentials wait at least
// auth, since retrying them soon only adds failed logins.
func (h *health) retryDelay(lo, hi, auth time.Duration) time.Duration {
	d := lo
	for i := 1; i < h.fails && d < hi; i++ {
		d *= 2
	}
	d = min(d, hi)
	if h.fail == apiclient.FailureAuth {
		d = max(d, auth)
	}
	return d
}

// latest is the later of the last good answer and t.
func (h *health) latest(t time.Time) time.Time {
	if t.After(h.lastGood) {
		return t
	}
	return h.lastGood
}

// setStream records the WebSocket's state at now.
func (h *health) setStream(k apiclient.EventKind, now time.Time) {
	if h.live() && k != apiclient.EventConnected {
		h.streamLost = now
	}
	h.stream = k
}

// live reports whether the WebSocket is connected.
func (h *health) live() bool { return h.stream == apiclient.EventConnected }

// begin records a request under way.
func (h *health) begin(id uint64, now time.Time) {
	if h.inflight == nil {
		h.inflight = map[uint64]time.Time{}
	}
	h.inflight[id] = now
}

// end records that a request came back, answered or not.
func (h *health) end(id uint64) { delete(h.inflight, id) }

// waiting is how long the oldest request under way has waited.
func (h *health) waiting(now time.Time) time.Duration {
	var oldest time.Duration
	for _, at := range h.inflight {
		oldest = max(oldest, now.Sub(at))
	}
	return oldest
}

// conn returns the connection at now. refresh is the poll interval (three
// of them without a good answer make a bot stale while its WebSocket is
// down), slow how long a request, or the WebSocket's ping, may go
// unanswered before the data counts as stale; ws is what the live
// WebSocket tells. While it is live and answers, the data is as fresh as
// its last word: any change would have been pushed.
func (h *health) conn(now time.Time, refresh, slow time.Duration, ws wsLife) Conn {
	c := Conn{Updated: h.lastGood, Live: h.live(), StreamReason: h.streamReason}
	c.State, c.Reason = h.state(now, refresh, slow, ws)
	if c.State == Online && c.Live && ws.ping > 0 && ws.heard(now).After(c.Updated) {
		c.Updated = ws.heard(now)
	}
	if st, reason, down := linkState(h.link, now); down {
		// The link's text says when it retries; the bot's own backoff
		// is moot until it is up.
		c.State, c.Reason = st, reason
		return c
	}
	if h.failing() {
		c.RetryAt = h.retryAt
	}
	c.CanPrompt = h.prompt && (c.State == AuthFailed || c.State == NoSecret)
	return c
}

// state decides the connection state and its reason.
func (h *health) state(now time.Time, refresh, slow time.Duration, ws wsLife) (ConnState, string) {
	waited := h.waiting(now)
	switch {
	case h.secret == secretFailed:
		return NoSecret, h.secretReason
	case h.secret == secretMissing:
		return NoSecret, "no password given"
	case h.secret == secretResolving:
		return Connecting, "resolving the password"
	case h.fail == apiclient.FailureAuth:
		return AuthFailed, h.reason
	case h.fail == apiclient.FailureUnreachable:
		return Offline, h.reason
	case h.failing():
		return Failing, h.reason
	case h.stream == apiclient.EventAuthFailed && h.lastGood.IsZero():
		return AuthFailed, h.streamReason
	case waited >= slow && h.lastGood.IsZero():
		return Connecting, fmt.Sprintf("no answer for %s", panes.FormatAge(waited))
	case waited >= slow:
		return Stale, fmt.Sprintf("no answer for %s", panes.FormatAge(waited))
	case h.lastGood.IsZero():
		return Connecting, ""
	case h.live() && ws.silent(slow):
		return Stale, "WebSocket silent for " + panes.FormatAge(ws.silence)
	case !h.live() && now.Sub(h.latest(h.streamLost)) > staleAfter*refresh:
		return Stale, "no fresh data for " + panes.FormatAge(now.Sub(h.lastGood))
	}
	return Online, ""
}
