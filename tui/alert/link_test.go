package alert

import (
	"strings"
	"testing"
	"time"
)

// TestOfflineAndBack: a bot offline for less than the grace says nothing;
// offline for longer is alerted once (repeats and offline ↔ stale add
// nothing), and its return is alerted with how long it was down.
func TestOfflineAndBack(t *testing.T) {
	t.Parallel()
	e := NewEngine(DefaultConfig())
	wantTitles(t, e.Link("a", LinkOnline, "", t0))
	wantTitles(t, e.Link("a", LinkOffline, "connection refused", t0.Add(time.Second)))
	wantTitles(t, e.Link("a", LinkOnline, "", t0.Add(6*time.Second))) // a restart: quiet
	if _, ok := e.Next(); ok {
		t.Fatal("a grace still pending after the bot came back")
	}
	wantTitles(t, e.Flush(t0.Add(time.Minute)))

	wantTitles(t, e.Link("a", LinkOffline, "connection refused", t0.Add(2*time.Minute)))
	if at, ok := e.Next(); !ok || !at.Equal(t0.Add(2*time.Minute+30*time.Second)) {
		t.Fatalf("Next %v %v", at, ok)
	}
	wantTitles(t, e.Link("a", LinkOffline, "connection reset", t0.Add(2*time.Minute+10*time.Second)))
	got := e.Flush(t0.Add(2*time.Minute + 30*time.Second))
	wantTitles(t, got, "a: offline")
	if got[0].Body != "connection reset, for 30s" || got[0].Channels != List|Bell|Desktop || got[0].Kind != Offline {
		t.Fatalf("offline alert %+v", got[0])
	}
	wantTitles(t, e.Link("a", LinkStale, "", t0.Add(3*time.Minute)))
	wantTitles(t, e.Link("a", LinkOffline, "refused", t0.Add(4*time.Minute)))
	wantTitles(t, e.Flush(t0.Add(10*time.Minute)))
	back := e.Link("a", LinkOnline, "", t0.Add(5*time.Minute))
	wantTitles(t, back, "a: back online")
	if back[0].Body != "after 3m0s" || back[0].Channels != List|Desktop || back[0].Kind != BackOnline {
		t.Fatalf("back alert %+v", back[0])
	}
	wantTitles(t, e.Link("a", LinkOnline, "", t0.Add(6*time.Minute)))
}

// TestDownAtStart: a bot down from the start is alerted after the grace,
// and back once it answers.
func TestDownAtStart(t *testing.T) {
	t.Parallel()
	e := NewEngine(DefaultConfig())
	wantTitles(t, e.Link("a", LinkOffline, "no route to host", t0))
	wantTitles(t, e.Link("b", LinkStale, "", t0.Add(5*time.Second)))
	wantTitles(t, e.Flush(t0.Add(40*time.Second)), "a: offline", "b: stale: no fresh data")
	wantTitles(t, e.Link("b", LinkOnline, "", t0.Add(time.Minute)), "b: back online")
}

// TestAuthFailed: an auth failure is alerted at once (no grace), once,
// also after an alerted offline state; back online follows it.
func TestAuthFailed(t *testing.T) {
	t.Parallel()
	e := NewEngine(DefaultConfig())
	wantTitles(t, e.Link("a", LinkOffline, "refused", t0))
	wantTitles(t, e.Flush(t0.Add(30*time.Second)), "a: offline")
	got := e.Link("a", LinkAuthFailed, "401 Unauthorized", t0.Add(31*time.Second))
	wantTitles(t, got, "a: auth failed")
	if got[0].Body != "401 Unauthorized" {
		t.Fatalf("body %q", got[0].Body)
	}
	wantTitles(t, e.Link("a", LinkAuthFailed, "401 Unauthorized", t0.Add(40*time.Second)))
	wantTitles(t, e.Link("a", LinkOffline, "", t0.Add(50*time.Second)))
	wantTitles(t, e.Link("a", LinkAuthFailed, "401", t0.Add(60*time.Second)))
	wantTitles(t, e.Link("a", LinkOnline, "", t0.Add(90*time.Second)), "a: back online")
}

// TestLinkKindsOff: with offline alerts off, nothing is said when the bot
// goes or comes back; with a zero grace, offline is alerted at once.
func TestLinkKindsOff(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	cfg.Kinds[Offline] = 0
	e := NewEngine(cfg)
	wantTitles(t, e.Link("a", LinkOffline, "", t0))
	wantTitles(t, e.Flush(t0.Add(time.Hour)))
	wantTitles(t, e.Link("a", LinkOnline, "", t0.Add(2*time.Hour)))

	cfg = DefaultConfig()
	cfg.Grace = 0
	e = NewEngine(cfg)
	wantTitles(t, e.Link("a", LinkOffline, "refused", t0), "a: offline")
	wantTitles(t, e.Link("a", LinkOnline, "", t0.Add(time.Second)), "a: back online")
}

// TestHistory keeps the newest alerts, newest first.
func TestHistory(t *testing.T) {
	t.Parallel()
	h := NewHistory(3)
	for i := range 5 {
		h.Add(Alert{Title: string(rune('a' + i))})
	}
	items := h.Items()
	if h.Len() != 3 || len(items) != 3 || items[0].Title != "e" || items[2].Title != "c" {
		t.Fatalf("items %+v", items)
	}
	if NewHistory(0).Len() != 0 || len(NewHistory(0).ring) != DefaultHistory {
		t.Fatal("the default size")
	}
}

// TestConfigValidate names each bad setting.
func TestConfigValidate(t *testing.T) {
	t.Parallel()
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
	c := DefaultConfig()
	c.Window, c.Burst, c.Grace, c.Repeat, c.Notify = 0, -1, -time.Second, 0, "beep"
	err := c.Validate()
	for _, want := range []string{"window: 0s", "burst: -1", "grace: -1s", "repeat: 0s", `notify: "beep"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in %v", want, err)
		}
	}
}
