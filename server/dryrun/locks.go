package dryrun

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun/market"
	"github.com/freqdeck/freqdeck/server/dryrun/metrics"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/store"
)

// activeLock returns an active lock on pair (or, for pair "*", a global
// lock) that covers side at the bot's current time, or nil. A global lock
// covers every pair.
func (b *Bot) activeLock(pair, side string) *store.Lock {
	for _, l := range b.locks {
		if !l.Active || !l.LockEndTime.After(b.now) {
			continue
		}
		if l.Side != "*" && side != "*" && l.Side != side {
			continue
		}
		if l.Pair == pair || l.Pair == "*" {
			return l
		}
	}
	return nil
}

// lockPair locks pair until the candle boundary after until and commits the
// lock, as freqtrade's PairLocks.lock_pair does (timeframe_to_next_date: a
// lock "until 00:00" on 5m candles ends at 00:05).
func (b *Bot) lockPair(ctx context.Context, pair, side, reason string, until time.Time) (*store.Lock, error) {
	l := &store.Lock{Pair: pair, Side: side, LockTime: b.now, LockEndTime: market.NextCandle(until, b.tf), Active: true}
	if reason != "" {
		l.Reason = &reason
	}
	if err := b.db.Write(ctx, func(w *store.Writer) error { return w.InsertLock(l) }); err != nil {
		return nil, &storeError{fmt.Errorf("dryrun: save lock: %w", err)}
	}
	b.locks = append(b.locks, l)
	return l, nil
}

// deactivate ends the given locks now and commits them.
func (b *Bot) deactivate(ctx context.Context, locks []*store.Lock) error {
	if len(locks) == 0 {
		return nil
	}
	changed := make([]store.Lock, len(locks))
	for i, l := range locks {
		changed[i] = *l
		changed[i].Active, changed[i].LockEndTime = false, b.now
	}
	err := b.db.Write(ctx, func(w *store.Writer) error {
		for i := range changed {
			if err := w.UpdateLock(&changed[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return &storeError{fmt.Errorf("dryrun: save locks: %w", err)}
	}
	for i, l := range locks {
		*l = changed[i]
	}
	b.pruneLocks()
	return nil
}

// pruneLocks forgets locks that are no longer active or have ended.
func (b *Bot) pruneLocks() {
	kept := b.locks[:0]
	for _, l := range b.locks {
		if l.Active && l.LockEndTime.After(b.now) {
			kept = append(kept, l)
		}
	}
	clear(b.locks[len(kept):])
	b.locks = kept
}

// locksJSON lists the active locks.
func (b *Bot) locksJSON() apiclient.Locks {
	out := apiclient.Locks{Locks: []apiclient.Lock{}}
	for _, l := range b.locks {
		if l.Active && l.LockEndTime.After(b.now) {
			out.Locks = append(out.Locks, metrics.LockJSON(l))
		}
	}
	out.LockCount = len(out.Locks)
	return out
}

// Locks implements rpc.Control.
func (b *Bot) Locks(context.Context) (apiclient.Locks, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.actNow() // a lock that ended a moment ago is gone, as in freqtrade
	return b.locksJSON(), nil
}

// AddLocks implements rpc.Control. Each Until is a wall-clock time; at
// speed 1 (the bot's clock is the wall clock) it is used as given. At
// another speed it is mapped onto the bot's clock, so the lock ends when
// the wall clock reaches Until.
func (b *Bot) AddLocks(ctx context.Context, specs []rpc.LockSpec) (apiclient.Locks, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return apiclient.Locks{}, errClosed
	}
	b.actNow()
	untils := make([]time.Time, len(specs))
	for i, s := range specs { // every lock is checked before one is added
		var err error
		if untils[i], err = b.checkLock(s); err != nil {
			return apiclient.Locks{}, err
		}
	}
	for i, s := range specs {
		side := s.Side
		if side == "" {
			side = "*"
		}
		reason := cutText(s.Reason, maxTagLen)
		if _, err := b.lockPair(ctx, s.Pair, side, reason, untils[i]); err != nil {
			return apiclient.Locks{}, err
		}
		b.logf(levelInfo, logRPC, "Locked %s (side %s) until %s: %s", s.Pair, side, fmtDate(untils[i]), reason)
	}
	b.flushLogs()
	return b.locksJSON(), nil
}

// checkLock refuses a lock on a malformed pair (other than "*", a global
// lock), an unknown side, or an until too far from now; it returns the
// until on the bot's clock.
func (b *Bot) checkLock(s rpc.LockSpec) (time.Time, error) {
	if s.Pair != "*" {
		if err := checkPair("pair", s.Pair); err != nil {
			return time.Time{}, err
		}
	}
	switch s.Side {
	case "", "*", "long", "short":
	default:
		return time.Time{}, rpc.Invalid("side", "must be long, short or *, not %q", cutText(s.Side, maxPairLen))
	}
	return b.lockUntil(s.Until, b.opts.clock())
}

// DeleteLock implements rpc.Control; an unknown id is ignored.
func (b *Bot) DeleteLock(ctx context.Context, id int) (apiclient.Locks, error) {
	return b.DeleteLocks(ctx, apiclient.DeleteLocksRequest{LockID: &id})
}

// DeleteLocks implements rpc.Control: it ends the active locks of Pair, or
// the lock LockID (which wins when both are given, as in freqtrade).
func (b *Bot) DeleteLocks(ctx context.Context, req apiclient.DeleteLocksRequest) (apiclient.Locks, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return apiclient.Locks{}, errClosed
	}
	b.actNow()
	var match []*store.Lock
	for _, l := range b.locks {
		switch {
		case req.LockID != nil:
			if l.ID == *req.LockID {
				match = append(match, l)
			}
		case req.Pair != nil:
			if l.Pair == *req.Pair && l.LockEndTime.After(b.now) {
				match = append(match, l)
			}
		}
	}
	if err := b.deactivate(ctx, match); err != nil {
		return apiclient.Locks{}, err
	}
	for _, l := range match {
		b.logf(levelInfo, logRPC, "Deleted lock %d on %s.", l.ID, l.Pair)
	}
	b.flushLogs()
	return b.locksJSON(), nil
}

// fmtDate formats a bot time for log lines.
func fmtDate(t time.Time) string { return apiclient.FormatDate(t) }

// fmtNum formats a number as Python prints a float.
func fmtNum(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	for _, c := range s {
		if c == '.' {
			return s
		}
	}
	return s + ".0"
}
