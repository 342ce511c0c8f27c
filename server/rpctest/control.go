package rpctest

import (
	"context"
	"slices"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// Start implements rpc.Bot.
func (b *Bot) Start(_ context.Context) (apiclient.StatusResponse, error) {
	return b.transition("Start", func(s rpc.State) (rpc.State, string) {
		if s == rpc.StateRunning {
			return s, "already running"
		}
		return rpc.StateRunning, "starting trader ..."
	})
}

// Stop implements rpc.Bot.
func (b *Bot) Stop(_ context.Context) (apiclient.StatusResponse, error) {
	return b.transition("Stop", func(s rpc.State) (rpc.State, string) {
		if s == rpc.StateStopped {
			return s, "already stopped"
		}
		return rpc.StateStopped, "stopping trader ..."
	})
}

// Pause implements rpc.Bot.
func (b *Bot) Pause(_ context.Context) (apiclient.StatusResponse, error) {
	return b.transition("Pause", func(s rpc.State) (rpc.State, string) {
		if s == rpc.StateStopped {
			return rpc.StatePaused, "starting bot with trader in paused state, no entries will occur. Run /start to enable entries."
		}
		return rpc.StatePaused, "paused, no more entries will occur from now. Run /start to enable entries."
	})
}

// ReloadConfig implements rpc.Bot.
func (b *Bot) ReloadConfig(_ context.Context) (apiclient.StatusResponse, error) {
	return b.transition("ReloadConfig", func(rpc.State) (rpc.State, string) {
		return rpc.StateReloadConfig, "Reloading config ..."
	})
}

func (b *Bot) transition(method string, next func(rpc.State) (rpc.State, string)) (apiclient.StatusResponse, error) {
	return call(b, method, func(f *Fixtures) (apiclient.StatusResponse, error) {
		state, msg := next(rpc.State(f.ShowConfig.State))
		f.ShowConfig.State = string(state)
		return apiclient.StatusResponse{Status: msg}, nil
	})
}

func locksOf(f *Fixtures) apiclient.Locks {
	return apiclient.Locks{LockCount: len(f.Locks), Locks: append([]apiclient.Lock{}, f.Locks...)}
}

// Locks implements rpc.Bot.
func (b *Bot) Locks(_ context.Context) (apiclient.Locks, error) {
	return value(b, "Locks", locksOf)
}

// AddLocks implements rpc.Bot: each spec becomes an active lock from now.
func (b *Bot) AddLocks(_ context.Context, specs []rpc.LockSpec) (apiclient.Locks, error) {
	return call(b, "AddLocks", func(f *Fixtures) (apiclient.Locks, error) {
		now := b.now()
		for _, s := range specs {
			b.lockID++
			l := apiclient.Lock{
				ID: b.lockID, Active: true, Pair: s.Pair, Side: s.Side,
				LockTime: apiclient.FormatDate(now), LockTimestamp: apiclient.Millis(now),
				LockEndTime: apiclient.FormatDate(s.Until), LockEndTimestamp: apiclient.Millis(s.Until),
			}
			if s.Reason != "" {
				l.Reason = apiclient.Ptr(s.Reason)
			}
			f.Locks = append(slices.Clone(f.Locks), l)
		}
		return locksOf(f), nil
	}, specs)
}

// DeleteLock implements rpc.Bot: an unknown id is ignored.
func (b *Bot) DeleteLock(_ context.Context, id int) (apiclient.Locks, error) {
	return call(b, "DeleteLock", func(f *Fixtures) (apiclient.Locks, error) {
		f.Locks = slices.DeleteFunc(slices.Clone(f.Locks), func(l apiclient.Lock) bool { return l.ID == id })
		return locksOf(f), nil
	}, id)
}

// DeleteLocks implements rpc.Bot: by pair and/or id.
func (b *Bot) DeleteLocks(_ context.Context, req apiclient.DeleteLocksRequest) (apiclient.Locks, error) {
	return call(b, "DeleteLocks", func(f *Fixtures) (apiclient.Locks, error) {
		f.Locks = slices.DeleteFunc(slices.Clone(f.Locks), func(l apiclient.Lock) bool {
			return (req.Pair != nil && *req.Pair == l.Pair) || (req.LockID != nil && *req.LockID == l.ID)
		})
		return locksOf(f), nil
	}, req)
}
