package rpctest_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// These tests run the fake through the real API server, as the console's
// and the client's tests do.

const (
	user, pass, wsToken = "freq", "trade", "ws-secret"
)

// fake is one fake freqtrade served over HTTP.
type fake struct {
	clock  *rpctest.Clock
	bot    *rpctest.Bot
	faults *rpctest.Faults
	ts     *httptest.Server
}

// serve starts the real server over a fake bot, with its hub running, behind
// Faults, until the test ends.
func serve(t *testing.T) *fake {
	t.Helper()
	clock := rpctest.NewClock(time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC))
	bot := rpctest.New(rpctest.WithClock(clock.Now))
	cfg := server.Config{Username: user, Password: pass, WSTokens: []string{wsToken}, Version: "test"}
	srv, err := server.New(bot, cfg, server.WithClock(clock.Now), server.WithSysInfo(bot.SysInfo))
	if err != nil {
		t.Fatal(err)
	}
	faults, ts := rpctest.Serve(t, srv, rpctest.WithFaultsClock(clock.Now))
	return &fake{clock: clock, bot: bot, faults: faults, ts: ts}
}

// client returns a Basic-auth client of the fake with its ws_token.
func (f *fake) client(t *testing.T) *apiclient.Client {
	t.Helper()
	c, err := apiclient.New(f.ts.URL, apiclient.WithBasicAuth(user, pass), apiclient.WithWSToken(wsToken))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// within returns a context that bounds a test's waits; it only fires on
// failure.
func within(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// waitFaults waits until cond holds.
func waitFaults(t *testing.T, f *rpctest.Faults, what string, cond func() bool) {
	t.Helper()
	if err := f.Wait(within(t), cond); err != nil {
		t.Fatalf("waiting for %s: %v (requests per route %v)", what, err, f.Counts())
	}
}

// nextEvent returns the next stream event of kind.
func nextEvent(t *testing.T, s *apiclient.Stream, kind apiclient.EventKind) apiclient.Event {
	t.Helper()
	ctx := within(t)
	for {
		select {
		case e, ok := <-s.Events():
			if !ok {
				t.Fatal("the stream ended")
			}
			if e.Kind == kind {
				return e
			}
		case <-ctx.Done():
			t.Fatalf("timed out waiting for a %v event", kind)
		}
	}
}
