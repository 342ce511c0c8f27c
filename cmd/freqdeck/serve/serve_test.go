package serve

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
)

// serveBannerWriter collects output and signals when the banner is complete.
type serveBannerWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	done chan struct{}
	once sync.Once
}

func (w *serveBannerWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if strings.Contains(w.buf.String(), "Console:") {
		w.once.Do(func() { close(w.done) })
	}
	return len(p), nil
}

func (w *serveBannerWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// testVersion is the version the tests' server reports.
const testVersion = "9.9-test"

// testDeps runs serve over the real configuration pipeline, with no config
// file and the environment env.
func testDeps(env map[string]string) Deps {
	getenv := func(k string) string { return env[k] }
	return Deps{Getenv: getenv, Version: testVersion,
		Load: func(f config.ServeFlags) (config.Config, error) {
			cfg, err := config.Load("", getenv)
			if err != nil {
				return config.Config{}, err
			}
			if cfg, err = config.ApplyFlags(cfg, config.Flags{Server: f}); err != nil {
				return config.Config{}, err
			}
			return cfg, cfg.Validate(config.Checks{})
		}}
}

// runServeForBanner runs serve with the flags f (no config file, the
// bot's database in a temporary directory) until the test ends and returns
// its banner.
func runServeForBanner(t *testing.T, f config.ServeFlags, env map[string]string) (string, chan error, context.CancelFunc) {
	t.Helper()
	f.DB = new(filepath.Join(t.TempDir(), "bot.sqlite"))
	s, err := settingsFor(context.Background(), f, testDeps(env))
	if err != nil {
		t.Fatal(err)
	}
	out := &serveBannerWriter{done: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, s, out, io.Discard)
	}()
	select {
	case <-out.done:
	case err := <-done:
		cancel()
		t.Fatalf("serve ended before its banner: %v", err)
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatal("no banner")
	}
	return out.String(), done, cancel
}

func bannerURL(t *testing.T, banner string) string {
	t.Helper()
	m := regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`).FindStringSubmatch(banner)
	if m == nil {
		t.Fatalf("no URL in banner:\n%s", banner)
	}
	return m[1]
}

func TestServeRunsAndStops(t *testing.T) {
	t.Parallel()
	banner, done, cancel := runServeForBanner(t, config.ServeFlags{Listen: new("127.0.0.1:0"), Username: new("op"), OpenAPI: new(true)},
		map[string]string{"FREQDECK_PASSWORD": "env-password"})
	defer cancel()
	for _, want := range []string{"password from $FREQDECK_PASSWORD", "curl -u op:", "/docs", "/api/v1/message/ws"} {
		if !strings.Contains(banner, want) {
			t.Errorf("banner lacks %q:\n%s", want, banner)
		}
	}
	if strings.Contains(banner, "env-password") {
		t.Error("banner prints a password the operator already has")
	}
	c, err := apiclient.New(bannerURL(t, banner), apiclient.WithBasicAuth("op", "env-password"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithTimeout(context.Background(), 10*time.Second)
	defer stop()
	if v, err := c.Version(ctx); err != nil || v.Version != testVersion {
		t.Fatalf("version %v %v", v, err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestServeGeneratedPassword(t *testing.T) {
	t.Parallel()
	banner, _, cancel := runServeForBanner(t, config.ServeFlags{Listen: new("127.0.0.1:0"), Username: new("op")}, nil)
	defer cancel()
	m := regexp.MustCompile(`password "([^"]+)" \(generated for this run\)`).FindStringSubmatch(banner)
	if m == nil || len(m[1]) < 20 {
		t.Fatalf("no generated password in banner:\n%s", banner)
	}
	c, err := apiclient.New(bannerURL(t, banner), apiclient.WithBasicAuth("op", m[1]))
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithTimeout(context.Background(), 10*time.Second)
	defer stop()
	if _, err := c.Count(ctx); err != nil {
		t.Fatalf("generated password refused: %v", err)
	}
}

func TestServeRefusesExposedWithWeakSecrets(t *testing.T) {
	t.Parallel()
	f := config.ServeFlags{Listen: new("0.0.0.0:0"), Username: new("op"), Password: new("password1"),
		JWTSecret: new("x"), DB: new(filepath.Join(t.TempDir(), "bot.sqlite"))}
	s, err := settingsFor(context.Background(), f, testDeps(nil))
	if err != nil {
		t.Fatal(err)
	}
	err = run(context.Background(), s, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "password") || !strings.Contains(err.Error(), "jwt_secret_key") {
		t.Fatalf("serve on 0.0.0.0 with a weak password and JWT secret: %v", err)
	}
}
