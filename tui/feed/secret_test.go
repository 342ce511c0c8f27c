package feed

import (
	"context"
	"errors"
	"testing"
	"time"
)

// secretFeed is a feed that gets its password from creds, not started.
func secretFeed(t *testing.T, creds *Credentials) (*Feed, *failingAPI) {
	t.Helper()
	api := &failingAPI{}
	f := New(t.Context(), 0, api, Options{
		Name: "b", Refresh: time.Hour, LogsRefresh: time.Hour, LogsRefreshPushed: time.Hour,
		Debounce: time.Millisecond, LogFlush: time.Hour, RetryMin: time.Hour, RetryMax: time.Hour,
		Timeout: 5 * time.Second, SecretTimeout: 50 * time.Millisecond,
		Clock:       func() time.Time { return time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC) },
		Credentials: creds,
	})
	return f, api
}

// TestSecretResolvedFirst: the password is asked for in the background
// before any request; with it, the feed starts.
func TestSecretResolvedFirst(t *testing.T) {
	t.Parallel()
	var used string
	f, api := secretFeed(t, &Credentials{
		Resolve: func(context.Context) (string, error) { return "pw", nil },
		Use:     func(p string) { used = p },
	})
	cmd := f.Start()
	if c := f.Conn(time.Now()); c.State != Connecting || c.Reason != "resolving the password" {
		t.Fatalf("while resolving: %+v", c)
	}
	if api.total() != 0 || f.RefreshNow() != nil {
		t.Fatal("a request went out before the password")
	}
	msg := cmd().(secretMsg)
	if _, next := f.Update(msg); next == nil || !f.started || used != "pw" {
		t.Fatalf("the resolved password did not start the feed (used %q)", used)
	}
}

// TestSecretFailures: a source that fails, or hangs past the timeout
// (ignoring its context), marks the bot NoSecret with the reason and sends
// nothing; an operator's password then starts it.
func TestSecretFailures(t *testing.T) {
	t.Parallel()
	hang := make(chan struct{})
	t.Cleanup(func() { close(hang) })
	cases := map[string]struct {
		resolve func(context.Context) (string, error)
		reason  string
	}{
		"fails": {func(context.Context) (string, error) { return "", errors.New("password_cmd: exit status 1") },
			"password_cmd: exit status 1"},
		"hangs": {func(context.Context) (string, error) { <-hang; return "late", nil }, "gave no password in time"},
	}
	for name, c := range cases {
		var used string
		f, api := secretFeed(t, &Credentials{Resolve: c.resolve, Use: func(p string) { used = p }, Prompt: true})
		start := time.Now()
		f.Update(f.Start()().(Msg))
		if waited := time.Since(start); waited > 5*time.Second {
			t.Fatalf("%s: waited %s for the source", name, waited)
		}
		conn := f.Conn(time.Now())
		if conn.State != NoSecret || conn.Reason != c.reason || !conn.CanPrompt || conn.Text(time.Now()) != "secret unavailable: "+c.reason {
			t.Fatalf("%s: %+v", name, conn)
		}
		if api.total() != 0 || f.started {
			t.Fatalf("%s: requests went out without a password", name)
		}
		if cmd := f.SetPassword("typed"); cmd == nil || !f.started || used != "typed" {
			t.Fatalf("%s: the typed password did not start the feed", name)
		}
	}
}

// TestNoSecretSource: without a source the feed waits for the operator.
func TestNoSecretSource(t *testing.T) {
	t.Parallel()
	f, _ := secretFeed(t, &Credentials{Use: func(string) {}, Prompt: true})
	if cmd := f.Start(); cmd != nil {
		t.Fatal("nothing to resolve, yet a command")
	}
	if c := f.Conn(time.Now()); c.State != NoSecret || c.Reason != "no password given" || !c.CanPrompt {
		t.Fatalf("conn = %+v", c)
	}
}
