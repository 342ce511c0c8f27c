package tui

import (
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// TestUnfilledEntryCancelled: cancelling an entry that filled nothing, by
// its order or by a force exit, makes freqtrade cancel the order and remove
// the trade, and answer with an error: 502 "no active trade" to the cancel,
// "Failed to exit trade." to the exit. The dialog says so first; the
// console reads the cancel as done, and checks the bot's state after the
// exit; the audit log records one consistent reading, never a failure.
func TestUnfilledEntryCancelled(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, method, key, msg, route, result string
		outcomes                              []action.Outcome
	}{
		{"cancel order", "CancelOpenOrder", "c", "no active trade", "/trades/1/open-order",
			"Cancel open order of #1 C1/BTC: entry order cancelled, trade removed", []action.Outcome{action.Done}},
		{"force exit", "ForceExit", "x", "Failed to exit trade.", "/forceexit",
			"Force exit #1 C1/BTC: entry order cancelled, trade removed", []action.Outcome{action.Unknown, action.Done}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ab := newActBot(t, rpctest.NewClock(fixedClock()), unfilledTrade())
			tm, _, opts := ab.start(t, nil)
			ab.failRemoving(t, tc.method, 1, rpc.Errorf("%s", tc.msg))
			keys(tm, tc.key)
			waitText(t, tm, "The entry order has not filled")
			keys(tm, "y")
			waitText(t, tm, tc.result)

			lines := wantAuditPhases(t, opts.AuditPath, tc.outcomes...)
			last := lines[len(lines)-1]
			if lines[1].Answer != "Error querying /api/v1"+tc.route+": "+tc.msg || last.Result != "entry order cancelled, trade removed" || last.Status != 0 {
				t.Fatalf("audit %+v", lines)
			}
			if view := finalView(t, tm); strings.Contains(view, "failed") {
				t.Fatalf("it reads as failed:\n%s", view)
			}
		})
	}
}

// TestMessagesHistoryShowsFullText: the status bar shows the first line of
// a long answer; m opens the history of results and errors with their
// times, in full.
func TestMessagesHistoryShowsFullText(t *testing.T) {
	t.Parallel()
	ab := newActBot(t, rpctest.NewClock(fixedClock()))
	ab.bot.SetError("ForceExit", rpc.Errorf("Exchange said no.\nInsufficient balance for the exit order on ETH/BTC: available 0.1, required 50."))
	tm, _, _ := ab.start(t, nil)

	keys(tm, "x", "y")
	waitText(t, tm, "Force exit #1 ETH/BTC failed: Error querying /api/v1/forceexit: Exchange said no.")
	keys(tm, "m")
	waitText(t, tm, "Messages (1, newest first)")
	view := finalView(t, tm)
	for _, want := range []string{"12:00:00 Force exit #1 ETH/BTC failed", "Exchange said no.",
		"Insufficient balance for the exit order on ETH/BTC: available 0.1, required 50.", "esc close"} {
		if !strings.Contains(view, want) {
			t.Errorf("the history does not show %q:\n%s", want, view)
		}
	}
}
