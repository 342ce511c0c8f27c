package launch

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/dryrun"
)

func loopback(user, pass string) server.Config {
	return server.Config{Listen: "127.0.0.1:0", Username: user, Password: pass}
}

func clientFor(t *testing.T, r *Running, user, pass string) *apiclient.Client {
	t.Helper()
	c, err := apiclient.New("http://"+r.Addr().String(), apiclient.WithBasicAuth(user, pass))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestStartServesTheBot: the server answers from the configured bot, Ready
// sees the bound address before Start returns, and Stop ends both.
func TestStartServesTheBot(t *testing.T) {
	t.Parallel()
	cfg := dryrun.DefaultConfig()
	cfg.BotName, cfg.MaxOpenTrades = "launch-test", 2
	var readyAddr net.Addr
	r, err := Start(t.Context(), Options{
		Bot: &cfg, DBPath: filepath.Join(t.TempDir(), "bot.sqlite"),
		Server: loopback("u", "p"), Version: "9.9-test",
		Ready: func(a net.Addr) { readyAddr = a },
	})
	if err != nil {
		t.Fatal(err)
	}
	if readyAddr == nil || readyAddr.String() != r.Addr().String() {
		t.Fatalf("Ready saw %v, Addr is %v", readyAddr, r.Addr())
	}
	c := clientFor(t, r, "u", "p")
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	sc, err := c.ShowConfig(ctx)
	if err != nil || sc.BotName != "launch-test" || sc.MaxOpenTrades != 2 || sc.Version != "9.9-test" {
		t.Fatalf("show_config %+v, %v", sc, err)
	}
	if v, err := c.Version(ctx); err != nil || v.Version != "9.9-test" {
		t.Fatalf("version %+v, %v", v, err)
	}
	if err := r.Stop(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if err := r.Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
	if _, err := c.Ping(ctx); err == nil {
		t.Fatal("the server still answers after Stop")
	}
}

// TestContextEndStopsBoth: when the caller's context ends, the server
// shuts down, then Wait stops the bot and returns.
func TestContextEndStopsBoth(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	r, err := Start(ctx, Options{Server: loopback("u", "p")})
	if err != nil {
		t.Fatal(err)
	}
	v, err := clientFor(t, r, "u", "p").Version(ctx)
	if err != nil || v.Version != DevVersion {
		t.Fatalf("version %+v, %v; want %q", v, err, DevVersion)
	}
	cancel()
	done := make(chan error, 1)
	go func() { done <- r.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Wait: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Wait did not return after the context ended")
	}
}

// TestStartRefusesExposedWithoutSecrets: a server that may not listen is
// an error of Start that says why, before the bot starts (its database is
// never opened), Ready is not called, and the bot's
// database serves the next start.
func TestStartRefusesExposedWithoutSecrets(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "bot.sqlite")
	called := false
	_, err := Start(t.Context(), Options{DBPath: db,
		Server: server.Config{Listen: "0.0.0.0:0", Username: "op", Password: "password1", JWTSecret: "x"},
		Ready:  func(net.Addr) { called = true }})
	if err == nil || !strings.Contains(err.Error(), "jwt_secret_key") || called {
		t.Fatalf("err %v, ready called %v", err, called)
	}
	// Refused before the bot started: it never opened its database.
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the bot's database exists after a refused start: %v", err)
	}
	r, err := Start(t.Context(), Options{DBPath: db, Server: loopback("u", "p")})
	if err != nil {
		t.Fatalf("start after a refused one: %v", err)
	}
	if err := r.Stop(); err != nil {
		t.Fatal(err)
	}
}

func TestStartRejectsBadBotConfig(t *testing.T) {
	t.Parallel()
	cfg := dryrun.DefaultConfig()
	cfg.StakeCurrency = ""
	_, err := Start(t.Context(), Options{Bot: &cfg, Server: loopback("u", "p")})
	if err == nil || !strings.Contains(err.Error(), "dry-run bot") {
		t.Fatalf("err %v", err)
	}
}
