package rpctest_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// apiStatus returns the HTTP status of an *apiclient.APIError, 0 otherwise.
func apiStatus(err error) (int, string) {
	var apiErr *apiclient.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Status, apiErr.Message
	}
	return 0, ""
}

func TestFaultsRecordRequestsPerRoute(t *testing.T) {
	t.Parallel()
	f := serve(t)
	c := f.client(t)
	ctx := context.Background()
	for range 2 {
		if _, err := c.Status(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.ForceExit(ctx, apiclient.ForceExitRequest{TradeID: "1"}); err != nil {
		t.Fatal(err)
	}
	if got := f.faults.Hits("GET /status"); got != 2 {
		t.Errorf("hits of GET /status = %d, want 2", got)
	}
	if got := f.faults.Counts(); len(got) != 2 || got["POST /forceexit"] != 1 {
		t.Errorf("counts = %v", got)
	}
	var body apiclient.ForceExitRequest
	if bodies := f.faults.Bodies("POST /forceexit"); len(bodies) != 1 || json.Unmarshal([]byte(bodies[0]), &body) != nil || body.TradeID != "1" {
		t.Errorf("bodies = %q", bodies)
	}
	reqs := f.faults.Requests()
	last := reqs[len(reqs)-1]
	if last.Method != http.MethodPost || last.Path != "/api/v1/forceexit" || last.Status != http.StatusOK ||
		!strings.HasPrefix(last.Header.Get("Authorization"), "Basic ") {
		t.Errorf("last request = %+v", last)
	}
	if calls := f.bot.CallsTo("ForceExit"); len(calls) != 1 {
		t.Errorf("the bot saw %d ForceExit calls, want 1", len(calls))
	}
}

func TestBotFaultsAnswerAsFreqtrade(t *testing.T) {
	t.Parallel()
	f := serve(t)
	c := f.client(t)
	ctx := context.Background()
	f.bot.SetError("ForceExit", rpc.Errorf("boom"))
	_, err := c.ForceExit(ctx, apiclient.ForceExitRequest{TradeID: "1"})
	if status, msg := apiStatus(err); status != http.StatusBadGateway || msg != "Error querying /api/v1/forceexit: boom" {
		t.Errorf("ForceExit: %v, want 502 with freqtrade's error body", err)
	}
	f.bot.FailNext("Count", 1, rpc.NotFound("no count"))
	_, err = c.Count(ctx)
	if status, msg := apiStatus(err); status != http.StatusNotFound || msg != "no count" {
		t.Errorf("Count: %v, want 404 no count", err)
	}
	if _, err := c.Count(ctx); err != nil {
		t.Errorf("second Count: %v", err)
	}
}

func TestFaultsAnswerRoutes(t *testing.T) {
	t.Parallel()
	f := serve(t)
	c := f.client(t)
	ctx := context.Background()

	f.faults.Fail("GET /show_config", rpctest.HTML(http.StatusOK, "<html><body>FreqUI</body></html>"))
	if _, err := c.ShowConfig(ctx); err == nil {
		t.Error("ShowConfig decoded an HTML page")
	}
	f.faults.FailNext("GET /status", 1, rpctest.Detail(http.StatusUnauthorized, "Unauthorized"))
	if _, err := c.Status(ctx); !apiclient.IsAuthError(err) {
		t.Errorf("Status: %v, want an auth error", err)
	}
	if _, err := c.Status(ctx); err != nil {
		t.Errorf("Status after the one 401: %v", err)
	}
	f.faults.FailNext("POST /forceexit", 1, rpctest.RPCError("POST /forceexit", "invalid argument"))
	_, err := c.ForceExit(ctx, apiclient.ForceExitRequest{TradeID: "1"})
	if status, msg := apiStatus(err); status != http.StatusBadGateway || msg != "Error querying /api/v1/forceexit: invalid argument" {
		t.Errorf("ForceExit: %v", err)
	}

	// 500s for 20 s on the faults' clock, for every route.
	f.faults.FailUntil("", f.clock.Now().Add(20*time.Second), rpctest.Detail(http.StatusInternalServerError, "Internal Server Error"))
	f.clock.Advance(19 * time.Second)
	if _, err := c.Status(ctx); func() int { s, _ := apiStatus(err); return s }() != http.StatusInternalServerError {
		t.Errorf("Status at 19 s: %v, want 500", err)
	}
	f.clock.Advance(time.Second)
	if _, err := c.Status(ctx); err != nil {
		t.Errorf("Status at 20 s: %v", err)
	}
	if n := len(f.bot.CallsTo("ShowConfig")); n != 0 {
		t.Errorf("the bot answered %d ShowConfig calls; the fault answers before the server", n)
	}
	f.faults.ClearFaults()
	if _, err := c.ShowConfig(ctx); err != nil {
		t.Errorf("ShowConfig after ClearFaults: %v", err)
	}
}

func TestFaultsHoldAnswersAfterTheClientGaveUp(t *testing.T) {
	t.Parallel()
	f := serve(t)
	c := f.client(t)
	release := f.faults.Hold("GET /status")
	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan error, 1)
	go func() {
		_, err := c.Status(ctx)
		got <- err
	}()
	waitFaults(t, f.faults, "the held request", func() bool { return f.faults.Hits("GET /status") == 1 })
	if _, err := c.Health(context.Background()); err != nil {
		t.Fatalf("another route is held too: %v", err)
	}
	cancel() // the client's timeout
	if err := <-got; !errors.Is(err, context.Canceled) {
		t.Fatalf("held Status: %v, want the client's context error", err)
	}
	if n := len(f.bot.CallsTo("Status")); n != 0 {
		t.Errorf("the held request reached the bot %d times", n)
	}
	release()
	if _, err := c.Status(context.Background()); err != nil {
		t.Fatalf("Status after release: %v", err)
	}
}

func TestPauseHoldsEveryRequestUntilResume(t *testing.T) {
	t.Parallel()
	f := serve(t)
	c := f.client(t)
	f.faults.Pause()
	got := make(chan error, 1)
	go func() {
		_, err := c.Ping(context.Background())
		got <- err
	}()
	waitFaults(t, f.faults, "the paused request", func() bool { return f.faults.Hits("GET /ping") == 1 })
	if r := f.faults.Requests()[0]; r.Status != 0 {
		t.Errorf("a paused request has status %d", r.Status)
	}
	f.faults.Resume()
	if err := <-got; err != nil {
		t.Fatalf("Ping after Resume: %v", err)
	}
	if r := f.faults.Requests()[0]; r.Status != http.StatusOK {
		t.Errorf("status after Resume = %d", r.Status)
	}
}

func TestDownRefusesUntilUp(t *testing.T) {
	t.Parallel()
	f := serve(t)
	c := f.client(t)
	ctx := context.Background()
	if _, err := c.Ping(ctx); err != nil { // a keep-alive connection is open now
		t.Fatal(err)
	}
	f.faults.Down()
	if _, err := c.Ping(ctx); err == nil {
		t.Fatal("Ping answered while down")
	}
	if f.faults.Refused() == 0 {
		t.Error("no connection was refused")
	}
	if n := f.faults.Hits("GET /ping"); n != 1 {
		t.Errorf("%d pings reached the handler, want only the first", n)
	}
	f.faults.Up()
	if _, err := c.Ping(ctx); err != nil {
		t.Fatalf("Ping after Up: %v", err)
	}
	f.faults.Fail("GET /ping", rpctest.HangUp())
	if _, err := c.Ping(ctx); err == nil {
		t.Fatal("Ping answered a hang-up")
	}
	if r := f.faults.Requests(); r[len(r)-1].Status != 0 {
		t.Errorf("a hung-up request has status %d", r[len(r)-1].Status)
	}
}
