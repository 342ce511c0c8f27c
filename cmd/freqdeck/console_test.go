package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/bots"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/fakebot"
	"github.com/freqdeck/freqdeck/tui/termrt/vtest"
)

// screenWriter collects the console's output (100×30, the size the tests
// give it) and signals once the screen shows every wanted text.
type screenWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer // every byte written, for what must never be written
	screen *vtest.Screen
	want   []string
	found  chan struct{}
	once   sync.Once
}

func newScreenWriter(want ...string) *screenWriter {
	return &screenWriter{want: want, found: make(chan struct{}), screen: vtest.New(100, 30)}
}

// text is what the screen shows.
func (w *screenWriter) text() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.Join(w.screen.Lines(), "\n")
}

// raw is every byte written so far.
func (w *screenWriter) raw() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// waitFor waits until the screen shows every one of want.
func (w *screenWriter) waitFor(t *testing.T, want ...string) {
	t.Helper()
	w.mu.Lock()
	w.want, w.found, w.once = want, make(chan struct{}), sync.Once{}
	w.check()
	found := w.found
	w.mu.Unlock()
	select {
	case <-found:
	case <-time.After(20 * time.Second):
		t.Fatalf("the screen never showed %q; it shows\n%s", want, w.text())
	}
}

func (w *screenWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	w.screen.Write(string(p))
	w.check()
	return len(p), nil
}

// check signals found when the screen shows every wanted text.
func (w *screenWriter) check() {
	text := strings.Join(w.screen.Lines(), "\n")
	for _, s := range w.want {
		if !strings.Contains(text, s) {
			return
		}
	}
	w.once.Do(func() { close(w.found) })
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
	opts, err := consoleOptionsFor("", consoleFlags{}, getenv, func(w string) { t.Errorf("warning: %s", w) })
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
		t.Fatalf("no console screen; it shows\n%s", screen.text())
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

// consoleRun is a console running on opts with a pipe for its keyboard,
// until the test ends.
type consoleRun struct {
	screen *screenWriter
	keys   *os.File
	done   chan error
}

// startConsole runs the console on opts, 100×30, and waits for the screen
// to show every one of want.
func startConsole(t *testing.T, opts consoleOptions, env map[string]string, want ...string) *consoleRun {
	t.Helper()
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inW.Close(); _ = inR.Close() })
	r := &consoleRun{screen: newScreenWriter(want...), keys: inW, done: make(chan error, 1)}
	opts.Width, opts.Height = 100, 30
	opts.LogPath = filepath.Join(t.TempDir(), "freqdeck.log")
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(func() {
		cancel()
		<-r.done
	})
	go func() {
		r.done <- runConsole(ctx, opts, stdio{in: inR, out: r.screen, err: &bytes.Buffer{}}, mapEnv(env))
	}()
	select {
	case <-r.screen.found:
	case err := <-r.done:
		r.done <- err
		t.Fatalf("console ended early: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatalf("the screen never showed %q; it shows\n%s", want, r.screen.text())
	}
	return r
}

// TestConsoleAsksForPasswordInside: a remote bot whose password is not
// given no longer stops the console before it starts: the console asks for
// it in a masked dialog, and uses it.
func TestConsoleAsksForPasswordInside(t *testing.T) {
	fb := fakebot.New(t, http.StatusOK, `{}`)
	opts := consoleOptions{Options: bots.Options{Remote: []bots.Remote{{Name: "remote", URL: fb.URL, Username: "u", WSToken: "t", PromptPassword: true}}}}
	r := startConsole(t, opts, map[string]string{}, "Password", "no password given")
	if _, err := r.keys.Write([]byte("s3cret")); err != nil {
		t.Fatal(err)
	}
	if _, err := r.keys.Write([]byte("\r")); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(20 * time.Second)
	for {
		select {
		case req := <-fb.Seen():
			if req.User == "u" && req.Pass == "s3cret" {
				if strings.Contains(r.screen.raw(), "s3cret") {
					t.Fatal("the password was echoed on the screen")
				}
				return
			}
		case <-deadline:
			t.Fatalf("no request with the typed password; got %+v", fb.Requests())
		}
	}
}

// TestConsoleBrokenSecretStopsNothing: a bot whose password_cmd fails and
// one whose password_cmd hangs are marked "secret unavailable" (or still
// resolving) while the console runs, and the bot beside them is used.
func TestConsoleBrokenSecretStopsNothing(t *testing.T) {
	fb := fakebot.New(t, http.StatusOK, `{}`)
	opts := consoleOptions{Options: bots.Options{Remote: []bots.Remote{
		{Name: "broken", URL: "http://127.0.0.1:1", Username: "u", Secret: config.Secret{PasswordCmd: "false"}},
		{Name: "hanging", URL: "http://127.0.0.1:1", Username: "u", Secret: config.Secret{PasswordCmd: "sleep 30"}},
		{Name: "unset", URL: "http://127.0.0.1:1", Username: "u", Secret: config.Secret{PasswordEnv: "NOT_SET_ANYWHERE"}},
		{Name: "good", URL: fb.URL, Username: "u", WSToken: "t", Secret: config.Secret{PasswordCmd: "echo pw"}},
	}}}
	start := time.Now()
	r := startConsole(t, opts, map[string]string{}, "[1/4] broken", "secret unavailable: password_cmd: exit status 1")
	if waited := time.Since(start); waited > 5*time.Second {
		t.Fatalf("the console took %s to show a bot whose neighbour hangs", waited)
	}
	deadline := time.After(20 * time.Second)
	for seen := false; !seen; {
		select {
		case req := <-fb.Seen():
			seen = req.User == "u" && req.Pass == "pw"
		case err := <-r.done:
			r.done <- err
			t.Fatalf("the console ended: %v", err)
		case <-deadline:
			t.Fatalf("the good bot was never asked; got %+v", fb.Requests())
		}
	}
	if _, err := r.keys.Write([]byte("]")); err != nil {
		t.Fatal(err)
	}
	r.screen.waitFor(t, "[2/4] hanging", "connecting: resolving the password")
	if _, err := r.keys.Write([]byte("]")); err != nil {
		t.Fatal(err)
	}
	r.screen.waitFor(t, "[3/4] unset", "secret unavailable: password_env: $NOT_SET_ANYWHERE is not set")
}
