package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/sshlink"
)

// sshRun connects the SSH hosts of a run: one Pool, and each host
// connected once (its key trusted with --trust-host-key, its passphrases
// asked once) however many bots live on it.
type sshRun struct {
	links *sshlink.Links
	trust string // --trust-host-key: the fingerprint the user accepts
	warn  func(string)

	mu      sync.Mutex
	hosts   map[string]*hostConn
	unknown bool // a host presented an unknown key
	trusted bool // trust matched it
}

// hostConn is one host's connection attempt: done closes when host or err
// is set.
type hostConn struct {
	done chan struct{}
	host *sshdial.Host
	err  error
}

func newSSHRun(opts sshdial.Options, trust string, warn func(string)) (*sshRun, error) {
	if err := cli.CheckTrustHostKey(trust); err != nil {
		return nil, err //nolint:wrapcheck // it names the flag
	}
	if warn == nil {
		warn = func(string) {}
	}
	return &sshRun{links: sshlink.New(opts), trust: trust, warn: warn, hosts: map[string]*hostConn{}}, nil
}

// transport returns the transport that dials through dest, once dest is
// connected.
func (s *sshRun) transport(ctx context.Context, dest string) (http.RoundTripper, error) {
	hc := s.connect(ctx, dest)
	if hc.err != nil {
		return nil, hc.err
	}
	return sshlink.Transport(hc.host), nil
}

// connect connects dest, or waits for the bot that is already connecting it.
func (s *sshRun) connect(ctx context.Context, dest string) *hostConn {
	s.mu.Lock()
	hc, ok := s.hosts[dest]
	if !ok {
		hc = &hostConn{done: make(chan struct{})}
		s.hosts[dest] = hc
	}
	s.mu.Unlock()
	if ok {
		select {
		case <-hc.done:
			return hc
		case <-ctx.Done():
			return &hostConn{err: &cli.Error{Code: cli.ExitUnreachable, Err: fmt.Errorf("ssh %s: %w", dest, ctx.Err())}}
		}
	}
	hc.host, hc.err = s.dial(ctx, dest)
	close(hc.done)
	return hc
}

// dial waits for dest's connection; an unknown host key whose fingerprint
// is exactly --trust-host-key's is trusted (a hashed line in known_hosts)
// and the connection tried again.
func (s *sshRun) dial(ctx context.Context, dest string) (*sshdial.Host, error) {
	h, err := s.links.Host(dest)
	if err != nil {
		return nil, cli.Usage(fmt.Errorf("ssh %s: %w", dest, err))
	}
	err = sshlink.Wait(ctx, h)
	var unknown *sshdial.HostKeyUnknownError
	if errors.As(err, &unknown) && s.trust != "" {
		s.mu.Lock()
		s.unknown = true
		s.mu.Unlock()
		if unknown.Fingerprint() != s.trust {
			return nil, unreachable(err, fmt.Sprintf(
				"%s: --trust-host-key %s does not match the key the host presented (%s %s): nothing was trusted",
				where(dest, h), s.trust, unknown.Key.Type(), unknown.Fingerprint()))
		}
		_, changed := h.Watch()
		if err := s.links.Pool().Trust(unknown); err != nil {
			return nil, &cli.Error{Code: cli.ExitAPIError, Err: fmt.Errorf("%s: %w", where(dest, h), err)}
		}
		s.mu.Lock()
		s.trusted = true
		s.mu.Unlock()
		s.warn(fmt.Sprintf("ssh %s: trusted the host key %s %s of %s: added to %s (hashed)",
			dest, unknown.Key.Type(), unknown.Fingerprint(), unknown.Host, unknown.KnownHosts))
		err = sshlink.WaitChange(ctx, h, changed)
	}
	if err != nil {
		return nil, sshError(dest, h, err, s.trust != "")
	}
	return h, nil
}

// close ends the SSH connections, and says so when --trust-host-key was
// given but every host's key was known already. It runs after every
// bot's call has returned.
func (s *sshRun) close() {
	_ = s.links.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.trust == "" || s.unknown || len(s.hosts) == 0 {
		return
	}
	for _, hc := range s.hosts {
		if hc.err != nil {
			return // its error said what went wrong
		}
	}
	s.warn("--trust-host-key " + s.trust + ": no host presented an unknown key; nothing was added to known_hosts")
}

// sshFailure is an SSH host the client could not use: msg for the user,
// err for errors.As.
type sshFailure struct {
	msg string
	err error
}

// unreachable is an sshFailure with the exit status ExitUnreachable.
func unreachable(err error, msg string) error {
	return &cli.Error{Code: cli.ExitUnreachable, Err: &sshFailure{msg: msg, err: err}}
}

func (e *sshFailure) Error() string { return e.msg }
func (e *sshFailure) Unwrap() error { return e.err }

// where names an SSH host for messages: "ssh vps (deploy@10.0.0.5:22)".
func where(dest string, h *sshdial.Host) string {
	if t := h.Target(); t != nil && t.String() != dest {
		return "ssh " + dest + " (" + t.String() + ")"
	}
	return "ssh " + dest
}

// sshError says why dest cannot be used, and what to do: an unknown key
// shows its fingerprint and how to trust it; a changed key offers nothing.
// The exit status is ExitUnreachable.
func sshError(dest string, h *sshdial.Host, err error, trustGiven bool) error {
	var unknown *sshdial.HostKeyUnknownError
	var changed *sshdial.HostKeyChangedError
	var auth *sshdial.AuthError
	var st *sshdial.StateError
	var msg string
	switch {
	case errors.As(err, &unknown):
		fp := unknown.Fingerprint()
		msg = fmt.Sprintf("%s: the host's key is not known: it presented %s %s, which no known_hosts file lists.\n"+
			"  Check that fingerprint on the host itself: %s\n"+
			"  If it matches, run the command again with --trust-host-key %s\n"+
			"  to add the key to %s (hashed).",
			where(dest, h), unknown.Key.Type(), fp, sshdial.KeygenHint(unknown.Key.Type()), fp, unknown.KnownHosts)
	case errors.As(err, &changed):
		msg = where(dest, h) + ": " + strings.TrimPrefix(changed.Error(), "ssh: ")
		if trustGiven {
			msg += ". --trust-host-key does not override a changed key"
		}
	case errors.As(err, &auth):
		msg = where(dest, h) + ": " + strings.TrimPrefix(auth.Error(), "ssh: ")
	case errors.As(err, &st) && st.State.Err != nil:
		msg = where(dest, h) + ": " + strings.TrimPrefix(st.State.Err.Error(), "ssh: ")
	default:
		msg = where(dest, h) + ": " + strings.TrimPrefix(err.Error(), "ssh: ")
	}
	return unreachable(err, msg)
}

// sshCause is the reason a request through SSH failed: the SSH link's
// state, or the far side's answer ("connect failed (Connection refused)").
func sshCause(err error) error {
	var st *sshdial.StateError
	if errors.As(err, &st) {
		return st
	}
	return rootCause(err)
}
