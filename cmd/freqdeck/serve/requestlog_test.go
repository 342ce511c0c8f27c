package serve

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
)

// TestServeLogRequests checks that --log-requests writes one line per
// request to the log, and that without it nothing is logged per request.
func TestServeLogRequests(t *testing.T) {
	t.Parallel()
	for _, on := range []bool{true, false} {
		f := config.ServeFlags{Listen: new("127.0.0.1:0"), DB: new(filepath.Join(t.TempDir(), "bot.sqlite"))}
		s, err := settingsFor(context.Background(), f, testDeps(map[string]string{"FREQDECK_PASSWORD": "pw-for-the-test"}))
		if err != nil {
			t.Fatal(err)
		}
		s.logRequests = on
		out := &serveBannerWriter{done: make(chan struct{})}
		logged := &matchWriter{want: "path=/api/v1/ping", seen: make(chan struct{})}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- run(ctx, s, out, logged) }()
		select {
		case <-out.done:
		case err := <-done:
			t.Fatalf("serve ended before its banner: %v", err)
		}
		resp, err := http.Get(bannerURL(t, out.String()) + "/api/v1/ping")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if on {
			select {
			case <-logged.seen:
			case <-time.After(10 * time.Second):
				t.Fatalf("no request line in the log:\n%s", logged.String())
			}
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if !on && logged.matched() {
			t.Fatalf("request logged without --log-requests:\n%s", logged.String())
		}
	}
}

// matchWriter collects output and closes seen once it holds want.
type matchWriter struct {
	mu   sync.Mutex
	buf  strings.Builder
	want string
	seen chan struct{}
	once sync.Once
}

func (w *matchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	w.buf.Write(p)
	w.mu.Unlock()
	if w.matched() {
		w.once.Do(func() { close(w.seen) })
	}
	return len(p), nil
}

func (w *matchWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func (w *matchWriter) matched() bool { return strings.Contains(w.String(), w.want) }
