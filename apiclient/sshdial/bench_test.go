package sshdial_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/apiclient/sshdial/sshtest"
	"golang.org/x/crypto/ssh"
)

// BenchmarkFirstAnswer times start to first HTTP answer on loopback: a
// fresh client dialing the bot directly, against a fresh Pool that first
// connects, authenticates with the agent and then tunnels, to an
// in-process SSH server and to a real sshd.
func BenchmarkFirstAnswer(b *testing.B) {
	web := backend(b)
	url := web.URL + "/first"
	b.Run("direct", func(b *testing.B) {
		for b.Loop() {
			firstAnswer(b, &http.Transport{}, url)
		}
	})
	b.Run("ssh-inprocess", func(b *testing.B) {
		e, _ := agentBox(b)
		benchSSH(b, e, "box", url)
	})
	b.Run("openssh", func(b *testing.B) { benchSSH(b, openSSHEnv(b), "vps", url) })
}

// openSSHEnv is an environment whose "vps" is a real, trusted sshd.
func openSSHEnv(b *testing.B) *testEnv {
	o := sshtest.StartOpenSSH(b)
	e := newEnv(b)
	e.env["SSH_AUTH_SOCK"] = o.Agent
	e.opts.LocalUser = o.User
	e.config("Host vps", "  HostName 127.0.0.1", fmt.Sprintf("  Port %d", o.Port))
	e.write("known_hosts", fmt.Sprintf("[127.0.0.1]:%d %s", o.Port, ssh.MarshalAuthorizedKey(o.HostKey)))
	return e
}

func benchSSH(b *testing.B, e *testEnv, dest, url string) {
	b.Helper()
	for b.Loop() {
		p := sshdial.NewPool(e.opts)
		h, err := p.Host(dest)
		if err != nil {
			b.Fatal(err)
		}
		firstAnswer(b, &http.Transport{DialContext: h.DialContext}, url)
		_ = p.Close()
	}
}

// firstAnswer makes one GET with a fresh transport.
func firstAnswer(b *testing.B, tr *http.Transport, url string) {
	b.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		b.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	tr.CloseIdleConnections()
}

// BenchmarkWarmRequest times one GET on a kept-alive connection: directly,
// and through an established SSH tunnel.
func BenchmarkWarmRequest(b *testing.B) {
	web := backend(b)
	url := web.URL + "/warm"
	run := func(b *testing.B, tr *http.Transport) {
		c := &http.Client{Transport: tr}
		defer tr.CloseIdleConnections()
		for b.Loop() {
			resp, err := c.Get(url)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
		}
	}
	b.Run("direct", func(b *testing.B) { run(b, &http.Transport{}) })
	b.Run("ssh-inprocess", func(b *testing.B) {
		e, _ := agentBox(b)
		h := host(b, e.pool(), "box")
		run(b, &http.Transport{DialContext: h.DialContext})
	})
	b.Run("openssh", func(b *testing.B) {
		h := host(b, openSSHEnv(b).pool(), "vps")
		run(b, &http.Transport{DialContext: h.DialContext})
	})
}
