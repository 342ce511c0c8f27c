package host

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"log/slog"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/freqdeck/freqdeck/apiclient"
	apiserver "github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/rpctest"
	"github.com/freqdeck/freqdeck/tui"
	"github.com/freqdeck/freqdeck/tui/termrt/vtest"
)

const (
	botUser, botPass, botWS = "op", "s3cret-pass", "ws-token-1"
	waitFor                 = 15 * time.Second
)

// syncBuffer is a log sink safe for the server's goroutines; changed
// signals each write.
type syncBuffer struct {
	mu      sync.Mutex
	buf     strings.Builder
	changed chan struct{}
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{changed: make(chan struct{}, 1)} }

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case b.changed <- struct{}{}:
	default:
	}
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitLog waits until the server's log holds every one of want on one line.
func (h *testHost) waitLog(want ...string) {
	h.t.Helper()
	deadline := time.NewTimer(waitFor)
	defer deadline.Stop()
	for {
		for _, line := range strings.Split(h.logs.String(), "\n") {
			if containsAll(line, want) {
				return
			}
		}
		select {
		case <-h.logs.changed:
		case <-deadline.C:
			h.t.Fatalf("no log line with %q in:\n%s", want, h.logs.String())
		}
	}
}

func containsAll(s string, want []string) bool {
	for _, w := range want {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// testKey is a generated key, with its private key file on disk.
type testKey struct {
	signer gossh.Signer
	path   string
	line   string // its authorized_keys line (without options or comment)
}

func newTestKey(t testing.TB, dir, name string) testKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, name)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey())))
	return testKey{signer: signer, path: path, line: line}
}

// testHost is a running host on a fake freqtrade.
type testHost struct {
	t                          testing.TB
	addr                       string
	fingerprint                string
	dir                        string
	operator, viewer, stranger testKey
	faults                     *rpctest.Faults
	bot                        *rpctest.Bot
	audit                      string
	logs                       *syncBuffer
	cancel                     context.CancelFunc
	done                       chan error
}

// hostOptions tune newTestHost.
type hostOptions struct {
	maxSessions int
	// slow makes the bot's polls hourly: only the first fetch is made.
	slow bool
	// idle is the idle timeout (default a minute).
	idle time.Duration
}

func newTestHost(t testing.TB, o hostOptions) *testHost {
	t.Helper()
	dir := t.TempDir()
	h := &testHost{t: t, dir: dir, audit: filepath.Join(dir, "audit.jsonl"), logs: newSyncBuffer(), done: make(chan error, 1)}
	h.operator = newTestKey(t, dir, "operator_key")
	h.viewer = newTestKey(t, dir, "viewer_key")
	h.stranger = newTestKey(t, dir, "stranger_key")
	keys := "# freqdeck test keys\n" + h.operator.line + " alice@laptop\n" +
		"freqdeck-role=viewer " + h.viewer.line + " bob@phone\n"
	authPath := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(authPath, []byte(keys), 0o600); err != nil {
		t.Fatal(err)
	}
	bot := rpctest.New()
	h.bot = bot
	srv, err := apiserver.New(bot, apiserver.Config{Username: botUser, Password: botPass, WSTokens: []string{botWS}})
	if err != nil {
		t.Fatal(err)
	}
	var ts *httptest.Server
	h.faults, ts = rpctest.Serve(t, srv)
	api, err := apiclient.New(ts.URL, apiclient.WithBasicAuth(botUser, botPass), apiclient.WithWSToken(botWS))
	if err != nil {
		t.Fatal(err)
	}
	b := tui.Bot{Name: "fake", API: api}
	if o.slow {
		b.Refresh, b.LogsRefresh = time.Hour, time.Hour
	}
	if o.idle == 0 {
		o.idle = time.Minute
	}
	if o.maxSessions == 0 {
		o.maxSessions = 10
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	ready := make(chan string, 1)
	cfg := Config{
		Listen: "127.0.0.1:0", AuthorizedKeys: authPath, HostKey: filepath.Join(dir, "state", "host_ed25519"),
		MaxSessions: o.maxSessions, IdleTimeout: o.idle, AuditPath: h.audit,
		Logger:  slog.New(slog.NewTextHandler(h.logs, nil)),
		Console: tui.Options{Bots: []tui.Bot{b}},
		Ready: func(addr net.Addr, fp string) {
			h.fingerprint = fp
			ready <- addr.String()
		},
	}
	go func() { h.done <- Serve(ctx, cfg) }()
	select {
	case h.addr = <-ready:
	case err := <-h.done:
		t.Fatalf("host did not start: %v", err)
	}
	t.Cleanup(func() { h.stop() })
	return h
}

// stop stops the host and waits for it.
func (h *testHost) stop() error {
	h.cancel()
	select {
	case err := <-h.done:
		h.done <- err
		return err
	case <-time.After(waitFor):
		h.t.Fatalf("host did not stop")
		return nil
	}
}

// dial logs in with auth.
func (h *testHost) dial(auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", h.addr, &gossh.ClientConfig{
		User: "trader", Auth: auth, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: waitFor,
	})
}

// term is an SSH session with a pty, its screen emulated.
type term struct {
	t      testing.TB
	client *gossh.Client
	sess   *gossh.Session
	in     interface{ Write([]byte) (int, error) }
	mu     sync.Mutex
	screen *vtest.Screen
	raw    strings.Builder
	w, h   int
	change chan struct{}
	ended  chan struct{}
}

// login opens a session with key k on a w×h pty.
func (h *testHost) login(k testKey, w, ht int) *term {
	h.t.Helper()
	return h.loginEnv(k, w, ht, nil)
}

// loginEnv is login with environment variables sent to the server.
func (h *testHost) loginEnv(k testKey, w, ht int, env map[string]string) *term {
	h.t.Helper()
	c, err := h.dial(gossh.PublicKeys(k.signer))
	if err != nil {
		h.t.Fatalf("login: %v", err)
	}
	sess, err := c.NewSession()
	if err != nil {
		h.t.Fatal(err)
	}
	for name, v := range env {
		if err := sess.Setenv(name, v); err != nil {
			h.t.Fatal(err)
		}
	}
	in, err := sess.StdinPipe()
	if err != nil {
		h.t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		h.t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", ht, w, gossh.TerminalModes{}); err != nil {
		h.t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		h.t.Fatal(err)
	}
	tm := &term{t: h.t, client: c, sess: sess, in: in, screen: vtest.New(w, ht), w: w, h: ht,
		change: make(chan struct{}, 1), ended: make(chan struct{})}
	go tm.read(out)
	h.t.Cleanup(func() { tm.close() })
	return tm
}

func (tm *term) read(out interface{ Read([]byte) (int, error) }) {
	defer close(tm.ended)
	buf := make([]byte, 32<<10)
	for {
		n, err := out.Read(buf)
		if n > 0 {
			tm.mu.Lock()
			tm.screen.Write(string(buf[:n]))
			tm.raw.Write(buf[:n])
			tm.mu.Unlock()
			select {
			case tm.change <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

// text is the screen's text now.
func (tm *term) text() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return strings.Join(tm.screen.Lines(), "\n")
}

// output is everything the session wrote, escapes and all.
func (tm *term) output() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.raw.String()
}

// waitText waits until the screen (or, with raw, the output) shows want.
func (tm *term) waitText(want string) {
	tm.t.Helper()
	tm.waitFor(want, func() bool { return strings.Contains(tm.text(), want) })
}

// waitOutput waits until the output holds want.
func (tm *term) waitOutput(want string) {
	tm.t.Helper()
	tm.waitFor(want, func() bool { return strings.Contains(tm.output(), want) })
}

func (tm *term) waitFor(what string, cond func() bool) {
	tm.t.Helper()
	deadline := time.NewTimer(waitFor)
	defer deadline.Stop()
	for !cond() {
		select {
		case <-tm.change:
		case <-tm.ended:
			if cond() {
				return
			}
			tm.t.Fatalf("session ended before %q; screen:\n%s", what, tm.text())
		case <-deadline.C:
			tm.t.Fatalf("no %q after %s; screen:\n%s", what, waitFor, tm.text())
		}
	}
}

// keys types s.
func (tm *term) keys(s string) {
	tm.t.Helper()
	if _, err := tm.in.Write([]byte(s)); err != nil {
		tm.t.Fatal(err)
	}
}

// resize changes the pty's size; the emulated screen starts blank.
func (tm *term) resize(w, h int) {
	tm.t.Helper()
	tm.mu.Lock()
	tm.screen, tm.w, tm.h = vtest.New(w, h), w, h
	tm.mu.Unlock()
	if err := tm.sess.WindowChange(h, w); err != nil {
		tm.t.Fatal(err)
	}
}

// waitEnd waits for the session to end.
func (tm *term) waitEnd() {
	tm.t.Helper()
	select {
	case <-tm.ended:
	case <-time.After(waitFor):
		tm.t.Fatalf("session did not end; screen:\n%s", tm.text())
	}
}

func (tm *term) close() {
	_ = tm.sess.Close()
	_ = tm.client.Close()
}

// gosshFingerprint is k's SHA256 fingerprint.
func gosshFingerprint(k testKey) string { return gossh.FingerprintSHA256(k.signer.PublicKey()) }
