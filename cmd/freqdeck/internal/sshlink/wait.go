package sshlink

import (
	"context"
	"fmt"
	"time"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
)

// Wait waits until h is connected (nil) or its attempt has failed: then it
// returns a *sshdial.StateError, which unwraps to the reason
// (*sshdial.HostKeyUnknownError, *sshdial.HostKeyChangedError,
// *sshdial.AuthError, or the network's error). It returns ctx's error if
// ctx ends first. A one-shot command calls it before its first request, so
// a host it cannot use fails fast with the reason instead of a timeout.
func Wait(ctx context.Context, h *sshdial.Host) error {
	st, changed := h.Watch()
	return waitFrom(ctx, h, st, changed)
}

// WaitChange waits for h's state to leave st (the state Watch returned
// with changed), then as Wait: after Pool.Trust, say, whose retry starts
// on the Host's own goroutine.
func WaitChange(ctx context.Context, h *sshdial.Host, changed <-chan struct{}) error {
	select {
	case <-changed:
	case <-ctx.Done():
		return fmt.Errorf("ssh %s: %w", h.Name(), ctx.Err())
	}
	return Wait(ctx, h)
}

func waitFrom(ctx context.Context, h *sshdial.Host, st sshdial.State, changed <-chan struct{}) error {
	for {
		switch st.Phase {
		case sshdial.PhaseConnected:
			return nil
		case sshdial.PhaseConnecting:
			select {
			case <-changed:
			case <-ctx.Done():
				return fmt.Errorf("ssh %s: still connecting: %w", h.Name(), ctx.Err())
			}
		default:
			return &sshdial.StateError{State: st, At: time.Now()}
		}
		st, changed = h.Watch()
	}
}
