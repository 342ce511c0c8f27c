package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"golang.org/x/crypto/ssh"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/apiclient/sshdial/sshtest"
)

// sshBox is a private ~/.ssh whose Host "box" is an in-process SSH server
// accepting key, and the Pool over it.
type sshBox struct {
	srv  *sshtest.Server
	home string
	pool *sshdial.Pool
	ui   *SSH
}

// boxSetup says how the box's ~/.ssh is set up.
type boxSetup struct {
	trusted    bool   // known_hosts lists the server's key
	agent      bool   // the key is in an ssh-agent
	passphrase string // the key is ~/.ssh/id_ed25519, encrypted with this
	hostKeys   []ssh.Signer
}

func newSSHBox(t *testing.T, s boxSetup) *sshBox {
	t.Helper()
	key, pub := sshtest.NewKey(t)
	srv := sshtest.NewServerKeys(t, s.hostKeys, pub)
	home := t.TempDir()
	dir := filepath.Join(home, ".ssh")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("config", fmt.Sprintf("Host box\n  HostName 127.0.0.1\n  Port %d\n", srv.Port()))
	if s.trusted {
		write("known_hosts", srv.KnownHostsLine()+"\n")
	}
	env := map[string]string{"HOME": home}
	if s.agent {
		env["SSH_AUTH_SOCK"] = sshtest.StartAgent(t, key)
	}
	if s.passphrase != "" {
		sshtest.WriteKey(t, filepath.Join(dir, "id_ed25519"), key, s.passphrase)
	}
	prompts := NewSSHPrompts()
	pool := sshdial.NewPool(sshdial.Options{
		Home: home, Getenv: func(k string) string { return env[k] }, SystemDir: t.TempDir(), LocalUser: "tester",
		Passphrase: prompts.Passphrase, MinBackoff: 20 * time.Millisecond, MaxBackoff: 100 * time.Millisecond,
	})
	t.Cleanup(func() { _ = pool.Close() })
	return &sshBox{srv: srv, home: home, pool: pool, ui: &SSH{Trust: pool.Trust, Prompts: prompts}}
}

// knowAnotherKey writes a known_hosts whose line for the box's server
// holds another key: the server's key then reads as changed.
func (b *sshBox) knowAnotherKey(t *testing.T) {
	t.Helper()
	_, other := sshtest.NewKey(t)
	line := strings.Replace(b.srv.KnownHostsLine(), strings.TrimSpace(string(ssh.MarshalAuthorizedKey(b.srv.HostKey()))),
		strings.TrimSpace(string(ssh.MarshalAuthorizedKey(other))), 1)
	if err := os.WriteFile(filepath.Join(b.home, ".ssh", "known_hosts"), []byte(line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// bot is f's console bot reached through the box's host dest, as the
// console builds it.
func (b *sshBox) bot(t *testing.T, f *fakeBot, name, dest string) Bot {
	t.Helper()
	h, err := b.pool.Host(dest)
	if err != nil {
		t.Fatal(err)
	}
	c, err := apiclient.New(f.srv.URL, apiclient.WithBasicAuth(actUser, actPass), apiclient.WithWSToken(actWSToken),
		apiclient.WithClock(f.clock.Now), apiclient.WithDialContext(h.DialContext))
	if err != nil {
		t.Fatal(err)
	}
	return Bot{Name: name, API: c, SSH: h}
}

// TestSSHUnknownHostTrusted: a bot behind a host whose key is unknown
// shows the refusal with the key's fingerprint and the trust dialog naming
// host and key; yes appends a hashed line to known_hosts, and the bot's
// trades come through the SSH link. A second bot dialed directly goes on
// meanwhile.
func TestSSHUnknownHostTrusted(t *testing.T) {
	t.Parallel()
	box := newSSHBox(t, boxSetup{agent: true})
	far, near := newFakeBot(t), newFakeBot(t)
	opts := testOptions(t, box.bot(t, far, "far", "box"), Bot{Name: "near", API: near.client()})
	opts.SSH = box.ui
	tm := startTUI(t, newModel(t, opts))
	fp := ssh.FingerprintSHA256(box.srv.HostKey())
	waitText(t, tm, "Unknown SSH host key", "box (tester@127.0.0.1:", fp, "trust this key")
	known := filepath.Join(box.home, ".ssh", "known_hosts")
	if _, err := os.Stat(known); !os.IsNotExist(err) {
		t.Fatalf("known_hosts exists before the operator said yes: %v", err)
	}
	keys(tm, "esc", "]") // the other bot answers meanwhile
	waitText(t, tm, "near", "Open trades (3)")
	keys(tm, "[")
	waitText(t, tm, "far", "ssh: host key unknown", fp)
	keys(tm, "P", "y")
	// One wait: the status and the data may come in one frame.
	waitText(t, tm, "Open trades (3)", "ETH/USDT")
	if view := finalView(t, tm); !strings.Contains(view, "[1/2] far") || !strings.Contains(view, "running · dry run") {
		t.Fatalf("far is not shown running:\n%s", view)
	}
	text, err := os.ReadFile(known)
	if err != nil || !strings.HasPrefix(string(text), "|1|") || !strings.Contains(string(text), " ssh-ed25519 ") {
		t.Fatalf("known_hosts %q, %v: want one hashed ssh-ed25519 line", text, err)
	}
	if box.srv.Conns() != 1 {
		t.Fatalf("%d SSH connections after trust, want 1", box.srv.Conns())
	}
}

// TestSSHChangedHostKeyRefused: a host whose key differs from known_hosts
// is refused loudly, and the password key offers no way to trust it.
func TestSSHChangedHostKeyRefused(t *testing.T) {
	t.Parallel()
	box := newSSHBox(t, boxSetup{agent: true})
	box.knowAnotherKey(t)
	opts := testOptions(t, box.bot(t, newFakeBot(t), "far", "box"))
	opts.SSH = box.ui
	tm := startTUI(t, newModel(t, opts))
	waitText(t, tm, "ssh: host key CHANGED (")
	keys(tm, "P")
	waitText(t, tm, "a changed host key is never trusted here")
	view := finalView(t, tm)
	if strings.Contains(view, "Unknown SSH host key") || strings.Contains(view, "Open trades (3)") {
		t.Fatalf("a changed key was offered or passed:\n%s", view)
	}
}

// TestSSHPassphrasePrompt: an encrypted identity key asks for its
// passphrase in the console's prompt; a wrong one asks again, and the
// right one lets the bot's data through.
func TestSSHPassphrasePrompt(t *testing.T) {
	t.Parallel()
	box := newSSHBox(t, boxSetup{trusted: true, passphrase: "sesame"})
	opts := testOptions(t, box.bot(t, newFakeBot(t), "far", "box"))
	opts.SSH = box.ui
	tm := startTUI(t, newModel(t, opts))
	keyPath := filepath.Join(box.home, ".ssh", "id_ed25519")
	waitText(t, tm, "Passphrase", keyPath)
	keys(tm, "n", "o", "p", "e", "enter")
	waitText(t, tm, "That passphrase was wrong")
	keys(tm, "s", "e", "s", "a", "m", "e", "enter")
	waitText(t, tm, "Open trades (3)", "ETH/USDT")
}

// TestSSHAuthFailedShown: a host that refuses every key shows the SSH
// reason, naming what was tried, as the bot's state.
func TestSSHAuthFailedShown(t *testing.T) {
	t.Parallel()
	box := newSSHBox(t, boxSetup{trusted: true})
	opts := testOptions(t, box.bot(t, newFakeBot(t), "far", "box"))
	opts.SSH = box.ui
	tm := startTUI(t, newModel(t, opts))
	waitText(t, tm, "auth failed: ssh: auth failed")
}

// TestSSHLinkDownShown: a host that cannot be reached shows why, and
// when the link retries, as the bot's state.
func TestSSHLinkDownShown(t *testing.T) {
	t.Parallel()
	box := newSSHBox(t, boxSetup{agent: true})
	dest := fmt.Sprintf("tester@127.0.0.1:%d", sshtest.RefusedPort(t))
	opts := testOptions(t, box.bot(t, newFakeBot(t), "far", dest))
	opts.SSH = box.ui
	tm := startTUI(t, newModel(t, opts))
	waitText(t, tm, "offline: ssh: ", "connection refused", ", retrying")
}

// TestSSHViewerCannotTrust: a bot read-only for a reason of its own (a
// viewer's key in `freqdeck host`) gets no trust dialog for an unknown
// host key, nor one from the password key; known_hosts stays untouched.
func TestSSHViewerCannotTrust(t *testing.T) {
	t.Parallel()
	box := newSSHBox(t, boxSetup{agent: true})
	far := newFakeBot(t)
	bot := box.bot(t, far, "far", "box")
	bot.ReadOnly, bot.ReadOnlyReason = true, "viewer key"
	opts := testOptions(t, bot)
	opts.SSH = box.ui
	tm := startTUI(t, newModel(t, opts))
	fp := ssh.FingerprintSHA256(box.srv.HostKey())
	waitText(t, tm, fp, "host key unknown: only an operator may trust it (viewer key)")
	keys(tm, "P", "y")
	waitText(t, tm, "only an operator may trust a host key (viewer key)")
	view := finalView(t, tm)
	if strings.Contains(view, "Unknown SSH host key") {
		t.Fatalf("a viewer was offered the trust dialog:\n%s", view)
	}
	if _, err := os.Stat(filepath.Join(box.home, ".ssh", "known_hosts")); !os.IsNotExist(err) {
		t.Fatalf("known_hosts written for a viewer: %v", err)
	}
}

// TestSSHUnknownHostSharedOpensOnTheShownBot: two bots on one unknown host;
// whichever bot's feed tells of the key first, the trust dialog opens for
// the bot shown, with no key pressed.
func TestSSHUnknownHostSharedOpensOnTheShownBot(t *testing.T) {
	t.Parallel()
	box := newSSHBox(t, boxSetup{agent: true})
	one, two := newFakeBot(t), newFakeBot(t)
	opts := testOptions(t, box.bot(t, one, "one", "box"), box.bot(t, two, "two", "box"))
	opts.SSH = box.ui
	tm := startTUI(t, newModel(t, opts))
	waitText(t, tm, "Unknown SSH host key", "Bot      one", ssh.FingerprintSHA256(box.srv.HostKey()))
	keys(tm, "y")
	waitText(t, tm, "Open trades (3)", "ETH/USDT")
}

// TestSSHChangedHostKeyOnTheBar: at 100 columns the status bar still says
// why the bot is offline (the help hint goes first, then the reason is
// cut), not only "offline".
func TestSSHChangedHostKeyOnTheBar(t *testing.T) {
	t.Parallel()
	box := newSSHBox(t, boxSetup{agent: true})
	box.knowAnotherKey(t)
	opts := testOptions(t, box.bot(t, newFakeBot(t), "far", "box"))
	opts.SSH = box.ui
	tm := teatest.NewTestModel(t, newModel(t, opts), teatest.WithInitialTermSize(100, 30))
	waitText(t, tm, "ssh: host key CHANGED (")
	lines := strings.Split(finalView(t, tm), "\n")
	if bar := lines[len(lines)-1]; !strings.Contains(bar, "far · offline: ssh: host key CHANGED") {
		t.Fatalf("status bar %q: want the link's reason", bar)
	}
}
