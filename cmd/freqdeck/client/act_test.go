package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/fakebot"
)

// runOn runs `freqdeck client <args>` against one configured bot, with its
// audit log at audit, and returns the exit status, stdout and stderr.
func runOn(t *testing.T, bot Target, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runDeps(t, Deps{Targets: func(context.Context, cli.BotFlags) ([]Target, error) { return []Target{bot}, nil }}, args...)
}

// auditLines reads the audit log at path.
func auditLines(t *testing.T, path string) []action.Entry {
	t.Helper()
	out, err := action.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestClientReadOnlyRefusesActions: every command that changes a read_only
// bot's state is refused with exit status 2 and a message naming
// read_only, before its password is asked for or anything is sent; reads
// still work.
func TestClientReadOnlyRefusesActions(t *testing.T) {
	t.Parallel()
	fb := fakebot.New(t, http.StatusOK, `{"status":"ok"}`)
	asked := 0
	bot := Target{Name: "ro", URL: fb.URL, ReadOnly: true, AuditPath: filepath.Join(t.TempDir(), "audit.jsonl"),
		Password: func(context.Context) (string, error) { asked++; return "pw", nil }}
	for _, args := range [][]string{
		{"start"}, {"stop"}, {"stopbuy"}, {"reload_config"}, {"forceenter", "BTC/USDT", "long"},
		{"forcebuy", "BTC/USDT"}, {"forceexit", "3"}, {"forceexit", "all"}, {"delete_trade", "3"},
		{"cancel_open_order", "3"}, {"lock_add", "BTC/USDT", "2h"}, {"delete_lock", "7"}, {"blacklist", "DOGE/USDT"},
	} {
		code, out, errOut := runOn(t, bot, args...)
		want := fmt.Sprintf(`bot "ro" is read-only (read_only = true): %s changes the bot's state, so it is refused`, args[0])
		if code != cli.ExitUsage || out != "" || !strings.Contains(errOut, want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	if n := len(fb.Requests()); n != 0 || asked != 0 {
		t.Fatalf("%d requests sent, password asked %d times, on a read-only bot", n, asked)
	}
	if _, err := os.Stat(bot.AuditPath); !os.IsNotExist(err) {
		t.Fatalf("a refused command wrote the audit log: %v", err)
	}
	for _, args := range [][]string{{"ping"}, {"blacklist"}, {"locks"}} {
		if code, _, errOut := runOn(t, bot, args...); code != 0 {
			t.Errorf("%v on a read-only bot: exit %d (%s)", args, code, errOut)
		}
	}
}

// TestClientAuditsActions: a state-changing command writes the console's
// audit lines (the attempt, then the result, one request id); reads write
// none.
func TestClientAuditsActions(t *testing.T) {
	t.Parallel()
	fb := fakebot.New(t, http.StatusOK, `{"result":"Created exit order for trade 3."}`)
	bot := Target{Name: "vps1", URL: fb.URL, AuditPath: filepath.Join(t.TempDir(), "state", "audit.jsonl")}
	if code, out, errOut := runOn(t, bot, "forceexit", "3", "limit"); code != 0 || !strings.Contains(out, "Created exit order") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, _, errOut := runOn(t, bot, "ping"); code != 0 {
		t.Fatalf("ping: %s", errOut)
	}
	lines := auditLines(t, bot.AuditPath)
	if len(lines) != 2 {
		t.Fatalf("%d audit lines, want 2: %+v", len(lines), lines)
	}
	at, res := lines[0], lines[1]
	req, _ := json.Marshal(at.Request)
	if at.Phase != action.PhaseAttempt || at.Via != "client" || at.Bot != "vps1" || at.Action != "force_exit" ||
		at.Target != "3" || string(req) != `{"ordertype":"limit","tradeid":"3"}` {
		t.Fatalf("attempt %+v (request %s)", at, req)
	}
	if res.Phase != action.PhaseResult || res.ID != at.ID || res.Outcome != action.Done ||
		res.Result != "Created exit order for trade 3." {
		t.Fatalf("result %+v", res)
	}
}

// TestClientUnknownOutcome: an action whose answer never comes exits 4,
// says the outcome is unknown, and leaves the attempt and an unknown result
// on record.
func TestClientUnknownOutcome(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-release }))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	bot := Target{Name: "slow", URL: srv.URL, AuditPath: filepath.Join(t.TempDir(), "audit.jsonl")}
	code, out, errOut := runOn(t, bot, "--timeout", "100ms", "forceenter", "ETH/USDT", "long")
	if code != cli.ExitUnknown || out != "" || !strings.Contains(errOut, "sent, no answer") ||
		!strings.Contains(errOut, "the outcome is unknown; check the bot") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	lines := auditLines(t, bot.AuditPath)
	if len(lines) != 2 || lines[0].Phase != action.PhaseAttempt || lines[1].Outcome != action.Unknown ||
		lines[1].ID != lines[0].ID || lines[1].Target != "ETH/USDT" || !strings.Contains(errOut, lines[0].ID) {
		t.Fatalf("audit %+v, stderr %q", lines, errOut)
	}
}

// TestClientCancelUnfilledEntry: freqtrade answers the cancel of an entry
// that filled nothing with 502 "no active trade", having removed the trade:
// the client reads it as done, like the console, with one consistent audit
// line.
func TestClientCancelUnfilledEntry(t *testing.T) {
	t.Parallel()
	fb := fakebot.New(t, http.StatusBadGateway, `{"error":"Error querying /api/v1/trades/3/open-order: no active trade"}`)
	bot := Target{Name: "b", URL: fb.URL, AuditPath: filepath.Join(t.TempDir(), "audit.jsonl")}
	code, out, errOut := runOn(t, bot, "cancel_open_order", "3")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got readAnswer
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Result != "entry order cancelled, trade removed" ||
		!strings.HasSuffix(got.Answer, "no active trade") {
		t.Fatalf("stdout %q (%v)", out, err)
	}
	lines := auditLines(t, bot.AuditPath)
	res := lines[len(lines)-1]
	if len(lines) != 2 || res.Outcome != action.Done || res.Result != "entry order cancelled, trade removed" ||
		!strings.HasSuffix(res.Answer, "no active trade") || res.Action != "cancel_order" {
		t.Fatalf("audit %+v", lines)
	}
}

// TestClientImportsNoConsoleOrServer: the client command, and all it
// imports, stays free of the console and the server.
func TestClientImportsNoConsoleOrServer(t *testing.T) {
	t.Parallel()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not on PATH")
	}
	out, err := exec.CommandContext(t.Context(), goBin, "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v: %s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"/tui", "/server", "/panes"} {
			if strings.HasPrefix(dep, "github.com/freqdeck/freqdeck"+banned) {
				t.Errorf("the client imports %s", dep)
			}
		}
	}
}
