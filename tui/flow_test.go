package tui

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
)

// TestForceExitFlow: select a trade, x, confirm; the request reaches the
// server once with the right body, the result shows on the status bar, the
// audit log records it, and the row goes once the server publishes the
// exit and the debounced refetch returns one trade fewer.
func TestForceExitFlow(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	opts := testOptions(t, Bot{Name: "testbot", API: fb.client()})
	m := newModel(t, opts)
	tm := startTUI(t, m)

	waitText(t, tm, "Open trades (3)", "ETH/USDT")
	fb.waitSubscribed()
	keys(tm, "j", "x")
	waitText(t, tm, "Force exit", "#2 ETH/USDT long", "-0.71%")
	keys(tm, "y")
	waitText(t, tm, "Force exit #2 ETH/USDT: Created exit order for trade 2.")

	if got := fb.bodiesOf("POST /forceexit"); len(got) != 1 || got[0] != `{"tradeid":"2","ordertype":"market"}` {
		t.Fatalf("forceexit bodies = %q", got)
	}
	fb.exitTrade(2)
	waitText(t, tm, "Open trades (2)")

	view := finalView(t, tm)
	if strings.Contains(view, " 2 ETH/USDT") {
		t.Errorf("the exited trade is still shown:\n%s", view)
	}
	golden.RequireEqual(t, []byte(view))

	audit := readAudit(t, opts.AuditPath)
	if len(audit) != 2 {
		t.Fatalf("audit log has %d entries, want the attempt and its result", len(audit))
	}
	e, res := audit[0], audit[1]
	raw, _ := json.Marshal(e.Request)
	var req apiclient.ForceExitRequest
	if err := json.Unmarshal(raw, &req); err != nil {
		t.Fatal(err)
	}
	if e.Phase != action.PhaseAttempt || e.Bot != "testbot" || e.Action != "force_exit" || e.Target != "2" ||
		e.Via != "console" || req.TradeID != "2" || apiclient.Deref(req.OrderType) != "market" || req.Amount != nil ||
		e.Outcome != 0 || e.Result != "" || !e.Time.Equal(fixedClock()) || e.ID == "" {
		t.Errorf("attempt = %+v (request %s)", e, raw)
	}
	if res.Phase != action.PhaseResult || res.ID != e.ID || res.Outcome != action.Done ||
		res.Result != "Created exit order for trade 2." || res.Request != nil || res.Status != 0 {
		t.Errorf("result = %+v", res)
	}
}

// TestForceExitRepeatedKeysSendOnce: x y y enter pressed at once sends one
// request: the dialog consumes y, the second y and enter land elsewhere.
func TestForceExitRepeatedKeysSendOnce(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()}))
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (3)")

	keys(tm, "x", "y", "y", "enter")
	waitText(t, tm, "Created exit order for trade 1.", "Trade #1")
	fb.waitHits("POST /forceexit", 1)
	if n := fb.hitCount("POST /forceexit"); n != 1 {
		t.Fatalf("POST /forceexit sent %d times, want 1", n)
	}
}

// TestForceExitInFlightNotRepeated: while the first exit of a trade is in
// flight, asking again for the same trade is refused, not sent.
func TestForceExitInFlightNotRepeated(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	release := fb.holdRoute("POST /forceexit")
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()}))
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (3)")

	keys(tm, "x", "y")
	fb.waitHits("POST /forceexit", 1)
	keys(tm, "x")
	waitText(t, tm, "Force exit #1 is already in progress")
	release()
	waitText(t, tm, "Created exit order for trade 1.")
	if n := fb.hitCount("POST /forceexit"); n != 1 {
		t.Fatalf("POST /forceexit sent %d times, want 1", n)
	}
}

// TestServerErrorOnStatusBar: a 502 {"error": ...} shows the server's own
// message, and the audit log records the failure.
func TestServerErrorOnStatusBar(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	fb.failWith("POST /forceexit", http.StatusBadGateway, `{"error": "Error querying /api/v1/forceexit: invalid argument"}`)
	opts := testOptions(t, Bot{Name: "testbot", API: fb.client()})
	m := newModel(t, opts)
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (3)")

	keys(tm, "x", "y")
	waitText(t, tm, "Force exit #1 BTC/USDT failed: Error querying /api/v1/forceexit: invalid argument")
	audit := readAudit(t, opts.AuditPath)
	if len(audit) != 2 || audit[1].Status != http.StatusBadGateway || audit[1].Outcome != action.Refused ||
		audit[1].Result != "Error querying /api/v1/forceexit: invalid argument" || audit[1].ID != audit[0].ID {
		t.Fatalf("audit = %+v", audit)
	}
}

// TestReadOnlyBotRefuses: a read_only bot refuses actions with a reason and
// sends nothing.
func TestReadOnlyBotRefuses(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client(), ReadOnly: true}))
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (3)", "read-only")

	keys(tm, "x")
	waitText(t, tm, "testbot is read-only (read_only = true): actions are disabled")
	keys(tm, "esc", "S")
	keys(tm, "p")
	fb.waitHits("GET /show_config", 1)
	view := finalView(t, tm)
	if strings.Contains(view, "Force exit") || strings.Contains(view, "Stop bot") {
		t.Errorf("a dialog opened on a read-only bot:\n%s", view)
	}
	for _, r := range []string{"POST /forceexit", "POST /stop", "POST /pause"} {
		if n := fb.hitCount(r); n != 0 {
			t.Errorf("%s sent %d times on a read-only bot", r, n)
		}
	}
}

// readAudit decodes the audit log's lines.
func readAudit(t *testing.T, path string) []action.Entry {
	t.Helper()
	out, err := action.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
