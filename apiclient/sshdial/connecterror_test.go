package sshdial_test

import (
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
)

// TestConnectErrorThroughJump: a jump host that cannot reach the target
// (OpenSSH refuses the channel with the connect's error) is worded as a
// direct refusal is, short enough for a status bar.
func TestConnectErrorThroughJump(t *testing.T) {
	err := &sshdial.ConnectError{Addr: "127.0.0.1:2222", Err: &ssh.OpenChannelError{Reason: ssh.ConnectionFailed, Message: "Connection refused"}}
	if got, want := err.Error(), "ssh: cannot reach 127.0.0.1:2222 (connection refused)"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
