package tui

import (
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// TestStatusBarKeepsConnectionBesideLongMessage: a long result does not push
// the bot's connection state off the status bar (seen: "127.0.0.1:8080 │
// Force exit #9 … did not happen …", with no word of online or offline);
// the message is cut instead, and m shows it in full.
func TestStatusBarKeepsConnectionBesideLongMessage(t *testing.T) {
	t.Parallel()
	ab := newActBot(t, rpctest.NewClock(fixedClock()))
	ab.bot.SetError("ForceExit", rpc.Errorf("%s", "Insufficient balance for the exit order on ETH/BTC: available 0.1, required 50, reserved 12, pending 3."))
	tm, _, _ := ab.start(t, nil)

	keys(tm, "x", "y")
	waitText(t, tm, "Force exit #1 ETH/BTC failed")
	view := finalView(t, tm)
	lines := strings.Split(view, "\n")
	bar := lines[len(lines)-1]
	if !strings.Contains(bar, "online") || !strings.Contains(bar, "Force exit #1 ETH/BTC failed") {
		t.Fatalf("status bar %q: want the connection state and the message's start", bar)
	}
}
