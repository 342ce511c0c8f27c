package sshdial_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/apiclient/sshdial/sshtest"
	"golang.org/x/crypto/ssh"
)

// backend is the HTTP server the tunnels lead to.
func backend(t testing.TB) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello %s", r.URL.Path)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// get fetches url with an HTTP client that dials through h.
func get(t testing.TB, h *sshdial.Host, url string) string {
	t.Helper()
	body, err := fetch(ctxT(t), h, url)
	if err != nil {
		t.Fatal(err)
	}
	return body
}

func fetch(ctx context.Context, h *sshdial.Host, url string) (string, error) {
	tr := &http.Transport{DialContext: h.DialContext}
	defer tr.CloseIdleConnections()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		return "", fmt.Errorf("GET %s through %s: %w", url, h.Name(), err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), err
}

func TestAgentAuth(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	key, pub := sshtest.NewKey(t)
	srv := sshtest.NewServer(t, pub)
	web := backend(t)
	e.startAgent(key)
	// The socket comes from IdentityAgent, which wins over SSH_AUTH_SOCK.
	e.config(hostBlock("box", srv, "IdentityAgent "+e.env["SSH_AUTH_SOCK"]))
	e.env["SSH_AUTH_SOCK"] = "/nonexistent"
	e.trust(srv)

	h := host(t, e.pool(), "box")
	waitPhase(t, h, sshdial.PhaseConnected)
	if got := get(t, h, web.URL+"/ping"); got != "hello /ping" {
		t.Fatalf("body %q", got)
	}
	if srv.Tunnels() != 1 {
		t.Fatalf("tunnels %d, want 1: the request did not go through SSH", srv.Tunnels())
	}
	if !slices.Contains(srv.Offered(), ssh.FingerprintSHA256(pub)) {
		t.Fatalf("the agent's key was not offered: %v", srv.Offered())
	}
}

func TestKeyFileAuthWithTokens(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	key, pub := sshtest.NewKey(t)
	srv := sshtest.NewServer(t, pub)
	web := backend(t)
	e.write("keys/.keep", "")
	e.writeKey("keys/deploy-box", key, "")
	e.config(hostBlock("box", srv, "User deploy", "IdentityFile %d/.ssh/keys/%r-%n", "IdentitiesOnly yes"))
	e.trust(srv)

	h := host(t, e.pool(), "box")
	waitPhase(t, h, sshdial.PhaseConnected)
	if got := get(t, h, web.URL+"/x"); got != "hello /x" {
		t.Fatalf("body %q", got)
	}
	if got := h.Target().IdentityFiles; len(got) != 1 || got[0] != e.path("keys/deploy-box") {
		t.Fatalf("identity files %v", got)
	}
}

func TestEncryptedKeyAsksPassphraseOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	key, pub := sshtest.NewKey(t)
	srv := sshtest.NewServer(t, pub)
	web := backend(t)
	e.writeKey("id_ed25519", key, "s3cret")
	e.config(hostBlock("box", srv))
	e.trust(srv)
	clock := newFakeClock()
	var mu sync.Mutex
	var asked []string
	answers := []string{"wrong", "s3cret"}
	p := e.pool(func(o *sshdial.Options) {
		o.Clock = clock
		o.Passphrase = func(_ context.Context, path string) (string, error) {
			mu.Lock()
			defer mu.Unlock()
			asked = append(asked, path)
			return answers[min(len(asked)-1, 1)], nil
		}
	})

	h := host(t, p, "box")
	waitPhase(t, h, sshdial.PhaseConnected)
	if got := get(t, h, web.URL+"/"); got != "hello /" {
		t.Fatalf("body %q", got)
	}
	// The link drops and comes back: the unlocked key is remembered.
	srv.DropAll()
	waitPhase(t, h, sshdial.PhaseRetrying)
	clock.Fire(t)
	waitPhase(t, h, sshdial.PhaseConnected)
	if got := get(t, h, web.URL+"/again"); got != "hello /again" {
		t.Fatalf("body %q", got)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []string{e.path("id_ed25519"), e.path("id_ed25519")}
	if !slices.Equal(asked, want) {
		t.Fatalf("asked %v, want %v (a wrong answer, a right one, none on reconnect)", asked, want)
	}
	if srv.Conns() != 2 {
		t.Fatalf("server saw %d connections, want 2", srv.Conns())
	}
}

// TestPassphrasePromptBlocksNoOtherHost: a prompt left unanswered holds up
// only its own host, and Close ends it. Not parallel: it counts every
// goroutine of the package.
func TestPassphrasePromptBlocksNoOtherHost(t *testing.T) {
	e := newEnv(t)
	lockedKey, lockedPub := sshtest.NewKey(t)
	agentKey, agentPub := sshtest.NewKey(t)
	a := sshtest.NewServer(t, lockedPub)
	b := sshtest.NewServer(t, agentPub)
	e.writeKey("id_locked", lockedKey, "pw")
	e.startAgent(agentKey)
	e.config(hostBlock("a", a, "IdentityFile ~/.ssh/id_locked", "IdentitiesOnly yes"), hostBlock("b", b))
	e.trust(a, b)
	prompting := make(chan string, 1)
	ended := make(chan error, 1)
	p := sshdial.NewPool(func() sshdial.Options {
		o := e.opts
		o.Passphrase = func(ctx context.Context, path string) (string, error) {
			prompting <- path
			<-ctx.Done() // the operator never answers
			ended <- ctx.Err()
			return "", ctx.Err()
		}
		return o
	}())

	ha := host(t, p, "a")
	hb := host(t, p, "b")
	if got := <-prompting; got != e.path("id_locked") {
		t.Fatalf("prompted for %q", got)
	}
	waitPhase(t, hb, sshdial.PhaseConnected)
	if st := ha.State(); st.Phase != sshdial.PhaseConnecting {
		t.Fatalf("host a: %s while its prompt is open", st)
	}
	if slices.Contains(a.Offered(), ssh.FingerprintSHA256(agentPub)) {
		t.Fatal("IdentitiesOnly: the agent's other key was offered to host a")
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-ended; !errors.Is(err, context.Canceled) {
		t.Fatalf("prompt ended with %v", err)
	}
	for _, h := range []*sshdial.Host{ha, hb} {
		if st := h.State(); st.Phase != sshdial.PhaseClosed {
			t.Fatalf("%s after Close: %s", h.Name(), st)
		}
	}
	noGoroutinesLeft(t)
	if _, err := ha.DialContext(ctxT(t), "tcp", "127.0.0.1:1"); !errors.Is(err, sshdial.ErrClosed) {
		t.Fatalf("dial after Close: %v", err)
	}
}

func TestAuthFailedSaysWhatWasTried(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	agentKey, _ := sshtest.NewKey(t)
	fileKey, _ := sshtest.NewKey(t)
	_, wanted := sshtest.NewKey(t)
	srv := sshtest.NewServer(t, wanted)
	e.startAgent(agentKey)
	e.writeKey("id_ed25519", fileKey, "")
	e.config(hostBlock("box", srv))
	e.trust(srv)

	h := host(t, e.pool(), "box")
	st := waitPhase(t, h, sshdial.PhaseAuthFailed)
	if got, want := st.String(), "ssh: auth failed (tried agent, ~/.ssh/id_ed25519)"; got != want {
		t.Fatalf("state %q, want %q", got, want)
	}
	_, err := h.DialContext(ctxT(t), "tcp", "127.0.0.1:80")
	var authErr *sshdial.AuthError
	if !errors.As(err, &authErr) || authErr.Target != "tester@"+srv.Addr() {
		t.Fatalf("dial error %v (%T), want an *AuthError for tester@%s", err, err, srv.Addr())
	}
	if len(srv.Offered()) != 2 {
		t.Fatalf("offered %v, want the agent's key and the file's", srv.Offered())
	}
}

// TestTwoBotsShareOneConnection: two clients dialing through the same
// destination use one SSH connection.
func TestTwoBotsShareOneConnection(t *testing.T) {
	t.Parallel()
	e, srv := agentBox(t)
	web1, web2 := backend(t), backend(t)
	p := e.pool()

	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for _, url := range []string{web1.URL + "/one", web2.URL + "/two"} {
		wg.Add(1)
		go func() { // each bot asks for its host and dials at once
			defer wg.Done()
			h, err := p.Host("box")
			if err != nil {
				errs <- err
				return
			}
			got, err := fetch(ctxT(t), h, url)
			if want := "hello " + url[len(url)-4:]; err == nil && got != want {
				err = fmt.Errorf("got %q, want %q", got, want)
			}
			errs <- err
		}()
	}
	wg.Wait()
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.Conns(); n != 1 {
		t.Fatalf("server saw %d SSH connections, want 1", n)
	}
	if n := srv.Tunnels(); n != 2 {
		t.Fatalf("server forwarded %d tunnels, want 2", n)
	}
}

// TestEncryptedKeyWithoutPrompt: without a PassphraseFunc an encrypted key
// the server would take is reported, not silently dropped.
func TestEncryptedKeyWithoutPrompt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	key, pub := sshtest.NewKey(t)
	srv := sshtest.NewServer(t, pub)
	e.writeKey("id_ed25519", key, "pw")
	e.config(hostBlock("box", srv))
	e.trust(srv)
	st := waitPhase(t, host(t, e.pool(), "box"), sshdial.PhaseAuthFailed)
	if got, want := st.String(), "ssh: auth failed (tried ~/.ssh/id_ed25519 (encrypted, no passphrase prompt))"; got != want {
		t.Fatalf("state %q, want %q", got, want)
	}
}
