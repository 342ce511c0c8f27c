package tui

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// changeTrade replaces open trade t on the bot and announces it, as a fill
// or a price move would.
func changeTrade(t *testing.T, b *actBot, tr apiclient.OpenTrade) {
	t.Helper()
	if err := b.bot.OpenTrade(t.Context(), tr); err != nil {
		t.Fatal(err)
	}
}

// TestForceExitDialogIsLive: the open force-exit dialog follows the trade:
// its rate and profit move with the data; a change of amount is shown and
// takes one more confirm, and the exit then sends the latest amount.
func TestForceExitDialogIsLive(t *testing.T) {
	t.Parallel()
	ab := newActBot(t, rpctest.NewClock(fixedClock()))
	tm, _, _ := ab.start(t, nil)

	keys(tm, "x")
	waitText(t, tm, "Force exit", "Rate    0.109900")
	tr := ab.bot.Fixtures().OpenTrades[0]
	tr.CurrentRate, tr.ProfitRatio, tr.ProfitAbs = apiclient.F(0.125), apiclient.F(0.02), apiclient.F(0.0025)
	changeTrade(t, ab, tr)
	waitText(t, tm, "Rate    0.125000", "+2.00%")

	tr.Amount = 20
	changeTrade(t, ab, tr)
	waitText(t, tm, "Trade #1 changed: amount 50 → 20")
	keys(tm, "y")
	waitText(t, tm, "Check what changed, then confirm again to send.")
	if n := ab.faults.Hits("POST /forceexit"); n != 0 {
		t.Fatalf("the first confirm after a change sent the exit")
	}
	keys(tm, "tab", "2", "0", "y")
	waitText(t, tm, "Force exit #1 ETH/BTC: Created exit order for trade 1.")
	// 20 is all of the trade now: a full exit, no partial amount.
	if got := ab.faults.Bodies("POST /forceexit"); len(got) != 1 || got[0] != `{"tradeid":"1","ordertype":"market"}` {
		t.Fatalf("forceexit bodies = %q", got)
	}
}

// TestForceExitDialogEntryFills: the warning about an unfilled entry goes
// once the entry fills while the dialog is open, and the change is shown.
func TestForceExitDialogEntryFills(t *testing.T) {
	t.Parallel()
	ab := newActBot(t, rpctest.NewClock(fixedClock()), unfilledTrade())
	tm, _, _ := ab.start(t, nil)

	keys(tm, "x")
	waitText(t, tm, "The entry order has not filled", "blank = all 0")
	filled := rpctest.OpenTrades(1)[0]
	changeTrade(t, ab, filled)
	waitText(t, tm, "Trade #1 changed: amount 0 → 50", "entry filled", "blank = all 50")
	if view := finalView(t, tm); strings.Contains(view, "has not filled") {
		t.Fatalf("the unfilled-entry warning stayed:\n%s", view)
	}
}

// TestForceExitDialogOfClosedTrade: when the trade closes while its dialog
// is open, the dialog says so and sends nothing, however often confirmed.
func TestForceExitDialogOfClosedTrade(t *testing.T) {
	t.Parallel()
	ab := newActBot(t, rpctest.NewClock(fixedClock()))
	tm, _, opts := ab.start(t, nil)

	keys(tm, "x")
	waitText(t, tm, "Force exit", "#1 ETH/BTC long")
	if err := ab.bot.CloseTrade(t.Context(), 1, 0.12); err != nil {
		t.Fatal(err)
	}
	waitText(t, tm, "Trade #1 ETH/BTC is no longer open: nothing to exit.")
	keys(tm, "y", "y", "enter")
	view := finalView(t, tm)
	if !strings.Contains(view, "(no longer open)") {
		t.Fatalf("the dialog does not say the trade closed:\n%s", view)
	}
	if n := ab.faults.Hits("POST /forceexit"); n != 0 {
		t.Fatalf("POST /forceexit sent %d times for a closed trade", n)
	}
	if lines := readAudit(t, opts.AuditPath); len(lines) != 0 {
		t.Fatalf("audit %+v", lines)
	}
}

// TestActionOnOfflineBotNeedsTheStateTyped: on a bot that is offline, a
// confirmed action asks once more, naming the state, and sends only when
// the state's name is typed.
func TestActionOnOfflineBotNeedsTheStateTyped(t *testing.T) {
	t.Parallel()
	ab := newActBot(t, rpctest.NewClock(fixedClock()))
	tm, _, opts := ab.start(t, nil)
	ab.faults.Down()
	keys(tm, "ctrl+r") // fetch now, and fail
	waitText(t, tm, "offline: ", "(retrying")

	keys(tm, "x", "y", "y", "y")
	waitText(t, tm, "testbot is OFFLINE", "Connection  offline: ", "The bot is offline", "type offline")
	keys(tm, "enter")
	waitText(t, tm, `type "offline" to send to a bot that is offline`)
	if lines := readAudit(t, opts.AuditPath); len(lines) != 0 {
		t.Fatalf("sent before the state was typed: %+v", lines)
	}
	keys(tm, "backspace", "backspace")
	for _, r := range "offline" {
		keys(tm, string(r))
	}
	keys(tm, "enter")
	// The bot is down: the request is not answered, or not sent.
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("Force exit #1 ETH/BTC sent, no answer")) ||
			bytes.Contains(b, []byte("Force exit #1 ETH/BTC not sent"))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	_ = finalView(t, tm)
	lines := readAudit(t, opts.AuditPath)
	if len(lines) < 2 || lines[0].Phase != action.PhaseAttempt || lines[0].Action != "force_exit" {
		t.Fatalf("audit %+v", lines)
	}
}

// TestActionOnStaleBotNeedsTheStateTyped: the same for a bot whose data
// is stale: a request of its left unanswered for more than SlowAfter.
func TestActionOnStaleBotNeedsTheStateTyped(t *testing.T) {
	t.Parallel()
	clock := rpctest.NewClock(fixedClock())
	ab := newActBot(t, clock)
	tm, _, _ := ab.start(t, nil)
	hits := ab.faults.Hits("GET /status")
	release := ab.faults.Hold("GET /status")
	t.Cleanup(release)
	keys(tm, "ctrl+r")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := ab.faults.Wait(ctx, func() bool { return ab.faults.Hits("GET /status") > hits }); err != nil {
		t.Fatal(err)
	}
	clock.Advance(3 * time.Second) // the refresh has waited longer than SlowAfter (2 s)

	keys(tm, "p", "y")
	waitText(t, tm, "testbot is STALE", "Action      Pause entries", "The bot is stale", "type stale")
	for _, r := range "stale" {
		keys(tm, string(r))
	}
	keys(tm, "enter")
	waitText(t, tm, "Pause entries: paused")
	if n := ab.faults.Hits("POST /pause"); n != 1 {
		t.Fatalf("POST /pause sent %d times, want 1", n)
	}
}

// TestStartConfirms: s asks first, naming the bot and its state, like p,
// S and R; y starts the bot once.
func TestStartConfirms(t *testing.T) {
	t.Parallel()
	ab := newActBot(t, rpctest.NewClock(fixedClock()))
	tm, _, _ := ab.start(t, nil)

	keys(tm, "s")
	waitText(t, tm, "Start bot", "may open trades at once")
	if n := ab.faults.Hits("POST /start"); n != 0 {
		t.Fatal("start sent before confirmation")
	}
	keys(tm, "y", "y")
	waitText(t, tm, "Start: ")
	_ = finalView(t, tm)
	if n := ab.faults.Hits("POST /start"); n != 1 {
		t.Fatalf("POST /start sent %d times, want 1", n)
	}
}

// TestSharedRegistryAcrossConsoles: two consoles on one bot (the sessions
// of freqdeck host) share its action registry: while one console's exit
// is under way, the other refuses the same exit.
func TestSharedRegistryAcrossConsoles(t *testing.T) {
	t.Parallel()
	ab := newActBot(t, rpctest.NewClock(fixedClock()))
	reg := action.NewRegistry()
	share := func(o *Options) { o.Bots[0].Actions = reg }
	m1, opts := ab.console(t, share)
	m2, _ := ab.console(t, share)
	tm1, tm2 := startTUI(t, m1), startTUI(t, m2)
	waitText(t, tm1, "Open trades (1)")
	waitText(t, tm2, "Open trades (1)")

	release := ab.bot.Hold("ForceExit")
	t.Cleanup(release)
	keys(tm1, "x", "y")
	ab.waitCall(t, "ForceExit", 1)
	keys(tm2, "x")
	waitText(t, tm2, "Force exit #1 is already in progress")
	release()
	waitText(t, tm1, "Force exit #1 ETH/BTC: Created exit order for trade 1.")
	if n := ab.faults.Hits("POST /forceexit"); n != 1 {
		t.Fatalf("POST /forceexit sent %d times, want 1", n)
	}
	raw, _ := json.Marshal(readAudit(t, opts.AuditPath))
	if strings.Count(string(raw), `"phase":"attempt"`) != 1 {
		t.Fatalf("audit %s", raw)
	}
}
