package sshdial_test

import (
	"bytes"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/apiclient/sshdial/sshtest"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// TestUnknownHostKeyTrustThenConnect: an unknown key refuses with its
// fingerprint; trusting it writes a hashed line (creating ~/.ssh) and the
// host connects.
func TestUnknownHostKeyTrustThenConnect(t *testing.T) {
	t.Parallel()
	e, srv := agentEnv(t)
	web := backend(t)
	if err := os.RemoveAll(filepath.Join(e.home, ".ssh")); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(t.TempDir(), "ssh_config")
	if err := os.WriteFile(cfg, []byte(hostBlock("box", srv)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p := e.pool(func(o *sshdial.Options) { o.ConfigFile = cfg })

	h := host(t, p, "box")
	st := waitPhase(t, h, sshdial.PhaseHostKeyUnknown)
	fp := ssh.FingerprintSHA256(srv.HostKey())
	if got, want := st.String(), "ssh: host key unknown ("+fp+")"; got != want {
		t.Fatalf("state %q, want %q", got, want)
	}
	if srv.Conns() != 0 || len(srv.Offered()) != 0 {
		t.Fatal("keys were offered to a host that is not trusted")
	}
	_, err := h.DialContext(ctxT(t), "tcp", "127.0.0.1:80")
	var unknown *sshdial.HostKeyUnknownError
	if !errors.As(err, &unknown) {
		t.Fatalf("dial error %v, want a *HostKeyUnknownError", err)
	}
	wantHost := "[127.0.0.1]:" + strings.TrimPrefix(srv.Addr(), "127.0.0.1:")
	if unknown.Host != wantHost || unknown.KnownHosts != e.path("known_hosts") || unknown.Fingerprint() != fp {
		t.Fatalf("error %+v", unknown)
	}

	if err := p.Trust(unknown); err != nil {
		t.Fatal(err)
	}
	waitPhase(t, h, sshdial.PhaseConnected)
	if got := get(t, h, web.URL+"/after-trust"); got != "hello /after-trust" {
		t.Fatalf("body %q", got)
	}
	data, err := os.ReadFile(e.path("known_hosts"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "|1|") || strings.Contains(string(data), "127.0.0.1") || bytes.Count(data, []byte("\n")) != 1 {
		t.Fatalf("known_hosts is not one hashed line:\n%s", data)
	}
	check, err := knownhosts.New(e.path("known_hosts"))
	if err != nil {
		t.Fatal(err)
	}
	if err := check(srv.Addr(), &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)}, srv.HostKey()); err != nil {
		t.Fatalf("the written line does not vouch for the host: %v", err)
	}
	wantMode(t, filepath.Join(e.home, ".ssh"), 0o700)
	wantMode(t, e.path("known_hosts"), 0o600)
}

func wantMode(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != mode {
		t.Fatalf("%s: mode %o, want %o", path, st.Mode().Perm(), mode)
	}
}

// TestChangedHostKeyRefuses: a key other than the one on record refuses
// loudly, offers nothing and leaves known_hosts alone.
func TestChangedHostKeyRefuses(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	key, pub := sshtest.NewKey(t)
	srv := sshtest.NewServer(t, pub)
	_, other := sshtest.NewKey(t)
	e.startAgent(key)
	e.config(hostBlock("box", srv))
	before := "# mine\n" + knownhosts.Line([]string{srv.Addr()}, other) + "\n"
	e.write("known_hosts", before)

	h := host(t, e.pool(), "box")
	st := waitPhase(t, h, sshdial.PhaseHostKeyChanged)
	fp := ssh.FingerprintSHA256(srv.HostKey())
	if got, want := st.String(), "ssh: host key CHANGED ("+fp+"), refusing to connect"; got != want {
		t.Fatalf("state %q, want %q", got, want)
	}
	var changed *sshdial.HostKeyChangedError
	if !errors.As(st.Err, &changed) || len(changed.Known) != 1 || changed.Known[0].Line != 2 {
		t.Fatalf("reason %+v", st.Err)
	}
	for _, want := range []string{"CHANGED", fp, ssh.FingerprintSHA256(other), e.path("known_hosts") + ":2", "intercepting"} {
		if !strings.Contains(changed.Error(), want) {
			t.Fatalf("message %q lacks %q", changed.Error(), want)
		}
	}
	var unknown *sshdial.HostKeyUnknownError
	if errors.As(st.Err, &unknown) {
		t.Fatal("a changed key must not be trustable")
	}
	if srv.Conns() != 0 || len(srv.Offered()) != 0 {
		t.Fatal("authenticated to a host whose key changed")
	}
	after, _ := os.ReadFile(e.path("known_hosts"))
	if string(after) != before {
		t.Fatalf("known_hosts changed:\n%s", after)
	}
}

// TestHostKeyOnRecordIsPreferred: a host with several key types is asked
// for the type known_hosts holds, so it is not taken for changed (left to
// itself, the ssh package prefers ECDSA to ed25519).
func TestHostKeyOnRecordIsPreferred(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	key, pub := sshtest.NewKey(t)
	srv := sshtest.NewServerKeys(t, []ssh.Signer{sshtest.ECDSAHostKey(t)}, pub)
	e.startAgent(key)
	e.config(hostBlock("box", srv))
	e.trust(srv) // its ed25519 key

	h := host(t, e.pool(), "box")
	waitPhase(t, h, sshdial.PhaseConnected)
}
