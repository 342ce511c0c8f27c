package tui

import (
	"net/http"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// TestBurstOfEventsCoalesced: the first trade event of a burst refetches
// /status, /count and /profit at once; the rest of the burst shares one
// more refetch at the end of the debounce window.
func TestBurstOfEventsCoalesced(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	opts := testOptions(t, Bot{Name: "testbot", API: fb.client()})
	opts.Debounce = 300 * time.Millisecond
	m := newModel(t, opts)
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (3)")
	fb.waitSubscribed()
	base := fb.hitsCopy()

	for i := range 10 {
		fb.addTrade(apiclient.OpenTrade{Trade: apiclient.Trade{TradeCore: apiclient.TradeCore{
			TradeID: 100 + i, Pair: "ADA/USDT", IsOpen: true, Amount: 10, StakeAmount: 5, OpenRate: 0.5,
			OpenTimestamp: fixedClock().UnixMilli(),
		}}})
	}
	waitText(t, tm, "Open trades (13)")
	// A later status event is refetched after the burst's window closed.
	fb.publish(apiclient.StatusMsg{Type: apiclient.MsgStatus, Status: "running"})
	fb.waitHits("GET /show_config", base["GET /show_config"]+1)

	for _, r := range []string{"GET /status", "GET /count", "GET /profit"} {
		if got := fb.hitCount(r) - base[r]; got < 1 || got > 2 {
			t.Errorf("%s refetched %d times for one burst, want the first event's and at most one more", r, got)
		}
	}
	if got := fb.hitCount("GET /locks") - base["GET /locks"]; got != 0 {
		t.Errorf("/locks refetched %d times on trade events", got)
	}
}

// TestProtectionEventRefetchesLocks: a protection_trigger refetches /locks
// only.
func TestProtectionEventRefetchesLocks(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()}))
	tm := startTUI(t, m)
	waitText(t, tm, "Locks (1)")
	fb.waitSubscribed()
	base := fb.hitsCopy()

	ctx, cancel := fb.ctx()
	defer cancel()
	if _, err := fb.bot.AddLock(ctx, rpc.LockSpec{Pair: "ADA/USDT", Side: "*", Until: fixedClock().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	waitText(t, tm, "Locks (2)")
	if got := fb.hitCount("GET /status") - base["GET /status"]; got != 0 {
		t.Errorf("/status refetched %d times on a protection event", got)
	}
}

// TestSubscribesToEveryType: the stream subscribes to every standard type,
// then adds freqdeck_log in a second frame.
func TestSubscribesToEveryType(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()}))
	startTUI(t, m)
	fb.waitSubscribed()
	subs := fb.subscriptions()
	if len(subs) != 2 {
		t.Fatalf("subscribe frames %v, want two", subs)
	}
	first, second := subs[0], subs[1]
	if len(first) != len(apiclient.StandardMessageTypes()) {
		t.Errorf("first subscribe = %v, want every standard type", first)
	}
	if len(second) != len(first)+1 || second[len(second)-1] != string(apiclient.MsgLog) {
		t.Errorf("second subscribe = %v, want the standard types plus %s", second, apiclient.MsgLog)
	}
}

// TestReconnectAfterServerRestart: the bot goes away (connections dropped,
// new ones refused) and comes back; the console shows it offline, then
// reconnects the stream and refetches.
func TestReconnectAfterServerRestart(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client(), Refresh: 100 * time.Millisecond}))
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (3)", "· online ·")
	fb.waitSubscribed()

	fb.setDown(true)
	waitText(t, tm, "offline: ", "(retrying in")
	before := fb.hitCount("GET /status")
	fb.exitTrade(1) // while down: nobody hears the event
	fb.setDown(false)
	fb.waitSubscribed()
	waitText(t, tm, "Open trades (2)", "· online ·")
	if fb.hitCount("GET /status") <= before {
		t.Error("no refetch after the bot came back")
	}
}

// TestBotDownAtStart: the console starts while the bot is down, shows it
// offline, and recovers when it comes up.
func TestBotDownAtStart(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	fb.setDown(true)
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()}))
	tm := startTUI(t, m)
	waitText(t, tm, "testbot", "offline: ", "(retrying in")
	fb.setDown(false)
	waitText(t, tm, "Open trades (3)", "· online ·", "Unable to fetch ticker for DOGE/USDT")
}

// TestAuthFailed: refused credentials show "auth failed".
func TestAuthFailed(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	bad, err := apiclient.New(fb.srv.URL, apiclient.WithBasicAuth(actUser, "wrong"), apiclient.WithWSToken("wrong"))
	if err != nil {
		t.Fatal(err)
	}
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: bad}))
	tm := startTUI(t, m)
	waitText(t, tm, "testbot", "auth failed")
}

// TestOneBotDownOthersFine: with two bots, one down, the other loads and
// the status bar counts the one that is down; ] switches to it.
func TestOneBotDownOthersFine(t *testing.T) {
	t.Parallel()
	up, down := newFakeBot(t), newFakeBot(t)
	down.setDown(true)
	m := newModel(t, testOptions(t, Bot{Name: "alpha", API: up.client()}, Bot{Name: "beta", API: down.client()}))
	tm := startTUI(t, m)
	waitText(t, tm, "[1/2] alpha", "Open trades (3)", "1 other bot down")
	keys(tm, "]")
	waitText(t, tm, "[2/2] beta", "offline: ", "(retrying in")
	keys(tm, "b")
	waitText(t, tm, "Bots", "1 alpha", "2 beta")
	keys(tm, "k", "enter")
	waitText(t, tm, "[1/2] alpha")
}

// TestLogsPushedAndPolled: rows pushed as freqdeck_log appear once, even
// when a later poll returns them again.
func TestLogsPushedAndPolled(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()}))
	tm := startTUI(t, m)
	waitText(t, tm, "Unable to fetch ticker for DOGE/USDT")
	fb.waitSubscribed()

	row := apiclient.LogRow{Date: "2024-05-01 12:00:01", Timestamp: 1714564801000, Logger: "freqtrade.freqtradebot",
		Level: "INFO", Message: "Long signal found for ADA/USDT"}
	ctx, cancel := fb.ctx()
	defer cancel()
	if err := fb.bot.AddLogs(ctx, row); err != nil { // appended to /logs and pushed
		t.Fatal(err)
	}
	waitText(t, tm, "Long signal found for ADA/USDT")
	keys(tm, "ctrl+r")
	fb.waitHits("GET /logs", 2)
	view := finalView(t, tm)
	if n := countOf(view, "Long signal found for ADA/USDT"); n != 1 {
		t.Errorf("pushed row shown %d times, want 1:\n%s", n, view)
	}
}

// TestForceExitEventsNoSecondRefetch: the exit events a force exit causes
// reach the console while the exit is under way; the refetch of its
// completion answers them, so /status, /count and /profit are fetched once
// for the exit, not twice.
func TestForceExitEventsNoSecondRefetch(t *testing.T) {
	t.Parallel()
	fb := newFakeBot(t)
	release := fb.holdRoute("POST /forceexit")
	// The bot fills the exit while the request waits, then answers it, as
	// freqtrade does for a market exit: the answer is canned, since the
	// trade is closed by the time the request reaches the bot.
	fb.faults.FailNext("POST /forceexit", 1, rpctest.Answer{Status: http.StatusOK, ContentType: "application/json",
		Body: `{"result":"Created exit order for trade 1."}`})
	m := newModel(t, testOptions(t, Bot{Name: "testbot", API: fb.client()}))
	tm := startTUI(t, m)
	waitText(t, tm, "Open trades (3)")
	fb.waitSubscribed()

	keys(tm, "x", "y")
	fb.waitHits("POST /forceexit", 1)
	base := fb.hitsCopy()
	fb.exitTrade(1)
	// Stream messages are handled in order, and a debounce window takes in
	// every event before it fires: once this event's /locks refetch is
	// seen, the exit event has had its chance to refetch too.
	fb.publish(apiclient.ProtectionMsg{Type: apiclient.MsgProtectionTrigger, Lock: apiclient.Lock{ID: 8, Pair: "ADA/USDT"}})
	fb.waitHits("GET /locks", base["GET /locks"]+1)
	release()
	waitText(t, tm, "Created exit order for trade 1.", "Open trades (2)")
	for _, r := range []string{"GET /status", "GET /count", "GET /profit"} {
		if got := fb.hitCount(r) - base[r]; got != 1 {
			t.Errorf("%s fetched %d times for one force exit and its events, want 1", r, got)
		}
	}
}
