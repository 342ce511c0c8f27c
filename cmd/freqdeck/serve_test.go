package main

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

// runServeForBanner runs runServe until the test ends and returns its banner.
func runServeForBanner(t *testing.T, o serveOptions, env map[string]string) (string, chan error, context.CancelFunc) {
	t.Helper()
	out := &serveBannerWriter{done: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, o, stdio{out: out, err: io.Discard}, func(k string) string { return env[k] })
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
	banner, done, cancel := runServeForBanner(t, serveOptions{listen: "127.0.0.1:0", username: "op", openAPI: true},
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
	if v, err := c.Version(ctx); err != nil || v.Version != appVersion {
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
	banner, _, cancel := runServeForBanner(t, serveOptions{listen: "127.0.0.1:0", username: "op"}, nil)
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
	err := runServe(context.Background(), serveOptions{listen: "0.0.0.0:0", username: "op", password: "password1",
		jwtSecret: "x", db: filepath.Join(t.TempDir(), "bot.sqlite")},
		stdio{out: io.Discard, err: io.Discard}, func(string) string { return "" })
	if err == nil || !strings.Contains(err.Error(), "password") || !strings.Contains(err.Error(), "jwt_secret_key") {
		t.Fatalf("serve on 0.0.0.0 with a weak password and JWT secret: %v", err)
	}
}
