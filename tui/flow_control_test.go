package tui

import (
	"encoding/json"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient"
)

// TestPauseFlow: p asks first, naming the bot and its state; y pauses
// entries (/pause, the stopbuy route) and the refetched config shows the
// new state.
func TestPauseFlow(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()}))
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (3)", "● running")

	keys(tm, "p")
	waitText(t, tm, "Pause entries", "opens no new trades (stopbuy)")
	if n := fb.hitCount("POST /pause"); n != 0 {
		t.Fatalf("pause sent before confirmation")
	}
	keys(tm, "y")
	waitText(t, tm, "Pause entries: paused, no more entries will occur from now.", "● paused")
	if n := fb.hitCount("POST /pause"); n != 1 {
		t.Fatalf("POST /pause sent %d times, want 1", n)
	}
}

// TestReloadFlow: R asks first; y reloads once and refetches the whitelist.
func TestReloadFlow(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()}))
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (3)")
	fb.waitHits("GET /whitelist", 1)

	keys(tm, "R")
	waitText(t, tm, "Reload config", "re-reads its configuration")
	if n := fb.hitCount("POST /reload_config"); n != 0 {
		t.Fatalf("reload sent before confirmation")
	}
	keys(tm, "y")
	waitText(t, tm, "Reload config: Reloading config ...")
	fb.waitHits("GET /whitelist", 2)
	if n := fb.hitCount("POST /reload_config"); n != 1 {
		t.Fatalf("POST /reload_config sent %d times, want 1", n)
	}
}

// TestStopCancelled: S asks first, and n sends nothing.
func TestStopCancelled(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()}))
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (3)")

	keys(tm, "S")
	waitText(t, tm, "Stop bot", "Open trades stay open")
	keys(tm, "n")
	waitText(t, tm, "Stop bot: cancelled")
	if n := fb.hitCount("POST /stop"); n != 0 {
		t.Fatalf("POST /stop sent %d times after cancel", n)
	}
}

// TestLockAddAndDelete: l on a trade locks its pair for a typed duration;
// then, in the locks pane, d and y delete the old lock.
func TestLockAddAndDelete(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()}))
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (3)", "Locks (1)")

	keys(tm, "l")
	waitText(t, tm, "Lock pair", "BTC/USDT", "[30m_")
	keys(tm, "backspace", "backspace", "backspace", "2", "h", "tab", "tab", "n", "e", "w", "s", "enter")
	waitText(t, tm, "Locks (2)")
	bodies := fb.bodiesOf("POST /locks")
	if len(bodies) != 1 {
		t.Fatalf("POST /locks sent %d times, want 1", len(bodies))
	}
	var reqs []apiclient.LockRequest
	if err := json.Unmarshal([]byte(bodies[0]), &reqs); err != nil {
		t.Fatal(err)
	}
	if len(reqs) != 1 || reqs[0].Pair != "BTC/USDT" || reqs[0].Side != "*" ||
		reqs[0].Until != "2024-05-01 14:00:00Z" || apiclient.Deref(reqs[0].Reason) != "news" {
		t.Fatalf("lock request = %s", bodies[0])
	}

	keys(tm, "3", "d")
	waitText(t, tm, "Delete lock", "#7 XRP/USDT")
	keys(tm, "y")
	waitText(t, tm, "Locks (1)")
	if got := fb.bodiesOf("DELETE /locks/7"); len(got) != 1 {
		t.Fatalf("DELETE /locks/7 sent %d times, want 1", len(got))
	}
}

// TestLockFromLocksPaneValidates: a lock from the locks pane needs a pair
// and a valid duration; errors keep the dialog open and send nothing.
func TestLockFromLocksPaneValidates(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()}))
	tm := startTUI(t, m)
	waitText(t, tm, "Locks (1)")

	keys(tm, "3", "a")
	waitText(t, tm, "Lock pair", "e.g. BTC/USDT")
	keys(tm, "enter")
	waitText(t, tm, "pair is required")
	keys(tm, "D", "O", "G", "E", "/", "U", "S", "D", "T", "tab", "backspace", "backspace", "backspace", "9", "x", "enter")
	waitText(t, tm, `duration "9x"`)
	keys(tm, "backspace", "d", "enter")
	waitText(t, tm, "Locks (2)")
	bodies := fb.bodiesOf("POST /locks")
	if len(bodies) != 1 {
		t.Fatalf("POST /locks sent %d times, want 1", len(bodies))
	}
	var reqs []apiclient.LockRequest
	if err := json.Unmarshal([]byte(bodies[0]), &reqs); err != nil || reqs[0].Pair != "DOGE/USDT" ||
		reqs[0].Until != "2024-05-10 12:00:00Z" {
		t.Fatalf("lock request = %s (%v)", bodies[0], err)
	}
}

// TestForceExitPartialLimit: a limit exit of part of the amount sends the
// price and the amount; an amount above the trade's is refused.
func TestForceExitPartialLimit(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()}))
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (3)")

	keys(tm, "j", "x")
	waitText(t, tm, "Force exit", "#2 ETH/USDT")
	keys(tm, " ")
	waitText(t, tm, "Limit price", "[2991")
	keys(tm, "tab", "tab", "1", "enter")
	waitText(t, tm, "amount 1 is more than the trade's 0.0332")
	keys(tm, "backspace", "0", ".", "0", "1", "enter")
	waitText(t, tm, "Partial exit #2 ETH/USDT (0.01): Created exit order for trade 2.")
	var req apiclient.ForceExitRequest
	bodies := fb.bodiesOf("POST /forceexit")
	if len(bodies) != 1 {
		t.Fatalf("POST /forceexit sent %d times, want 1", len(bodies))
	}
	if err := json.Unmarshal([]byte(bodies[0]), &req); err != nil {
		t.Fatal(err)
	}
	if apiclient.Deref(req.OrderType) != "limit" || req.Price == nil || *req.Price != 2991 ||
		req.Amount == nil || *req.Amount != 0.01 {
		t.Fatalf("forceexit body = %s", bodies[0])
	}
}

// TestForceExitAllNeedsTypedWord: X needs "all" typed; y alone is text.
func TestForceExitAllNeedsTypedWord(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()}))
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (3)")

	keys(tm, "X", "y", "enter")
	waitText(t, tm, `type "all" to confirm`)
	keys(tm, "backspace", "a", "l", "l", "enter")
	waitText(t, tm, "Created exit orders for all open trades.")
	bodies := fb.bodiesOf("POST /forceexit")
	if len(bodies) != 1 || bodies[0] != `{"tradeid":"all"}` {
		t.Fatalf("forceexit bodies = %q", bodies)
	}
}
