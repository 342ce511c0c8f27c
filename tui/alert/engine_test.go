package alert

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// message decodes a WebSocket frame of apiclient's test data.
func message(t *testing.T, name string) apiclient.Message {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "apiclient", "testdata", "ws", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := apiclient.DecodeMessage(data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// exitEvent is the exit fill of trade id on pair.
func exitEvent(id int, pair string) Event {
	return Event{Kind: ExitFill, Key: fmt.Sprint(id), Title: fmt.Sprintf("exit filled: %s #%d", pair, id), Label: pair}
}

func titles(as []Alert) []string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		out = append(out, a.Bot+": "+a.Title)
	}
	return out
}

func wantTitles(t *testing.T, got []Alert, want ...string) {
	t.Helper()
	if g := titles(got); strings.Join(g, "|") != strings.Join(want, "|") {
		t.Fatalf("alerts %q, want %q", g, want)
	}
}

// TestFromMessage reads freqtrade's messages as events: fills (a stoploss
// exit as its own kind), protections, warnings and exceptions; other
// messages are not events.
func TestFromMessage(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]Event{
		"entry_fill": {Kind: EntryFill, Key: "7/1714564800000000/0.03316/3012.5", Title: "entry filled: ETH/USDT #7 short",
			Body: "0.03316 ETH at 3012.5 USDT", Label: "ETH/USDT"},
		"exit_fill": {Kind: ExitFill, Key: "7/1714572300000000/0.0332/3075", Title: "exit filled: ETH/USDT #7 +1.82% (roi)",
			Body: "+1.8 USDT at 3075", Label: "ETH/USDT"},
		"protection_trigger": {Kind: Protection, Key: "3/ETH/BTC/1714564800000/1714566000000",
			Title: "protection: ETH/BTC locked (StoplossGuard)", Body: "until 2024-05-01 12:20:00", Label: "ETH/BTC"},
		"warning": {Kind: Warning, Title: "warning", Body: "Dry run is enabled. All trades are simulated.", Label: "warning"},
	} {
		got, ok := FromMessage(message(t, name))
		if !ok || got != want {
			t.Errorf("%s:\n got %+v %v\nwant %+v", name, got, ok, want)
		}
	}
	if ev, ok := FromMessage(message(t, "exception")); !ok || ev.Kind != Exception || !strings.Contains(ev.Body, "OperationalException") {
		t.Errorf("exception: %+v %v", ev, ok)
	}
	if ev, ok := FromMessage(message(t, "protection_trigger_global")); !ok || !strings.Contains(ev.Title, "all pairs locked") {
		t.Errorf("global protection: %+v %v", ev, ok)
	}
	for _, name := range []string{"entry", "exit", "entry_cancel", "status", "startup", "whitelist", "exception_request", "new_candle"} {
		if ev, ok := FromMessage(message(t, name)); ok {
			t.Errorf("%s is an event: %+v", name, ev)
		}
	}
	stop := "trailing_stop_loss"
	m := message(t, "exit_fill").(apiclient.ExitMsg)
	m.ExitReason = &stop
	if ev, _ := FromMessage(m); ev.Kind != StoplossExit || !strings.HasSuffix(ev.Title, "(trailing_stop_loss)") {
		t.Errorf("a trailing stop exit: %+v", ev)
	}
}

// TestDeduplication: an event is alerted once per bot, however often it
// comes; the same text of a warning comes back after Repeat.
func TestDeduplication(t *testing.T) {
	t.Parallel()
	e := NewEngine(DefaultConfig())
	fill, _ := FromMessage(message(t, "exit_fill"))
	wantTitles(t, e.Observe("a", fill, t0), "a: exit filled: ETH/USDT #7 +1.82% (roi)")
	wantTitles(t, e.Observe("a", fill, t0.Add(time.Minute)))
	wantTitles(t, e.Observe("b", fill, t0.Add(time.Minute)), "b: exit filled: ETH/USDT #7 +1.82% (roi)")

	warn, _ := FromMessage(message(t, "warning"))
	wantTitles(t, e.Observe("a", warn, t0), "a: warning")
	wantTitles(t, e.Observe("a", warn, t0.Add(59*time.Minute)))
	wantTitles(t, e.Observe("a", warn, t0.Add(61*time.Minute)), "a: warning")
	other := warn
	other.Body = "another warning"
	wantTitles(t, e.Observe("a", other, t0.Add(61*time.Minute)), "a: warning")
}

// TestDeduplicationIsBounded: the memory of seen events is capped; the
// oldest are forgotten.
func TestDeduplicationIsBounded(t *testing.T) {
	t.Parallel()
	s := newSeen()
	for i := range maxSeen + 10 {
		if !s.first(fmt.Sprint(i), t0, 0) {
			t.Fatalf("event %d seen before", i)
		}
	}
	if len(s.until) != maxSeen || len(s.order) != maxSeen || s.first(fmt.Sprint(maxSeen+9), t0, 0) || !s.first("0", t0, 0) {
		t.Fatalf("%d remembered, want the newest %d", len(s.until), maxSeen)
	}
}

// TestChannelsPerBotAndKind: a kind that is off alerts nothing; a bot's
// override changes only what it names.
func TestChannelsPerBotAndKind(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	cfg.Kinds[EntryFill] = 0
	cfg.Bots["loud"] = Rules{EntryFill: List | Bell}
	e := NewEngine(cfg)
	fill, _ := FromMessage(message(t, "entry_fill"))
	wantTitles(t, e.Observe("quiet", fill, t0))
	got := e.Observe("loud", fill, t0)
	if len(got) != 1 || got[0].Channels != List|Bell {
		t.Fatalf("loud: %+v", got)
	}
	if ch := cfg.ChannelsFor("loud", StoplossExit); ch != List|Bell|Desktop {
		t.Fatalf("an override changed another kind: %v", ch)
	}
}

// TestBurst: 12 exit fills within 10 s on one bot: the first 3 are alerted
// one by one, the rest summed up in one alert when the window closes, with
// the window's total; another bot's and another kind's events are their
// own. After the window, events are alerted one by one again.
func TestBurst(t *testing.T) {
	t.Parallel()
	e := NewEngine(DefaultConfig())
	var got []Alert
	for i := range 12 {
		now := t0.Add(time.Duration(i) * 700 * time.Millisecond)
		got = append(got, e.Observe("a", exitEvent(i, fmt.Sprintf("P%d/USDT", i%7)), now)...)
	}
	got = append(got, e.Observe("b", exitEvent(1, "X/USDT"), t0.Add(time.Second))...)
	wantTitles(t, got, "a: exit filled: P0/USDT #0", "a: exit filled: P1/USDT #1", "a: exit filled: P2/USDT #2", "b: exit filled: X/USDT #1")
	if at, ok := e.Next(); !ok || !at.Equal(t0.Add(10*time.Second)) {
		t.Fatalf("Next %v %v, want the window's end", at, ok)
	}
	wantTitles(t, e.Flush(t0.Add(9999*time.Millisecond)))
	sum := e.Flush(t0.Add(10 * time.Second))
	wantTitles(t, sum, "a: 12 exit fills in 10 s")
	if s := sum[0]; s.Count != 12 || s.Body != "9 more: P3/USDT, P4/USDT, P5/USDT, P6/USDT, P0/USDT and 2 more" || s.Channels != List || s.Kind != ExitFill {
		t.Fatalf("summary %+v", s)
	}
	if _, ok := e.Next(); ok {
		t.Fatal("something still pending")
	}
	wantTitles(t, e.Observe("a", exitEvent(50, "Z/USDT"), t0.Add(11*time.Second)), "a: exit filled: Z/USDT #50")
}

// TestBurstZero: Burst 0 holds a window's events and alerts once at its
// end: a lone event as itself, several as one summary.
func TestBurstZero(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	cfg.Burst = 0
	e := NewEngine(cfg)
	wantTitles(t, e.Observe("a", exitEvent(1, "A/USDT"), t0))
	wantTitles(t, e.Flush(t0.Add(10*time.Second)), "a: exit filled: A/USDT #1")
	wantTitles(t, e.Observe("a", exitEvent(2, "A/USDT"), t0.Add(20*time.Second)))
	wantTitles(t, e.Observe("a", exitEvent(3, "B/USDT"), t0.Add(21*time.Second)))
	got := e.Flush(t0.Add(30 * time.Second))
	wantTitles(t, got, "a: 2 exit fills in 10 s")
	if got[0].Body != "A/USDT, B/USDT" {
		t.Fatalf("body %q", got[0].Body)
	}
}
