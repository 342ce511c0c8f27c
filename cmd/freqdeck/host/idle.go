package host

import (
	"context"
	"io"
	"sync/atomic"
	"time"
)

// idleInput is a session's keyboard, noting when the user last typed. The
// console redraws every second, so the connection's own idle timeout
// (which counts output too) never fires while a console is open: the
// session's idle time is the time since the last key.
type idleInput struct {
	r    io.Reader
	last atomic.Int64 // unix nanoseconds of the last read
}

func newIdleInput(r io.Reader) *idleInput {
	in := &idleInput{r: r}
	in.last.Store(time.Now().UnixNano())
	return in
}

// Read implements io.Reader.
func (in *idleInput) Read(p []byte) (int, error) {
	n, err := in.r.Read(p)
	if n > 0 {
		in.last.Store(time.Now().UnixNano())
	}
	return n, err //nolint:wrapcheck // the session's own errors, as they are
}

// watch calls idle once no key came for timeout, unless ctx ends first.
func (in *idleInput) watch(ctx context.Context, timeout time.Duration, idle func()) {
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			left := timeout - time.Since(time.Unix(0, in.last.Load()))
			if left <= 0 {
				idle()
				return
			}
			t.Reset(left)
		}
	}
}
