package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// skewedAPI is a bot whose clock runs ahead of the console's by off, as
// *apiclient.Client reports from the Date headers.
type skewedAPI struct {
	*fixtureAPI
	off time.Duration
}

func (s skewedAPI) ClockOffset() (time.Duration, bool) { return s.off, true }

func tradesViewFor(t *testing.T, api API) string {
	t.Helper()
	return ansi.Strip(loadedModelOf(t, api, 160, 40).View())
}

// TestDurationsUseTheBotClock: trade 1 opened at 09:30 bot time; the console
// says 12:00. On a bot whose clock is three hours ahead, it has been open
// 5h 30m, not 2h 30m.
func TestDurationsUseTheBotClock(t *testing.T) {
	t.Parallel()
	local := tradesViewFor(t, newFixtureAPI(t))
	if !strings.Contains(local, "2h 30m") {
		t.Fatalf("without a known bot clock the duration should be on the local clock (2h 30m):\n%s", local)
	}
	skewed := tradesViewFor(t, skewedAPI{newFixtureAPI(t), 3 * time.Hour})
	if !strings.Contains(skewed, "5h 30m") || strings.Contains(skewed, "2h 30m") {
		t.Fatalf("with the bot three hours ahead the duration should be 5h 30m:\n%s", skewed)
	}
	// Below the Date header's resolution an offset is noise and ignored.
	jitter := tradesViewFor(t, skewedAPI{newFixtureAPI(t), -900 * time.Millisecond})
	if !strings.Contains(jitter, "2h 30m") {
		t.Fatalf("a sub-second offset should be ignored (2h 30m):\n%s", jitter)
	}
}

// TestDetailAgeMatchesDurColumn: the trade detail's "Opened … ago" is on
// the bot's clock too, so it says what the Dur column says.
func TestDetailAgeMatchesDurColumn(t *testing.T) {
	t.Parallel()
	m := loadedModelOf(t, skewedAPI{newFixtureAPI(t), 3 * time.Hour}, 160, 40)
	pressSync(m, "enter")
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "(5h 30m ago)") {
		t.Fatalf("the detail should say the trade opened 5h 30m ago, as Dur does:\n%s", view)
	}
}
