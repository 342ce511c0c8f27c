package feed

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/panes"
)

// fetch starts one fetch of want. On the poll chain (poll), its answer
// re-arms the next poll. The fetch answers every event that marked want
// before it was sent, so want leaves the dirty set.
func (f *Feed) fetch(want Resources, poll bool) tea.Cmd {
	f.dirty &^= want
	req := fetchRequest{seq: f.nextSeq(), want: want, poll: poll, tag: f.pollTag}
	return fetchCmd(f.ctx, origin{f.id}, f.src, f.opts.Timeout, req)
}

// handleFetched applies the answers that are newer than what the feed
// holds, records the connection outcome and re-arms the poll chain.
func (f *Feed) handleFetched(msg fetchedMsg) (Out, tea.Cmd) {
	var out Out
	var errs []error
	for r := range numResources {
		if !msg.req.want.has(r) {
			continue
		}
		err := msg.res.errs[r]
		errs = append(errs, err)
		if err != nil {
			f.opts.Logger.Debug("fetch failed", "bot", f.Name(), "route", r.String(), "err", err)
			continue
		}
		if msg.req.seq <= f.applied[r] {
			continue // an older answer overtaken by a newer one
		}
		f.applied[r] = msg.req.seq
		if d := f.apply(r, msg.res); d != nil {
			out.Data = append(out.Data, d)
		}
	}
	f.conn.observe(f.opts.Clock(), errs)
	var cmd tea.Cmd
	if msg.req.poll && msg.req.tag == f.pollTag {
		cmd = f.schedulePoll()
	}
	return out, cmd
}

// apply stores one resource and returns its data message for the panes.
func (f *Feed) apply(r resource, res *fetchResults) tea.Msg {
	switch r {
	case resConfig:
		cfg := res.config
		f.data.Config = &cfg
		return panes.ConfigMsg{Config: cfg}
	case resStatus:
		f.data.Trades = res.trades
		return panes.TradesMsg{Trades: res.trades}
	case resCount:
		f.data.Count = &res.count
		return panes.CountMsg{Count: res.count}
	case resProfit:
		f.data.Profit = &res.profit
		return panes.ProfitMsg{Profit: res.profit}
	case resLocks:
		f.data.Locks = res.locks.Locks
		return panes.LocksMsg{Locks: res.locks.Locks}
	case resBalance:
		f.data.Balance = &res.balance
		return panes.BalanceMsg{Balance: res.balance}
	case resWhitelist:
		f.data.Whitelist = &res.whitelist
		f.needWhitelist = false
		return panes.WhitelistMsg{Whitelist: res.whitelist}
	case numResources:
	}
	return nil
}

// schedulePoll arms the next slow poll: after the refresh interval, or
// after a growing backoff while the bot fails.
func (f *Feed) schedulePoll() tea.Cmd {
	o, tag := origin{f.id}, f.pollTag
	delay := f.opts.Refresh
	if f.conn.retrySoon() {
		delay = min(f.conn.retryDelay(f.opts.RetryMin, f.opts.RetryMax), max(f.opts.Refresh, f.opts.RetryMin))
		f.conn.retryAt = f.opts.Clock().Add(delay)
	}
	return tea.Tick(delay, func(time.Time) tea.Msg { return pollTickMsg{origin: o, tag: tag} })
}

// handlePollTick runs the slow poll. Without a live WebSocket (or after a
// failure) nothing is pushed, so everything is polled.
func (f *Feed) handlePollTick(msg pollTickMsg) tea.Cmd {
	if msg.tag != f.pollTag {
		return nil
	}
	want := pollResources
	if !f.conn.live() || f.conn.retrySoon() {
		want = allResources &^ WhitelistData
	}
	if f.needWhitelist || f.applied[resWhitelist] == 0 {
		want |= WhitelistData
	}
	return f.fetch(want, true)
}

// heldSet is the set of resources an action under way will refetch.
func (f *Feed) heldSet() Resources {
	var s Resources
	for r := range numResources {
		if f.held[r] > 0 {
			s |= 1 << r
		}
	}
	return s
}

// markDirty queues resources for a refetch at the end of the debounce
// window; the window opens with the first event and is never extended, so
// a burst costs one refetch and no event waits longer than the window.
// Resources an action under way will refetch wait for it instead.
func (f *Feed) markDirty(want Resources) tea.Cmd {
	f.dirty |= want
	return f.armDebounce()
}

// armDebounce opens the debounce window, unless it is open or nothing but
// held resources is dirty.
func (f *Feed) armDebounce() tea.Cmd {
	if f.debounceArmed || f.dirty&^f.heldSet() == 0 {
		return nil
	}
	f.debounceArmed = true
	f.debounceTag++
	o, tag := origin{f.id}, f.debounceTag
	return tea.Tick(f.opts.Debounce, func(time.Time) tea.Msg { return debounceMsg{origin: o, tag: tag} })
}

// handleDebounce refetches what the events of the window touched, but for
// what an action under way will refetch.
func (f *Feed) handleDebounce(msg debounceMsg) tea.Cmd {
	if msg.tag != f.debounceTag || !f.debounceArmed {
		return nil
	}
	f.debounceArmed = false
	want := f.dirty &^ f.heldSet()
	if want == 0 {
		return nil
	}
	return f.fetch(want, false)
}
