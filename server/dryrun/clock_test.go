package dryrun

import (
	"testing"
	"time"
)

// TestBotClockNeverWraps: at an absurd speed the bot's clock stops short of
// the 292 years a time.Duration holds; it never wraps into the past.
func TestBotClockNeverWraps(t *testing.T) {
	t.Parallel()
	origin := time.Date(2026, 12, 5, 7, 40, 0, 0, time.UTC)
	c := newBotClock(origin, 1e9)
	prev := origin
	for _, after := range []time.Duration{time.Second, 9 * time.Second, 10 * time.Second, time.Hour, 24 * time.Hour} {
		at := c.at(origin.Add(after))
		if at.Before(prev) || at.Year() > 2300 {
			t.Fatalf("%v of wall time at speed 1e9: bot time %v (origin %v)", after, at, origin)
		}
		prev = at
	}
	if got := newBotClock(origin, 60).at(origin.Add(time.Minute)); !got.Equal(origin.Add(time.Hour)) {
		t.Fatalf("speed 60, a minute on: %v", got)
	}
}
