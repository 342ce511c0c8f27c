package sshdial

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Phase is where a Host's connection stands.
type Phase int

// The phases of a Host.
const (
	// PhaseConnecting: an attempt is under way (dialing, handshake, auth,
	// possibly waiting for a passphrase).
	PhaseConnecting Phase = iota
	// PhaseConnected: the link is up; DialContext goes through it.
	PhaseConnected
	// PhaseRetrying: the host could not be reached or the link dropped; the
	// next attempt is after State.Delay.
	PhaseRetrying
	// PhaseHostKeyUnknown: known_hosts has no key for the host. State.Err
	// is a *HostKeyUnknownError; Pool.Trust accepts the key.
	PhaseHostKeyUnknown
	// PhaseHostKeyChanged: the host's key differs from known_hosts.
	// State.Err is a *HostKeyChangedError. Nothing here overrides it.
	PhaseHostKeyChanged
	// PhaseAuthFailed: every key was refused. State.Err is an *AuthError.
	PhaseAuthFailed
	// PhaseClosed: the Pool was closed.
	PhaseClosed
)

// String returns the phase's name.
func (p Phase) String() string {
	switch p {
	case PhaseConnecting:
		return "connecting"
	case PhaseConnected:
		return "connected"
	case PhaseRetrying:
		return "retrying"
	case PhaseHostKeyUnknown:
		return "host key unknown"
	case PhaseHostKeyChanged:
		return "host key changed"
	case PhaseAuthFailed:
		return "auth failed"
	case PhaseClosed:
		return "closed"
	default:
		return fmt.Sprintf("Phase(%d)", int(p))
	}
}

// NeedsOperator reports whether only the operator can end this phase
// (trusting or fixing a host key, providing a key): retries still run, but
// slowly.
func (p Phase) NeedsOperator() bool {
	return p == PhaseHostKeyUnknown || p == PhaseHostKeyChanged || p == PhaseAuthFailed
}

// ErrLinkDown is the reason of a link that was up and stopped answering
// (keepalives unanswered) or was closed by the far side.
var ErrLinkDown = errors.New("link down")

// ErrClosed is returned by a closed Pool and its Hosts.
var ErrClosed = errors.New("sshdial: pool closed")

// State is a snapshot of a Host's connection.
type State struct {
	// Host is the target as given to Pool.Host ("vps").
	Host string
	// Phase says where the connection stands.
	Phase Phase
	// Err is the reason for PhaseRetrying, PhaseHostKeyUnknown,
	// PhaseHostKeyChanged and PhaseAuthFailed; use errors.As to get the
	// typed errors.
	Err error
	// Delay is how long after Since the next attempt starts (0 when none is
	// planned).
	Delay time.Duration
	// Since is when the Host entered this state (the Pool's clock).
	Since time.Time
}

// RetryAt is when the next attempt starts; zero when none is planned.
func (s State) RetryAt() time.Time {
	if s.Delay <= 0 {
		return time.Time{}
	}
	return s.Since.Add(s.Delay)
}

// String words the state for a status bar: "ssh: connecting",
// "ssh: connected", "ssh: link down, retrying in 8 s",
// "ssh: host key unknown (SHA256:…)", "ssh: auth failed (tried agent,
// ~/.ssh/id_ed25519)".
func (s State) String() string { return s.Text(s.Since) }

// Text is String with the retry countdown taken at now.
func (s State) Text(now time.Time) string {
	switch s.Phase {
	case PhaseConnecting:
		return "ssh: connecting"
	case PhaseConnected:
		return "ssh: connected"
	case PhaseClosed:
		return "ssh: closed"
	case PhaseRetrying:
		return "ssh: " + reasonText(s.Err) + retryText(s.RetryAt(), now)
	case PhaseHostKeyUnknown, PhaseHostKeyChanged, PhaseAuthFailed:
		return statusText(s.Err)
	default:
		return "ssh: " + s.Phase.String()
	}
}

// retryText is ", retrying in 8 s", rounded up to whole seconds.
func retryText(at, now time.Time) string {
	if at.IsZero() {
		return ""
	}
	left := at.Sub(now)
	secs := max(int((left+time.Second-1)/time.Second), 0)
	if secs == 0 {
		return ", retrying now"
	}
	return fmt.Sprintf(", retrying in %d s", secs)
}

// statusText is the short status-bar form of a typed error.
func statusText(err error) string {
	var unknown *HostKeyUnknownError
	var changed *HostKeyChangedError
	switch {
	case errors.As(err, &unknown):
		return "ssh: host key unknown (" + unknown.Fingerprint() + ")"
	case errors.As(err, &changed):
		return "ssh: host key CHANGED (" + changed.Fingerprint() + "), refusing to connect"
	case err == nil:
		return "ssh: ?"
	default:
		return err.Error()
	}
}

// reasonText is why a Host is retrying, without the "ssh: " prefix.
func reasonText(err error) string {
	if err == nil {
		return "not connected"
	}
	return strings.TrimPrefix(err.Error(), "ssh: ")
}

// StateError is what DialContext returns while its Host is not connected:
// its message is the State's status text, and it unwraps to State.Err.
type StateError struct {
	// State is the Host's state at the dial.
	State State
	// At is when the dial failed, for the retry countdown.
	At time.Time
}

// Error implements error.
func (e *StateError) Error() string { return e.State.Text(e.At) }

// Unwrap returns the state's reason.
func (e *StateError) Unwrap() error { return e.State.Err }
