package tui

import "time"

// botClock is implemented by *apiclient.Client: how far the bot's clock runs
// ahead of ours, learned from the Date headers of its answers. A VPS clock
// may be skewed and freqdeck's dry-run bot runs faster than real time, so
// trade durations and lock countdowns are measured on the bot's clock.
// "Updated N s ago" stays on the console's own clock.
type botClock interface {
	ClockOffset() (time.Duration, bool)
}

// botNow converts the console's time to the bot's, when the bot's clock is
// known; otherwise it returns local unchanged.
func (b *botState) botNow(local time.Time) time.Time {
	c, ok := b.cfg.API.(botClock)
	if !ok {
		return local
	}
	if off, known := c.ClockOffset(); known {
		return local.Add(off)
	}
	return local
}
