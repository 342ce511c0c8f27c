package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// screenWriter collects the console's output and signals once it contains
// every wanted text.
type screenWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	want  []string
	found chan struct{}
	once  sync.Once
}

func newScreenWriter(want ...string) *screenWriter {
	return &screenWriter{want: want, found: make(chan struct{})}
}

func (w *screenWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	for _, s := range w.want {
		if !bytes.Contains(w.buf.Bytes(), []byte(s)) {
			return len(p), nil
		}
	}
	w.once.Do(func() { close(w.found) })
	return len(p), nil
}

// TestConsoleEmbedded starts the console with no bot configured: the
// embedded dry-run bot and API server start on loopback, the console shows
// them, q quits, nothing is written to stderr, and the log file is used.
// Not parallel: the console sets the process's default logger while it runs.
func TestConsoleEmbedded(t *testing.T) {
	state := t.TempDir()
	env := map[string]string{"XDG_STATE_HOME": state}
	getenv := func(k string) string { return env[k] }
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer inW.Close()
	screen := newScreenWriter("Open trades", "freqdeck-dryrun", "· online ·")
	var stderr bytes.Buffer
	opts, err := consoleOptionsFor(t.Context(), "", consoleFlags{}, getenv, func(w string) { t.Errorf("warning: %s", w) })
	if err != nil {
		t.Fatal(err)
	}
	opts.Width, opts.Height = 100, 30
	done := make(chan error, 1)
	go func() {
		done <- runConsole(t.Context(), opts, stdio{in: inR, out: screen, err: &stderr}, getenv)
	}()
	select {
	case <-screen.found:
	case err := <-done:
		t.Fatalf("console ended early: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatalf("no console screen; got %q", screen.buf.String())
	}
	if _, err := inW.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("console: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("q did not quit the console")
	}
	if stderr.Len() != 0 {
		t.Errorf("the console wrote to stderr: %q", stderr.String())
	}
	logData, err := os.ReadFile(filepath.Join(state, "freqdeck", "freqdeck.log"))
	if err != nil || !strings.Contains(string(logData), "embedded dry-run bot started") {
		t.Errorf("log file: %v %q", err, logData)
	}
	if info, err := os.Stat(filepath.Join(state, "freqdeck", "audit.jsonl")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("audit log: %v", err)
	}
}

// TestConsoleRemoteNeedsPassword: a remote bot whose password must be
// asked for, without a terminal to ask on, fails before the console starts.
func TestConsoleRemoteNeedsPassword(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer inW.Close()
	defer inR.Close()
	env := map[string]string{"XDG_STATE_HOME": t.TempDir()}
	opts := consoleOptions{Bots: []consoleBot{{Name: "remote", URL: srv.URL, Username: "u", PromptPassword: true}},
		LogPath: filepath.Join(t.TempDir(), "freqdeck.log")}
	var stderr bytes.Buffer
	err = runConsole(context.Background(), opts, stdio{in: inR, out: &bytes.Buffer{}, err: &stderr}, func(k string) string { return env[k] })
	if err == nil || !strings.Contains(err.Error(), "FREQDECK_PASSWORD") {
		t.Fatalf("err = %v", err)
	}
}
