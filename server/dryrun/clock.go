package dryrun

import "time"

// botClock maps the wall clock onto the bot's clock. At speed 1 they are
// the same clock, as a freqtrade bot's is its host's. At another speed (a
// demo or test option) the bot's clock starts at the wall time of the
// start and runs speed times as fast, so trade, candle and lock dates run
// ahead of real time.
type botClock struct {
	origin time.Time // the wall time at which both clocks agree
	speed  float64
}

func newBotClock(origin time.Time, speed float64) botClock {
	if !(speed > 0) {
		speed = 1
	}
	return botClock{origin: origin.UTC(), speed: speed}
}

// at returns the bot time at wall time wall.
func (c botClock) at(wall time.Time) time.Time {
	if c.speed == 1 {
		return wall.UTC()
	}
	ahead := float64(wall.Sub(c.origin)) * c.speed
	return c.origin.Add(time.Duration(min(max(ahead, -float64(maxAhead)), float64(maxAhead))))
}

// maxAhead is the farthest the bot's clock runs from its origin: at a
// very high speed it stops there instead of passing the 292 years a
// time.Duration holds and wrapping to the 18th century (seen at speed 1e9
// after 9 s).
const maxAhead = 200 * 365 * 24 * time.Hour

// wallAt returns the wall time at which the bot clock reads bot.
func (c botClock) wallAt(bot time.Time) time.Time {
	if c.speed == 1 {
		return bot
	}
	return c.origin.Add(time.Duration(float64(bot.Sub(c.origin)) / c.speed))
}

// tickEvery is how often the market ticks in wall time: once a second of
// bot time, but no more than ten times a wall second at high speeds.
func (c botClock) tickEvery() time.Duration {
	return max(time.Duration(float64(time.Second)/c.speed), 100*time.Millisecond)
}

// advanceTo moves the bot's time forward to t; it never goes back, so
// every date the bot writes is at or after the ones before it.
func (b *Bot) advanceTo(t time.Time) time.Time {
	if t.After(b.now) {
		b.now = t
	}
	return b.now
}

// actNow is the bot time of an action happening now (an API call): the
// wall clock mapped onto the bot's clock, never before the last tick.
func (b *Bot) actNow() time.Time { return b.advanceTo(b.clock.at(b.opts.clock())) }

// Now implements rpc.Clock: the bot's clock now. The server puts it in the
// Date header; at speed 1 it is the wall clock. It takes no lock (the
// clock never changes after New), so a long tick never delays a header.
func (b *Bot) Now() time.Time { return b.clock.at(b.opts.clock()) }
