package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/freqdeck/freqdeck/apiclient/sshdial/sshtest"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/bots"
)

// BenchmarkConsoleFirstData times the console from its start to the first
// data of a bot on its screen (the open trades and the bot's state drawn),
// on loopback: the bot dialed directly, against the bot reached through a
// fresh SSH connection (an ssh = bot: connect, host key checked against
// known_hosts, the key in an ssh-agent, then HTTP and the WebSocket
// through it), to an in-process SSH server and to a real OpenSSH sshd.
// Each iteration is a whole console run: log file, theme, model, feed.
func BenchmarkConsoleFirstData(b *testing.B) {
	bot := serveBot(b)
	b.Run("direct", func(b *testing.B) {
		benchFirstData(b, map[string]string{"BOT_PW": "pw"}, bots.Remote{Name: "far", URL: bot.URL})
	})
	b.Run("ssh-inprocess", func(b *testing.B) {
		key, pub := sshtest.NewKey(b)
		srv := sshtest.NewServer(b, pub)
		home, env := sshHome(b, fmt.Sprintf("Host box\n  HostName 127.0.0.1\n  Port %d\n", srv.Port()))
		writeSSH(b, home, "known_hosts", srv.KnownHostsLine()+"\n")
		env["SSH_AUTH_SOCK"] = sshtest.StartAgent(b, key)
		benchFirstData(b, env, bots.Remote{Name: "far", URL: bot.URL, SSH: "box"})
	})
	b.Run("openssh", func(b *testing.B) {
		o := sshtest.StartOpenSSH(b)
		home, env := sshHome(b, fmt.Sprintf("Host vps\n  HostName 127.0.0.1\n  Port %d\n  User %s\n", o.Port, o.User))
		writeSSH(b, home, "known_hosts", fmt.Sprintf("[127.0.0.1]:%d %s", o.Port, ssh.MarshalAuthorizedKey(o.HostKey)))
		env["SSH_AUTH_SOCK"] = o.Agent
		benchFirstData(b, env, bots.Remote{Name: "far", URL: bot.URL, SSH: "vps"})
	})
}

// benchFirstData runs the console on bot once per iteration, until its
// screen shows the bot's data.
func benchFirstData(b *testing.B, env map[string]string, bot bots.Remote) {
	b.Helper()
	bot.Username, bot.WSToken = "op", ""
	bot.Secret.PasswordEnv = "BOT_PW"
	env["BOT_PW"] = "pw"
	logs := b.TempDir()
	for b.Loop() {
		opts := consoleOptions{Options: bots.Options{Remote: []bots.Remote{bot}}, Width: 100, Height: 30, LogPath: filepath.Join(logs, "freqdeck.log")}
		inR, inW, err := os.Pipe()
		if err != nil {
			b.Fatal(err)
		}
		screen := newScreenWriter("Open trades (1)", "running · dry run")
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- runConsole(ctx, opts, stdio{in: inR, out: screen, err: &bytes.Buffer{}}, mapEnv(env)) }()
		select {
		case <-screen.found:
		case err := <-done:
			b.Fatalf("console ended: %v", err)
		case <-time.After(20 * time.Second):
			b.Fatalf("no data; the screen shows\n%s", screen.text())
		}
		cancel()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
		_ = inW.Close()
		_ = inR.Close()
	}
}
