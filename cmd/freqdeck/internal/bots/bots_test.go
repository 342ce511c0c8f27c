package bots

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/apiclient/sshdial/sshtest"
)

// box is a private ~/.ssh whose Host "box" is an in-process SSH server
// that knows an agent's key, with the server's key in known_hosts.
func box(t *testing.T) (*sshtest.Server, sshdial.Options, func(string) string) {
	t.Helper()
	key, pub := sshtest.NewKey(t)
	srv := sshtest.NewServer(t, pub)
	home := t.TempDir()
	dir := filepath.Join(home, ".ssh")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"config":      fmt.Sprintf("Host box\n  HostName 127.0.0.1\n  Port %d\n", srv.Port()),
		"known_hosts": srv.KnownHostsLine() + "\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"HOME": home, "SSH_AUTH_SOCK": sshtest.StartAgent(t, key)}
	getenv := func(k string) string { return env[k] }
	return srv, sshdial.Options{Home: home, Getenv: getenv, SystemDir: t.TempDir(), LocalUser: "tester"}, getenv
}

// TestBuildThroughSSH: a bot with ssh = is reached through the host, a
// console is given the trust and passphrase hooks, and shared bots
// (`freqdeck host`) get no passphrase prompt, which no session could
// answer for the others.
func TestBuildThroughSSH(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"status":"pong"}`))
	}))
	t.Cleanup(api.Close)
	srv, o, getenv := box(t)
	for _, shared := range []bool{false, true} {
		opts := Options{Remote: []Remote{{Name: "far", URL: api.URL, Username: "u", SSH: "box", WSToken: "t"}}, SSH: &o, Shared: shared}
		built, err := Build(context.Background(), opts, getenv, slog.New(slog.DiscardHandler), slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		if len(built.Bots) != 1 || built.Bots[0].SSH == nil || built.SSH == nil || built.SSH.Trust == nil {
			t.Fatalf("shared=%v: built %+v", shared, built)
		}
		if (built.SSH.Prompts == nil) != shared {
			t.Fatalf("shared=%v: passphrase prompts %v", shared, built.SSH.Prompts)
		}
		ping, err := built.Bots[0].API.(*apiclient.Client).Ping(context.Background())
		if err != nil || ping.Status != "pong" {
			t.Fatalf("shared=%v: ping through ssh: %+v, %v", shared, ping, err)
		}
		if err := built.Stop(); err != nil {
			t.Fatal(err)
		}
	}
	if srv.Tunnels() < 2 {
		t.Fatalf("%d tunnels through the SSH server, want one per ping", srv.Tunnels())
	}
}

// TestBuildEmbedded: with no remote bot, the embedded dry-run bot runs
// behind its server on 127.0.0.1, and Stop ends it.
func TestBuildEmbedded(t *testing.T) {
	built, err := Build(context.Background(), Options{Version: "test"}, func(string) string { return "" },
		slog.New(slog.DiscardHandler), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	c := built.Bots[0].API.(*apiclient.Client)
	if ping, err := c.Ping(context.Background()); err != nil || ping.Status != "pong" || built.SSH != nil {
		t.Fatalf("embedded ping %+v, %v (ssh %v)", ping, err, built.SSH)
	}
	if err := built.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Ping(context.Background()); err == nil {
		t.Fatal("the embedded server answers after Stop")
	}
}
