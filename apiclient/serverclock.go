package apiclient

import (
	"net/http"
	"sync/atomic"
	"time"
)

// serverClock estimates how far the server's clock runs ahead of ours, from
// the Date header of each response. A VPS clock may be skewed, and freqdeck's
// embedded dry-run bot runs its clock faster than real time, so durations and
// "time left" must be measured on the bot's clock, not the console's.
type serverClock struct {
	offset atomic.Int64 // nanoseconds
	known  atomic.Bool
}

// observe records the offset from one response's Date header, received at
// local time now. The header has one-second resolution, so the server time is
// taken as the middle of that second.
func (s *serverClock) observe(date string, now time.Time) {
	if date == "" {
		return
	}
	t, err := http.ParseTime(date)
	if err != nil {
		return
	}
	mid := t.Add(500 * time.Millisecond)
	s.offset.Store(int64(mid.Sub(now)))
	s.known.Store(true)
}

// ClockOffset returns how far the server's clock is ahead of the client's
// (negative when behind), from the Date header of the latest response, and
// whether any response carried one. Add it to the local time to get the bot's
// "now" for durations and lock countdowns.
func (c *Client) ClockOffset() (time.Duration, bool) {
	return time.Duration(c.clock.offset.Load()), c.clock.known.Load()
}

// ServerNow returns the client's clock plus the server's clock offset.
func (c *Client) ServerNow() time.Time {
	off, _ := c.ClockOffset()
	return c.now().Add(off)
}
