package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// fleet is a set of configured bots, chosen by the bot flags as the
// program chooses them: all of them (no --bot, or --all-bots), or those
// --bot lists, in its order.
func fleet(bots ...Target) func(context.Context, cli.BotFlags) ([]Target, error) {
	return func(_ context.Context, f cli.BotFlags) ([]Target, error) {
		if f.Bot == "" {
			return bots, nil
		}
		var out []Target
		for _, name := range strings.Split(f.Bot, ",") {
			i := slices.IndexFunc(bots, func(t Target) bool { return t.Name == name })
			if i < 0 {
				return nil, fmt.Errorf("no bot named %q", name)
			}
			out = append(out, bots[i])
		}
		return out, nil
	}
}

// runFleetCLI runs `freqdeck client <args>` over the fleet.
func runFleetCLI(t *testing.T, targets func(context.Context, cli.BotFlags) ([]Target, error), args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runDeps(t, Deps{Targets: targets}, args...)
}

// freqdeckBot serves freqdeck's API over a fake bot on 127.0.0.1.
func freqdeckBot(t *testing.T) (*rpctest.Bot, string) {
	t.Helper()
	bot := rpctest.New()
	srv, err := server.New(bot, server.Config{Username: "u", Password: "p", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	_, ts := rpctest.Serve(t, srv)
	return bot, ts.URL
}

// downURL is the address of a bot that is not running.
func downURL(t *testing.T) string {
	t.Helper()
	ts := httptest.NewServer(http.NotFoundHandler())
	ts.Close()
	return ts.URL
}

// lines decodes the JSON lines of the fleet output, checking each is one
// compact line.
func lines(t *testing.T, out string) []fleetLine {
	t.Helper()
	var got []fleetLine
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var fl fleetLine
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&fl); err != nil {
			t.Fatalf("line %q: %v\n%s", l, err, out)
		}
		got = append(got, fl)
	}
	return got
}

func pw(context.Context) (string, error) { return "p", nil }

// TestFleetPause: stopbuy on every bot (--all-bots): one JSON line per bot
// in the configured order, done on the two running bots, refused with the
// bot's words on one, not_sent on the bot that is down, skipped on the
// read_only one (nothing sent to it). Each action is its own pair of audit
// lines under one batch id; the exit status is 3 (not reached beats
// refused).
func TestFleetPause(t *testing.T) {
	t.Parallel()
	audit := filepath.Join(t.TempDir(), "audit.jsonl")
	a, aURL := freqdeckBot(t)
	b, bURL := freqdeckBot(t)
	b.SetError("Pause", &rpc.Error{Msg: "bot is in dry-run maintenance"})
	c, cURL := freqdeckBot(t)
	ro, roURL := freqdeckBot(t)
	bots := fleet(
		Target{Name: "a", URL: aURL, Username: "u", Password: pw, AuditPath: audit},
		Target{Name: "b", URL: bURL, Username: "u", Password: pw, AuditPath: audit},
		Target{Name: "down", URL: downURL(t), Username: "u", Password: pw, AuditPath: audit},
		Target{Name: "ro", URL: roURL, Username: "u", Password: pw, AuditPath: audit, ReadOnly: true},
		Target{Name: "c", URL: cURL, Username: "u", Password: pw, AuditPath: audit},
	)
	code, out, errOut := runFleetCLI(t, bots, "--all-bots", "stopbuy")
	if code != cli.ExitUnreachable || !strings.Contains(errOut, "2 of 5 bots failed: b (refused), down (not_sent)") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	got := lines(t, out)
	type want struct{ bot, outcome, result, err string }
	for i, w := range []want{
		{"a", "done", `{"status":"paused, no more entries will occur from now. Run /start to enable entries."}`, ""},
		{"b", "refused", `{"error":"Error querying /api/v1/stopbuy: bot is in dry-run maintenance"}`, "bot is in dry-run maintenance"},
		{"down", "not_sent", "", "cannot reach"},
		{"ro", "skipped", "", `bot "ro" is read-only (read_only = true)`},
		{"c", "done", `{"status":"paused, no more entries will occur from now. Run /start to enable entries."}`, ""},
	} {
		g := got[i]
		if g.Bot != w.bot || g.Outcome != w.outcome || string(g.Result) != w.result || !strings.Contains(g.Error, w.err) || (w.err == "") != (g.Error == "") {
			t.Errorf("line %d: %+v (result %s), want %+v", i, g, g.Result, w)
		}
	}
	if len(got) != 5 || got[0].Status != 200 || got[1].Status != 502 || got[2].Status != 0 {
		t.Fatalf("lines %+v", got)
	}
	if n := len(ro.Calls()); n != 0 {
		t.Fatalf("the read_only bot got %d calls", n)
	}
	for _, bot := range []*rpctest.Bot{a, c} {
		if st := bot.Fixtures().ShowConfig.State; st != string(rpc.StatePaused) {
			t.Fatalf("a running bot is %s after stopbuy", st)
		}
	}
	entries := auditLines(t, audit)
	if len(entries) != 8 {
		t.Fatalf("%d audit lines, want an attempt and a result for a, b, down and c: %+v", len(entries), entries)
	}
	batch := got[0].Batch
	outcomes := map[string]action.Outcome{}
	for _, e := range entries {
		if e.Batch != batch || batch == "" || e.Via != "client" || e.Action != "pause" {
			t.Fatalf("audit line %+v, want batch %q", e, batch)
		}
		if e.Phase == action.PhaseResult {
			outcomes[e.Bot] = e.Outcome
		}
	}
	if outcomes["a"] != action.Done || outcomes["b"] != action.Refused || outcomes["down"] != action.NotSent || outcomes["c"] != action.Done {
		t.Fatalf("audit outcomes %v", outcomes)
	}
	for _, l := range got {
		if l.Outcome != "skipped" && (l.ID == "" || l.Batch != batch) {
			t.Fatalf("line %+v has no request id or another batch", l)
		}
	}
}

// TestFleetRead: --bot a,b show_config prints each bot's answer as its
// result, in the --bot order; every bot answering exits 0, with no audit
// line and no batch (nothing changed).
func TestFleetRead(t *testing.T) {
	t.Parallel()
	audit := filepath.Join(t.TempDir(), "audit.jsonl")
	_, aURL := freqdeckBot(t)
	_, bURL := freqdeckBot(t)
	bots := fleet(
		Target{Name: "a", URL: aURL, Username: "u", Password: pw, AuditPath: audit},
		Target{Name: "b", URL: bURL, Username: "u", Password: pw, AuditPath: audit},
	)
	code, out, errOut := runFleetCLI(t, bots, "--bot", "b,a", "show_config")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	got := lines(t, out)
	if len(got) != 2 || got[0].Bot != "b" || got[1].Bot != "a" {
		t.Fatalf("lines %+v", got)
	}
	for _, l := range got {
		var cfg struct {
			State string `json:"state"`
		}
		if l.Outcome != "done" || l.Status != 200 || json.Unmarshal(l.Result, &cfg) != nil || cfg.State != "running" || l.ID != "" || l.Batch != "" {
			t.Fatalf("line %+v (result %s)", l, l.Result)
		}
	}
	if entries, _ := action.ReadFile(audit); len(entries) != 0 {
		t.Fatalf("a read wrote the audit log: %+v", entries)
	}
}

// TestFleetUnknownIsWorst: one bot holds the answer past --timeout (the
// outcome is unknown), another refuses: the exit status is 4, and the
// refusing bot's line still comes.
func TestFleetUnknownIsWorst(t *testing.T) {
	t.Parallel()
	slow, slowURL := freqdeckBot(t)
	t.Cleanup(slow.Hold("Pause"))
	no, noURL := freqdeckBot(t)
	no.SetError("Pause", &rpc.HTTPError{Status: http.StatusBadRequest, Detail: "nope"})
	bots := fleet(
		Target{Name: "slow", URL: slowURL, Username: "u", Password: pw, AuditPath: filepath.Join(t.TempDir(), "a.jsonl")},
		Target{Name: "no", URL: noURL, Username: "u", Password: pw},
	)
	code, out, errOut := runFleetCLI(t, bots, "--all-bots", "--timeout", "200ms", "stopbuy")
	got := lines(t, out)
	if code != cli.ExitUnknown || len(got) != 2 || got[0].Outcome != "unknown" || !strings.Contains(got[0].Error, "the outcome is unknown") ||
		got[1].Outcome != "refused" || got[1].Status != 400 || !strings.Contains(got[1].Error, "nope") {
		t.Fatalf("exit %d, lines %+v, stderr %q", code, got, errOut)
	}
}

// TestFleetUsage: --table has no fleet form, --all-bots needs configured
// bots, and several configured bots without a choice name the ways to
// choose.
func TestFleetUsage(t *testing.T) {
	t.Parallel()
	two := fleet(Target{Name: "a", URL: "http://127.0.0.1:1"}, Target{Name: "b", URL: "http://127.0.0.1:1"})
	for _, tc := range []struct {
		targets func(context.Context, cli.BotFlags) ([]Target, error)
		args    []string
		want    string
	}{
		{two, []string{"--all-bots", "--table", "status"}, "--table shows one bot"},
		{fleet(), []string{"--all-bots", "status"}, "--all-bots: no [[bot]] is configured"},
		{two, []string{"status"}, "choose one with --bot, several with --bot a,b, or all with --all-bots"},
	} {
		code, out, errOut := runFleetCLI(t, tc.targets, tc.args...)
		if code != cli.ExitUsage || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tc.args, code, out, errOut)
		}
	}
}

// TestFleetOfOne: --all-bots keeps the JSON-lines form with a single bot,
// so a script's parsing does not depend on how many bots are configured.
func TestFleetOfOne(t *testing.T) {
	t.Parallel()
	_, url := freqdeckBot(t)
	code, out, errOut := runFleetCLI(t, fleet(Target{Name: "only", URL: url, Username: "u", Password: pw}), "--all-bots", "ping")
	got := lines(t, out)
	if code != 0 || len(got) != 1 || got[0].Bot != "only" || string(got[0].Result) != `{"status":"pong"}` {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
