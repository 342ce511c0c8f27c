package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestBotErrors maps rpc errors to freqtrade's answers.
func TestBotErrors(t *testing.T) {
	t.Parallel()
	logs := &syncBuffer{}
	s, bot := newTestServer(t, testConfig(), WithLogger(slog.New(slog.NewTextHandler(logs, nil))))

	bot.SetError("ForceExit", rpc.Errorf("invalid argument"))
	var eb apiclient.ErrorBody
	wantJSON(t, authed(t, s, post, "/api/v1/forceexit?x=1", `{"tradeid": "9"}`), http.StatusBadGateway, &eb)
	if want := "Error querying /api/v1/forceexit: invalid argument"; eb.Error != want {
		t.Fatalf("error %q, want %q", eb.Error, want)
	}

	bot.SetError("ForceEnter", fmt.Errorf("wrapped: %w", rpc.Errorf("Force_entry not enabled.")))
	wantJSON(t, authed(t, s, post, "/api/v1/forcebuy", `{"pair": "X/Y"}`), http.StatusBadGateway, &eb)
	if want := "Error querying /api/v1/forcebuy: Force_entry not enabled."; eb.Error != want {
		t.Fatalf("error %q, want %q", eb.Error, want)
	}

	bot.SetError("Trade", rpc.NotFound("Trade not found."))
	wantDetail(t, authed(t, s, get, "/api/v1/trade/77", ""), http.StatusNotFound, "Trade not found.")

	bot.SetError("Balance", &rpc.HTTPError{Status: http.StatusServiceUnavailable, Detail: "busy"})
	wantDetail(t, authed(t, s, get, "/api/v1/balance", ""), http.StatusServiceUnavailable, "busy")

	bot.SetError("Profit", errors.New("disk on fire: /secret/path"))
	rec := authed(t, s, get, "/api/v1/profit", "")
	wantDetail(t, rec, http.StatusInternalServerError, "Internal Server Error")
	if strings.Contains(rec.Body.String(), "disk on fire") {
		t.Fatal("internal error leaked to the client")
	}
	if !strings.Contains(logs.String(), "disk on fire") {
		t.Fatalf("internal error not logged: %s", logs)
	}
}

// TestCountStopped: /count fails with 502 when the trader is stopped.
func TestCountStopped(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	wantJSON(t, authed(t, s, post, "/api/v1/stop", ""), http.StatusOK, nil)
	var eb apiclient.ErrorBody
	wantJSON(t, authed(t, s, get, "/api/v1/count", ""), http.StatusBadGateway, &eb)
	if eb.Error != "Error querying /api/v1/count: trader is not running" {
		t.Fatalf("error %q", eb.Error)
	}
}

// TestUnknownRouteAndMethod: JSON 404 and 405 (with Allow).
func TestUnknownRouteAndMethod(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	for _, target := range []string{"/api/v1/nope", "/api/v1/edge", "/api", "/apiary", "/.env", "/assets/.git/config"} {
		wantDetail(t, authed(t, s, get, target, ""), http.StatusNotFound, "Not Found")
	}
	wantDetail(t, authed(t, s, post, "/api/v1/nope", ""), http.StatusMethodNotAllowed, "Method Not Allowed")
	rec := authed(t, s, http.MethodPut, "/api/v1/status", "")
	wantDetail(t, rec, http.StatusMethodNotAllowed, "Method Not Allowed")
	if got := rec.Header().Get("Allow"); got != "GET, HEAD" {
		t.Fatalf("Allow %q", got)
	}
	rec = authed(t, s, get, "/api/v1/forceexit", "") // the UI refuses api paths
	wantDetail(t, rec, http.StatusNotFound, "Not Found")
}

// TestPanicIs500: a panicking bot gives 500, not a dropped connection.
func TestPanicIs500(t *testing.T) {
	t.Parallel()
	s, err := New(panicBot{}, testConfig())
	if err != nil {
		t.Fatal(err)
	}
	wantDetail(t, authed(t, s, get, "/api/v1/whitelist", ""), http.StatusInternalServerError, "Internal Server Error")
}

// panicBot is an rpc.Bot whose Whitelist panics.
type panicBot struct{ rpc.Bot }

func (panicBot) Whitelist(context.Context) (apiclient.Whitelist, error) { panic("boom") }
