package tui

import (
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
	"github.com/freqdeck/freqdeck/tui/feed"
)

// TestServerErrorsNeverLookFresh: every request answered 500 for 20 s (on
// the console's clock): the status bar says failing and why, "updated"
// stays 20 s old, the panes keep their data marked stale with its age; the
// first good answer makes it fresh again.
func TestServerErrorsNeverLookFresh(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	clk := rpctest.NewClock(fixedClock())
	opts := testOptions(t, Bot{Name: "testbot", API: fb.client()})
	opts.Clock = clk.Now
	// Wide enough for the status bar to keep "updated N s ago" beside the
	// reason and the refresh notice.
	tm := teatest.NewTestModel(t, newModel(t, opts), teatest.WithInitialTermSize(200, 40))
	t.Cleanup(func() { _ = tm.Quit() })
	waitText(t, tm, "Open trades (3)", "· online ·", "updated 0s ago")

	fb.failWith("", http.StatusInternalServerError, `{"detail":"Internal Server Error"}`)
	clk.Advance(20 * time.Second)
	keys(tm, "ctrl+r")
	waitText(t, tm, "failing: /", "500 Internal Server Error", "updated 20s ago",
		"stale 20s · Open trades (3)", "stale 20s · Locks (1)")

	fb.clearFailures()
	keys(tm, "ctrl+r")
	waitText(t, tm, "· online ·", "updated 0s ago")
	view := finalView(t, tm)
	if strings.Contains(view, "stale") || strings.Contains(view, "failing") {
		t.Fatalf("fresh data still marked:\n%s", view)
	}
}

// TestPausedServerAnswersAfterTimeout: a bot that stops answering (SIGSTOP)
// shows stale within SlowAfter, offline once the requests time out, and
// online when it answers again.
func TestPausedServerAnswersAfterTimeout(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	clk := rpctest.NewClock(fixedClock())
	opts := testOptions(t, Bot{Name: "testbot", API: fb.client()})
	opts.Clock = clk.Now
	// Longer than the console's one-second clock, which redraws the bar.
	opts.Timeout = 2500 * time.Millisecond
	opts.RetryMin, opts.RetryMax = 200*time.Millisecond, 200*time.Millisecond
	tm := startTUI(t, newModel(t, opts))
	waitText(t, tm, "Open trades (3)", "· online ·")

	release := fb.holdRoute("")
	t.Cleanup(release)
	keys(tm, "ctrl+r")
	fb.waitHits("GET /status", 2)
	clk.Advance(3 * time.Second)
	waitText(t, tm, "stale: no answer for 3s", "stale 3s · Open trades (3)")
	waitText(t, tm, "offline: no answer (timed out)")
	release()
	waitText(t, tm, "· online ·")
}

// TestBotDownAtStartSaysWhy: a bot that was never reached shows why in the
// status bar and in the pane bodies, never "No open trades".
func TestBotDownAtStartSaysWhy(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	fb.setDown(true)
	tm := startTUI(t, newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()})))
	waitText(t, tm, "testbot · offline: connection closed without an answer")
	view := finalView(t, tm)
	for _, lie := range []string{"No open trades", "No active locks", "Open trades (0)", "Locks (0)"} {
		if strings.Contains(view, lie) {
			t.Errorf("a bot never reached shows %q:\n%s", lie, view)
		}
	}
	if n := countOf(view, "offline: connection"); n != 5 {
		t.Errorf("the reason is in %d places, want the status bar and the four panes:\n%s", n, view)
	}
}

// TestUnreachableReasons: a closed port, a TLS certificate nobody trusts
// and a web server answering HTML each say why, in the bar and the panes.
func TestUnreachableReasons(t *testing.T) {
	t.Parallel()
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()
	tlsSrv := httptest.NewUnstartedServer(http.NotFoundHandler())
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0)
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<!doctype html><html><title>FreqUI</title></html>"))
	}))
	t.Cleanup(html.Close)
	for url, want := range map[string]string{
		closedURL:  "offline: connection refused",
		tlsSrv.URL: "offline: TLS: unknown certificate authority",
		html.URL:   "failing: not a freqtrade API: got HTML",
	} {
		c, err := apiclient.New(url, apiclient.WithBasicAuth(actUser, actPass), apiclient.WithWSToken(actWSToken))
		if err != nil {
			t.Fatal(err)
		}
		tm := startTUI(t, newModel(t, testOptions(t, Bot{Name: "testbot", API: c})))
		waitText(t, tm, "testbot · "+want)
		if view := finalView(t, tm); countOf(view, want) < 3 {
			t.Errorf("%s: the reason should be on the bar and in the panes:\n%s", url, view)
		}
	}
}

// TestWrongPasswordPromptAgain: a refused password says so, the bot is not
// asked again at full rate, and on an interactive bot P opens a masked
// dialog whose password is used at once.
func TestWrongPasswordPromptAgain(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	c, err := apiclient.New(fb.srv.URL, apiclient.WithBasicAuth(actUser, "wrong"), apiclient.WithWSToken(actWSToken))
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(t, Bot{Name: "testbot", API: c, Credentials: &feed.Credentials{
		Resolve: func(context.Context) (string, error) { return "wrong", nil }, Use: c.SetPassword, Prompt: true,
	}})
	opts.RetryMin, opts.RetryMax = 20*time.Millisecond, time.Hour // auth waits RetryMax
	tm := startTUI(t, newModel(t, opts))
	waitText(t, tm, "auth failed: 401 wrong username or password", "P type password")
	asked := fb.hitCount("GET /show_config")

	keys(tm, "P")
	waitText(t, tm, "Password", "[_")
	tm.Send(keyMsg(actPass))
	waitText(t, tm, "[••••••_")
	keys(tm, "enter")
	waitText(t, tm, "Open trades (3)", "· online ·")
	if got := fb.hitCount("GET /show_config"); got-asked > 1 {
		t.Errorf("/show_config asked %d times while the password was wrong, then once with the new one", got-asked)
	}
	if view := finalView(t, tm); strings.Contains(view, actPass) {
		t.Fatalf("the password shows on the screen:\n%s", view)
	}
}

// TestBrokenSecretOthersRun: one bot's password source fails, another's
// hangs past the timeout; each is marked, and the third bot runs.
func TestBrokenSecretOthersRun(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	hang := make(chan struct{})
	t.Cleanup(func() { close(hang) })
	broken, err := apiclient.New(fb.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	hanging, err := apiclient.New(fb.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(t,
		Bot{Name: "good", API: fb.client()},
		Bot{Name: "broken", API: broken, Credentials: &feed.Credentials{Use: broken.SetPassword,
			Resolve: func(context.Context) (string, error) { return "", errors.New("password_cmd: exit status 1") }}},
		Bot{Name: "hanging", API: hanging, Credentials: &feed.Credentials{Use: hanging.SetPassword,
			Resolve: func(context.Context) (string, error) { <-hang; return "late", nil }}},
	)
	opts.SecretTimeout = 200 * time.Millisecond
	tm := startTUI(t, newModel(t, opts))
	waitText(t, tm, "[1/3] good", "Open trades (3)", "2 other bots down")
	keys(tm, "]")
	waitText(t, tm, "[2/3] broken", "secret unavailable: password_cmd: exit status 1")
	keys(tm, "]")
	waitText(t, tm, "[3/3] hanging", "secret unavailable: gave no password in time")
}

// TestLogLineInFull: r on the logs pane opens the selected line wrapped in
// full, every line of it; esc closes it.
func TestLogLineInFull(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	long := "Exit for BTC/USDT detected. " + strings.Repeat("The reason goes on and on. ", 12) + "THE END"
	fb.addLogRows(apiclient.LogRow{Date: "2024-05-01 12:00:00", Timestamp: 1714564800000,
		Logger: "freqtrade.freqtradebot", Level: "INFO", Message: long + "\nsecond line"})
	tm := startTUI(t, newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()})))
	waitText(t, tm, "Exit for BTC/USDT detected. The reason")
	keys(tm, "4", "r")
	waitText(t, tm, "Log line", "THE END", "second line", "freqtrade.freqtradebot")
	keys(tm, "esc")
	view := finalView(t, tm)
	if strings.Contains(view, "THE END") || strings.Contains(view, "Log line") {
		t.Fatalf("esc did not close the line:\n%s", view)
	}
}
