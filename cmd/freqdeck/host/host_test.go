package host

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/freqdeck/freqdeck/server/rpctest"
)

// TestOperatorSeesTheTradeDesk: a pty, the trade desk, and a window change
// redraws at the new size.
func TestOperatorSeesTheTradeDesk(t *testing.T) {
	t.Parallel()
	h := newTestHost(t, hostOptions{})
	tm := h.login(h.operator, 120, 40)
	tm.waitText("Open trades")
	tm.resize(100, 30)
	tm.waitText("Open trades")
	if lines := strings.Split(tm.text(), "\n"); len(lines) != 30 {
		t.Fatalf("screen has %d lines after the resize", len(lines))
	}
	tm.keys("q")
	tm.waitEnd()
}

// TestViewerIsRefusedAForceExit: the viewer's x is refused with the reason
// and nothing reaches the bot.
func TestViewerIsRefusedAForceExit(t *testing.T) {
	t.Parallel()
	h := newTestHost(t, hostOptions{})
	tm := h.login(h.viewer, 120, 40)
	tm.waitText("Open trades (1)") // the trade is there to select
	tm.keys("x")
	tm.waitText("fake is read-only (viewer key): actions are disabled")
	if n := h.faults.Hits("POST /forceexit"); n != 0 {
		t.Fatalf("%d force-exits reached the bot", n)
	}
}

// TestUnlistedKeyAndPasswordAreRefusedAtAuth: only the listed keys log in;
// no password or keyboard-interactive is offered.
func TestUnlistedKeyAndPasswordAreRefusedAtAuth(t *testing.T) {
	t.Parallel()
	h := newTestHost(t, hostOptions{})
	if c, err := h.dial(gossh.PublicKeys(h.stranger.signer)); err == nil {
		c.Close()
		t.Fatal("an unlisted key logged in")
	}
	h.waitLog("login refused", gosshFingerprint(h.stranger))
	if c, err := h.dial(gossh.Password("s3cret")); err == nil {
		c.Close()
		t.Fatal("a password logged in")
	} else if !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("err = %v, want refused at auth", err)
	}
	ki := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
	if c, err := h.dial(ki); err == nil {
		c.Close()
		t.Fatal("keyboard-interactive logged in")
	}
}

// TestMaxSessions: one session more than the limit is told why and closed;
// the others go on.
func TestMaxSessions(t *testing.T) {
	t.Parallel()
	h := newTestHost(t, hostOptions{maxSessions: 1})
	first := h.login(h.operator, 120, 40)
	first.waitText("Open trades")
	second := h.login(h.viewer, 120, 40)
	second.waitOutput("all 1 session is in use")
	second.waitEnd()
	first.keys("h")
	first.waitText("Closed trades")
	h.waitLog("session refused", "all 1 session is in use", gosshFingerprint(h.viewer))
}

// TestLoginsAreLoggedWithTheirKey: the server's log (journalctl) names the
// key of each session, its comment and role.
func TestLoginsAreLoggedWithTheirKey(t *testing.T) {
	t.Parallel()
	h := newTestHost(t, hostOptions{})
	a := h.login(h.operator, 120, 40)
	a.waitText("Open trades")
	b := h.login(h.viewer, 80, 24)
	b.waitText("Open trades")
	h.waitLog("session opened", gosshFingerprint(h.operator), "alice@laptop", "role=operator")
	h.waitLog("session opened", gosshFingerprint(h.viewer), "bob@phone", "role=viewer")
	a.keys("q")
	a.waitEnd()
	h.waitLog("session closed", gosshFingerprint(h.operator), "alice@laptop")
}

// TestReconnectRestoresThePlace: the same key finds its last screen and
// the row selected there; another key does not.
func TestReconnectRestoresThePlace(t *testing.T) {
	t.Parallel()
	h := newTestHost(t, hostOptions{})
	h.bot.Update(func(f *rpctest.Fixtures) { // a second closed trade to select
		c := f.ClosedTrades[0]
		closed := *c.CloseTimestamp - 60_000 // a minute before: listed second
		c.TradeID, c.CloseTimestamp = c.TradeID+100, &closed
		f.ClosedTrades = append(f.ClosedTrades, c)
	})
	tm := h.login(h.operator, 120, 40)
	tm.waitText("Open trades")
	tm.keys("h")
	tm.waitText("Closed trades")
	first := ""
	tm.waitFor("a selected closed trade", func() bool { first = selectedID(tm.text()); return first != "" })
	tm.keys("j")
	second := ""
	tm.waitFor("the next closed trade selected", func() bool { second = selectedID(tm.text()); return second != first && second != "" })
	tm.keys("q")
	tm.waitEnd()
	again := h.login(h.operator, 120, 40)
	again.waitText("Closed trades")
	again.waitFor("closed trade #"+second+" selected again", func() bool { return selectedID(again.text()) == second })
	other := h.login(h.viewer, 120, 40)
	other.waitText("Open trades")
}

// selectedID is the id of the selected row (▸) on screen, "" for none.
func selectedID(screen string) string {
	_, after, ok := strings.Cut(screen, "▸")
	if !ok {
		return ""
	}
	if f := strings.Fields(after); len(f) > 0 {
		return f[0]
	}
	return ""
}

// TestShutdownSaysGoodbye: each session gets a line and closes.
func TestShutdownSaysGoodbye(t *testing.T) {
	t.Parallel()
	h := newTestHost(t, hostOptions{})
	a := h.login(h.operator, 120, 40)
	b := h.login(h.viewer, 80, 24)
	a.waitText("Open trades")
	b.waitText("Open trades")
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	for _, tm := range []*term{a, b} {
		tm.waitEnd()
		if !strings.Contains(tm.output(), goodbyeLine) {
			t.Fatalf("no goodbye in the output")
		}
	}
}

// TestHostKeyIsPrivateAndKept: generated once, mode 0600, the same after a
// restart.
func TestHostKeyIsPrivateAndKept(t *testing.T) {
	t.Parallel()
	path := t.TempDir() + "/state/host_ed25519"
	_, fp1, err := HostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", st.Mode().Perm())
	}
	_, fp2, err := HostKey(path)
	if err != nil || fp1 != fp2 || !strings.HasPrefix(fp1, "SHA256:") {
		t.Fatalf("fingerprints %q, %q (%v)", fp1, fp2, err)
	}
}

// TestIdleSessionIsClosed: no key for the idle timeout ends the session
// with a line saying why.
func TestIdleSessionIsClosed(t *testing.T) {
	t.Parallel()
	h := newTestHost(t, hostOptions{idle: 200 * time.Millisecond})
	tm := h.login(h.operator, 80, 24)
	tm.waitEnd()
	if !strings.Contains(tm.output(), "no key pressed for 200ms: goodbye.") {
		t.Fatalf("no idle line in the output:\n%q", tm.output())
	}
}

// TestDroppedSessionLeavesOthers: a client that vanishes mid-session does
// not touch another session, which goes on getting the bot's updates.
func TestDroppedSessionLeavesOthers(t *testing.T) {
	t.Parallel()
	h := newTestHost(t, hostOptions{})
	gone := h.login(h.operator, 120, 40)
	stays := h.login(h.viewer, 120, 40)
	gone.waitText("Open trades (1)")
	stays.waitText("Open trades (1)")
	_ = gone.client.Conn.Close() // no goodbye, no exit: the link is cut
	stays.keys("h")
	stays.waitText("Closed trades")
	stays.keys("t")
	stays.waitText("Open trades (1)")
	h.waitLog("session closed", gosshFingerprint(h.operator))
	if logs := h.logs.String(); strings.Contains(logs, "level=ERROR") {
		t.Fatalf("a dropped session is logged as an error:\n%s", logs)
	}
}

// TestColourProfilePerSession: each session is drawn in its own
// terminal's colours; NO_COLOR sent by one client turns them off there only.
func TestColourProfilePerSession(t *testing.T) {
	t.Parallel()
	h := newTestHost(t, hostOptions{})
	colour := h.login(h.operator, 120, 40)
	plain := h.loginEnv(h.operator, 120, 40, map[string]string{"NO_COLOR": "1"})
	colour.waitText("Open trades (1)")
	plain.waitText("Open trades (1)")
	if !strings.Contains(colour.output(), "38;5;") {
		t.Error("the xterm-256color session has no 256-colour escapes")
	}
	if out := plain.output(); strings.Contains(out, "38;5;") || strings.Contains(out, "38;2;") {
		t.Error("the NO_COLOR session has colour escapes")
	}
}

// TestRestrictedKeyIsRefused: a key whose line carries an OpenSSH option
// that narrows who may use it (from=, command=...), which freqdeck host does
// not enforce, is refused at login with the reason in the log, never let in
// unrestricted; the file's other keys still log in.
func TestRestrictedKeyIsRefused(t *testing.T) {
	t.Parallel()
	h := newTestHost(t, hostOptions{})
	path := filepath.Join(h.dir, "authorized_keys")
	lines := h.operator.line + " alice@laptop\n" + `from="10.9.9.9" ` + h.stranger.line + " restricted@box\n" +
		`no-pty,command="/usr/bin/true" ` + h.viewer.line + " backup\n"
	if err := os.WriteFile(path, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, k := range []testKey{h.stranger, h.viewer} {
		if c, err := h.dial(gossh.PublicKeys(k.signer)); err == nil {
			c.Close()
			t.Fatalf("a key with a restriction logged in: %s", gosshFingerprint(k))
		}
	}
	h.waitLog("login refused", gosshFingerprint(h.stranger), "from=")
	h.waitLog("login refused", gosshFingerprint(h.viewer), "command=")
	tm := h.login(h.operator, 120, 40)
	tm.waitText("Open trades")
}
