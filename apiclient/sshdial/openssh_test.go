package sshdial_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/apiclient/sshdial/sshtest"
	"golang.org/x/crypto/ssh"
)

// TestOpenSSH reaches a freqdeck API behind a real sshd through the agent:
// the host key is unknown at first, trusted, then REST and the WebSocket
// go through one SSH connection.
func TestOpenSSH(t *testing.T) {
	t.Parallel()
	o := sshtest.StartOpenSSH(t)
	ts, bot := freqdeckBot(t)
	e := newEnv(t)
	e.env["SSH_AUTH_SOCK"] = o.Agent
	e.opts.LocalUser = o.User
	e.config("Host vps", "  HostName 127.0.0.1", fmt.Sprintf("  Port %d", o.Port))
	p := e.pool()
	h := host(t, p, "vps")

	st := waitPhase(t, h, sshdial.PhaseHostKeyUnknown)
	var unknown *sshdial.HostKeyUnknownError
	if !errors.As(st.Err, &unknown) || unknown.Fingerprint() != ssh.FingerprintSHA256(o.HostKey) {
		t.Fatalf("state %q (%v), want sshd's key %s", st, st.Err, ssh.FingerprintSHA256(o.HostKey))
	}
	if err := p.Trust(unknown); err != nil {
		t.Fatal(err)
	}
	waitPhase(t, h, sshdial.PhaseConnected)

	useBot(t, h, ts, bot, nil)

	// A second connection trusts the written (hashed) line at once.
	p2 := e.pool()
	waitPhase(t, host(t, p2, "vps"), sshdial.PhaseConnected)
}
