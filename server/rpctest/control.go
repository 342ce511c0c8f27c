package rpctest

import (
	"context"
	"slices"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// Start implements rpc.Bot.
func (b *Bot) Start(ctx context.Context) (apiclient.StatusResponse, error) {
	return b.transition(ctx, "Start", func(s rpc.State) (rpc.State, string) {
		if s == rpc.StateRunning {
			return s, "already running"
		}
		return rpc.StateRunning, "starting trader ..."
	})
}

// Stop implements rpc.Bot.
func (b *Bot) Stop(ctx context.Context) (apiclient.StatusResponse, error) {
	return b.transition(ctx, "Stop", func(s rpc.State) (rpc.State, string) {
		if s == rpc.StateStopped {
			return s, "already stopped"
		}
		return rpc.StateStopped, "stopping trader ..."
	})
}

// Pause implements rpc.Bot.
func (b *Bot) Pause(ctx context.Context) (apiclient.StatusResponse, error) {
	return b.transition(ctx, "Pause", func(s rpc.State) (rpc.State, string) {
		if s == rpc.StateStopped {
			return rpc.StatePaused, "starting bot with trader in paused state, no entries will occur. Run /start to enable entries."
		}
		return rpc.StatePaused, "paused, no more entries will occur from now. Run /start to enable entries."
	})
}

// ReloadConfig implements rpc.Bot.
func (b *Bot) ReloadConfig(ctx context.Context) (apiclient.StatusResponse, error) {
	return b.transition(ctx, "ReloadConfig", func(rpc.State) (rpc.State, string) {
		return rpc.StateReloadConfig, "Reloading config ..."
	})
}

func (b *Bot) transition(ctx context.Context, method string, next func(rpc.State) (rpc.State, string)) (apiclient.StatusResponse, error) {
	return call(ctx, b, method, func(f *Fixtures) (apiclient.StatusResponse, error) {
		state, msg := next(rpc.State(f.ShowConfig.State))
		f.ShowConfig.State = string(state)
		return apiclient.StatusResponse{Status: msg}, nil
	})
}

func locksOf(f *Fixtures) apiclient.Locks {
	return apiclient.Locks{LockCount: len(f.Locks), Locks: append([]apiclient.Lock{}, f.Locks...)}
}

// Locks implements rpc.Bot.
func (b *Bot) Locks(ctx context.Context) (apiclient.Locks, error) {
	return value(ctx, b, "Locks", locksOf)
}

// AddLocks implements rpc.Bot: each spec becomes an active lock from now.
func (b *Bot) AddLocks(ctx context.Context, specs []rpc.LockSpec) (apiclient.Locks, error) {
	return call(ctx, b, "AddLocks", func(f *Fixtures) (apiclient.Locks, error) {
		for _, s := range specs {
			b.addLock(f, s)
		}
		return locksOf(f), nil
	}, specs)
}

// DeleteLock implements rpc.Bot: an unknown id is ignored.
func (b *Bot) DeleteLock(ctx context.Context, id int) (apiclient.Locks, error) {
	return call(ctx, b, "DeleteLock", func(f *Fixtures) (apiclient.Locks, error) {
		f.Locks = slices.DeleteFunc(slices.Clone(f.Locks), func(l apiclient.Lock) bool { return l.ID == id })
		return locksOf(f), nil
	}, id)
}

// DeleteLocks implements rpc.Bot: by pair and/or id.
func (b *Bot) DeleteLocks(ctx context.Context, req apiclient.DeleteLocksRequest) (apiclient.Locks, error) {
	return call(ctx, b, "DeleteLocks", func(f *Fixtures) (apiclient.Locks, error) {
		f.Locks = slices.DeleteFunc(slices.Clone(f.Locks), func(l apiclient.Lock) bool {
			return (req.Pair != nil && *req.Pair == l.Pair) || (req.LockID != nil && *req.LockID == l.ID)
		})
		return locksOf(f), nil
	}, req)
}
