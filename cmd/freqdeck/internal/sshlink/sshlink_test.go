package sshlink_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/apiclient/sshdial/sshtest"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/sshlink"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// box is a private ~/.ssh whose "box" is an in-process SSH server, and
// the options of Links over it.
func box(t *testing.T, trusted bool) (*sshtest.Server, sshdial.Options) {
	t.Helper()
	key, pub := sshtest.NewKey(t)
	srv := sshtest.NewServer(t, pub)
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".ssh"), 0o700); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(home, ".ssh", name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("config", fmt.Sprintf("Host box\n  HostName 127.0.0.1\n  Port %d\n", srv.Port()))
	if trusted {
		write("known_hosts", srv.KnownHostsLine()+"\n")
	}
	env := map[string]string{"HOME": home, "SSH_AUTH_SOCK": sshtest.StartAgent(t, key)}
	opts := sshlink.Options(func(k string) string { return env[k] }, nil)
	opts.SystemDir, opts.LocalUser = t.TempDir(), "tester"
	return srv, opts
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestOptionsReadHome: the Pool's ~/.ssh is under the $HOME getenv gives.
func TestOptionsReadHome(t *testing.T) {
	t.Parallel()
	o := sshlink.Options(func(k string) string { return map[string]string{"HOME": "/home/op"}[k] }, nil)
	if o.Home != "/home/op" || o.Getenv("HOME") != "/home/op" || o.Passphrase != nil {
		t.Fatalf("options %+v", o)
	}
}

// TestClientOptionSharesOneConnection: two bots' clients built with
// ClientOption for one host make their REST calls and a WebSocket through
// one SSH connection, created on first use.
func TestClientOptionSharesOneConnection(t *testing.T) {
	t.Parallel()
	srv, opts := box(t, true)
	bot := rpctest.New()
	s, err := server.New(bot, server.Config{Username: "u", Password: "p", WSTokens: []string{"tok"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	_, ts := rpctest.Serve(t, s)
	links := sshlink.New(opts)
	t.Cleanup(func() { _ = links.Close() })
	ctx := ctxT(t)
	for range 2 {
		opt, h, err := links.ClientOption("box")
		if err != nil {
			t.Fatal(err)
		}
		if err := sshlink.Wait(ctx, h); err != nil {
			t.Fatal(err)
		}
		c, err := apiclient.New(ts.URL, apiclient.WithBasicAuth("u", "p"), apiclient.WithWSToken("tok"), opt)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Version(ctx); err != nil {
			t.Fatal(err)
		}
		sctx, stop := context.WithCancel(ctx)
		stream := c.Stream(sctx, apiclient.StreamOptions{})
		for e := range stream.Events() {
			if e.Kind == apiclient.EventConnected {
				break
			}
			if e.Kind == apiclient.EventDisconnected || e.Kind == apiclient.EventAuthFailed {
				t.Fatalf("stream: %s: %v", e.Kind, e.Err)
			}
		}
		stop()
	}
	if srv.Conns() != 1 || srv.Tunnels() < 4 {
		t.Fatalf("%d SSH connections and %d tunnels, want 1 and at least 4 (2 REST, 2 WebSocket)", srv.Conns(), srv.Tunnels())
	}
}

// TestWaitUnknownHost: Wait returns the Host's reason for an unknown key,
// and a request dialed through it fails as a dial error: not sent.
func TestWaitUnknownHost(t *testing.T) {
	t.Parallel()
	srv, opts := box(t, false)
	links := sshlink.New(opts)
	t.Cleanup(func() { _ = links.Close() })
	opt, h, err := links.ClientOption("box")
	if err != nil {
		t.Fatal(err)
	}
	err = sshlink.Wait(ctxT(t), h)
	var unknown *sshdial.HostKeyUnknownError
	var st *sshdial.StateError
	if !errors.As(err, &st) || !errors.As(err, &unknown) || unknown.Key == nil || string(unknown.Key.Marshal()) != string(srv.HostKey().Marshal()) {
		t.Fatalf("Wait: %v", err)
	}
	c, err := apiclient.New("http://127.0.0.1:8080", opt)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Version(ctxT(t))
	var op *net.OpError
	if !errors.As(err, &op) || op.Op != "dial" || !errors.As(err, &unknown) || action.Classify(err) != action.NotSent {
		t.Fatalf("a call through an unknown host: %v (%s)", err, action.Classify(err))
	}
}

// TestClosedLinks: after Close, no Pool is made and Host fails.
func TestClosedLinks(t *testing.T) {
	t.Parallel()
	_, opts := box(t, true)
	links := sshlink.New(opts)
	if err := links.Close(); err != nil {
		t.Fatal(err)
	}
	if p := links.Pool(); p != nil {
		t.Fatal("a closed Links made a Pool")
	}
	if _, err := links.Host("box"); !errors.Is(err, sshdial.ErrClosed) {
		t.Fatalf("Host after Close: %v", err)
	}
}
