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

// minClockSkew is the smallest offset worth correcting: the Date header
// has one-second resolution, so anything smaller is noise, and correcting it
// would make durations flicker between whole seconds.
const minClockSkew = 2 * time.Second

// botNow converts the console's time to the bot's, when the bot's clock is
// known and differs by at least minClockSkew; otherwise it returns local.
func (b *botState) botNow(local time.Time) time.Time {
	c, ok := b.cfg.API.(botClock)
	if !ok {
		return local
	}
	if off, known := c.ClockOffset(); known && (off >= minClockSkew || off <= -minClockSkew) {
		return local.Add(off)
	}
	return local
}
