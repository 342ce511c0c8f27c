package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// wantAuditPhases checks that the audit log holds one action's lines, in
// order, under one request id, with these outcomes; it returns them.
func wantAuditPhases(t *testing.T, path string, outcomes ...action.Outcome) []action.Entry {
	t.Helper()
	lines := readAudit(t, path)
	phases := []action.Phase{action.PhaseAttempt, action.PhaseResult, action.PhaseReconciled}
	if len(lines) != len(outcomes)+1 {
		t.Fatalf("audit log has %d lines, want %d: %+v", len(lines), len(outcomes)+1, lines)
	}
	for i, e := range lines {
		if e.ID != lines[0].ID || e.Phase != phases[i] || (i > 0 && e.Outcome != outcomes[i-1]) {
			t.Fatalf("audit line %d = %+v, want phase %s outcome %v under id %s", i, e, phases[i], outcomes, lines[0].ID)
		}
	}
	return lines
}

// TestPausedBotForceExitReconciled: the bot freezes (as under SIGSTOP)
// while a force exit is sent. The console says the outcome is unknown,
// never "failed", refuses the same exit meanwhile, and once the bot
// resumes and has closed the trade it shows that, with the audit log
// holding the attempt, the unknown result and the reconciled result under
// one request id.
func TestPausedBotForceExitReconciled(t *testing.T) {
	t.Parallel()
	ab := newActBot(t, rpctest.NewClock(fixedClock()))
	m, opts := ab.console(t, func(o *Options) { o.Timeout = 300 * time.Millisecond })
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (1)", "ETH/BTC")

	ab.faults.Pause()
	keys(tm, "x", "y")
	waitText(t, tm, "Force exit #1 ETH/BTC sent, no answer: checking…")
	keys(tm, "x")
	waitText(t, tm, "Force exit #1 refused: the last one (sent 12:00:00) has no known outcome yet")

	ab.faults.Resume()
	if err := ab.bot.CloseTrade(t.Context(), 1, 0.12); err != nil {
		t.Fatal(err)
	}
	waitText(t, tm, "Force exit #1 ETH/BTC: trade #1 is closed", "Open trades (0)")

	lines := wantAuditPhases(t, opts.AuditPath, action.Unknown, action.Done)
	if lines[2].Result != "trade #1 is closed" || !strings.Contains(lines[1].Result, "POST /forceexit") {
		t.Fatalf("audit = %+v", lines)
	}
	if n := ab.faults.Hits("POST /forceexit"); n != 1 {
		t.Fatalf("POST /forceexit sent %d times, want 1", n)
	}
	view := finalView(t, tm)
	if strings.Contains(view, "failed") {
		t.Fatalf("an unknown outcome reads as failed:\n%s", view)
	}
}

// TestUnknownOutcomeThatDidNotHappen: a 502 without freqtrade's error body
// (a proxy's page) leaves the outcome unknown; the trade stays open with
// no exit order while the bot keeps answering, so the console says the
// exit did not happen, and the exit can be sent again.
func TestUnknownOutcomeThatDidNotHappen(t *testing.T) {
	t.Parallel()
	ab := newActBot(t, rpctest.NewClock(fixedClock()))
	ab.faults.FailNext("POST /forceexit", 1, rpctest.HTML(502, "<html><title>502 Bad Gateway</title></html>"))
	// The console's own clock runs, so "nothing changed" can settle.
	tm, _, opts := ab.start(t, func(o *Options) { o.Clock, o.Timeout = time.Now, 200*time.Millisecond })

	keys(tm, "x", "y")
	waitText(t, tm, "Force exit #1 ETH/BTC sent, no answer: checking…")
	waitText(t, tm, "Force exit #1 ETH/BTC did not happen: trade #1 is still open with no exit order: not exited")
	lines := wantAuditPhases(t, opts.AuditPath, action.Unknown, action.Refused)
	if lines[1].Status != 502 || lines[1].Result != "Bad Gateway: 502 Bad Gateway" {
		t.Fatalf("result line %+v", lines[1])
	}

	keys(tm, "x", "y")
	waitText(t, tm, "Force exit #1 ETH/BTC: Created exit order for trade 1.")
	if n := ab.faults.Hits("POST /forceexit"); n != 2 {
		t.Fatalf("POST /forceexit sent %d times, want 2", n)
	}
}

// TestUnknownOutcomeGivesUp: a stop answered by a dropped connection, on a
// bot that then goes down: once the bound passes, the console says the
// outcome is still unknown, the audit log closes the action with that, and
// stop can be sent again when the bot is back.
func TestUnknownOutcomeGivesUp(t *testing.T) {
	t.Parallel()
	clock := rpctest.NewClock(fixedClock())
	ab := newActBot(t, clock)
	tm, _, opts := ab.start(t, nil)

	ab.faults.FailNext("POST /stop", 1, rpctest.HangUp())
	keys(tm, "S", "y")
	waitText(t, tm, "Stop sent, no answer: checking…", "checking 1 action")
	ab.faults.Down()
	waitText(t, tm, "offline: ", "(retrying")
	clock.Advance(DefaultCheckFor)
	waitText(t, tm, "Stop: outcome still unknown after 2m0s: the bot")
	lines := wantAuditPhases(t, opts.AuditPath, action.Unknown, action.Unknown)
	if !strings.HasPrefix(lines[2].Result, "still unknown after 2m0s") {
		t.Fatalf("reconciled line %+v", lines[2])
	}
	ab.faults.Up()
	waitText(t, tm, "online")
	keys(tm, "S", "y")
	waitText(t, tm, "Stop: stopping trader ...")
}

// TestCloseRecordsPendingChecks: a console that closes while an outcome is
// still being checked leaves the audit log saying so, and frees the action
// for the other consoles on the bot.
func TestCloseRecordsPendingChecks(t *testing.T) {
	t.Parallel()
	ab := newActBot(t, rpctest.NewClock(fixedClock()))
	ab.faults.Fail("POST /pause", rpctest.HangUp())
	reg := action.NewRegistry()
	tm, m, opts := ab.start(t, func(o *Options) { o.Bots[0].Actions = reg })
	keys(tm, "p", "y")
	waitText(t, tm, "Pause entries sent, no answer: checking…")
	ab.faults.Down()
	if reg.Check(action.Key{Kind: action.Pause}) == nil {
		t.Fatal("the pause is not pending in the shared registry")
	}
	_ = finalView(t, tm)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	lines := wantAuditPhases(t, opts.AuditPath, action.Unknown, action.Unknown)
	if lines[2].Result != "still unknown: the console closed before the bot told" {
		t.Fatalf("reconciled line %+v", lines[2])
	}
	if err := reg.Check(action.Key{Kind: action.Pause}); err != nil {
		t.Fatalf("the closed console still holds the pause: %v", err)
	}
}
