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
	f.fetching++
	req := fetchRequest{seq: f.nextSeq(), want: want, poll: poll, tag: f.pollTag}
	f.health.begin(req.seq, f.opts.Clock())
	return fetchCmd(f.ctx, origin{f.id}, f.src, f.opts.Timeout, req)
}

// handleFetched applies the answers that are newer than what the feed
// holds, records the connection outcome and re-arms the poll chain. A bot
// that answers again after failing is fetched in full at once.
func (f *Feed) handleFetched(msg fetchedMsg) (Out, tea.Cmd) {
	f.health.end(msg.req.seq)
	f.fetching--
	var out Out
	for r := range numResources {
		if !msg.req.want.has(r) {
			continue
		}
		if err := msg.res.errs[r]; err != nil {
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
	wasUnreached := f.health.unreached()
	f.health.observe(f.opts.Clock(), msg.req.want, &msg.res.errs)
	back := wasUnreached && !f.health.failing()
	var cmds []tea.Cmd
	switch {
	case back && msg.req.want != allResources:
		// The probe answered: everything may have changed meanwhile.
		f.pollTag++
		cmds = append(cmds, f.fetch(allResources, true))
	case msg.req.poll && msg.req.tag == f.pollTag:
		cmds = append(cmds, f.schedulePoll())
	case f.health.failing() && f.nextPoll.After(f.opts.Clock().Add(f.retryDelay())):
		// A refetch outside the poll chain failed: retry on the backoff,
		// not at the next slow poll.
		f.pollTag++
		cmds = append(cmds, f.schedulePoll())
	}
	if f.logsIdle && !f.health.failing() {
		// The bot answers again: the parked /logs chain goes on.
		f.logsIdle = false
		f.logsTag++
		cmds = append(cmds, f.fetchLogs(f.logsLimit()))
	}
	return out, tea.Batch(cmds...)
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
	if f.health.failing() {
		delay = f.retryDelay()
		f.health.retryAt = f.opts.Clock().Add(delay)
	}
	f.nextPoll = f.opts.Clock().Add(delay)
	return tea.Tick(delay, func(time.Time) tea.Msg { return pollTickMsg{origin: o, tag: tag} })
}

// retryDelay is the wait before asking a failing bot again.
func (f *Feed) retryDelay() time.Duration {
	return f.health.retryDelay(f.opts.RetryMin, f.opts.RetryMax, f.opts.AuthRetry)
}

// handlePollTick runs the slow poll. Without a live WebSocket (or after a
// failure) nothing is pushed, so everything is polled; a bot that cannot be
// reached, refuses the credentials or is not the API gets one request, a
// probe, until it answers.
func (f *Feed) handlePollTick(msg pollTickMsg) tea.Cmd {
	if msg.tag != f.pollTag {
		return nil
	}
	if f.health.unreached() {
		return f.fetch(ConfigData, true)
	}
	want := pollResources
	if !f.health.live() || f.health.failing() {
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

// markDirty queues resources for a refetch; flushDirty sends it.
func (f *Feed) markDirty(want Resources) { f.dirty |= want }

// flushDirty refetches what events marked, unless an action under way
// will: at once when no debounce window is open, and then opens one; while
// it is open, what events mark waits for its end. So the first event of a
// burst costs no wait, and a burst costs at most one refetch per window.
func (f *Feed) flushDirty() tea.Cmd {
	want := f.dirty &^ f.heldSet()
	if f.windowOpen || want == 0 {
		return nil
	}
	return tea.Batch(f.fetch(want, false), f.openWindow())
}

// openWindow opens the debounce window.
func (f *Feed) openWindow() tea.Cmd {
	f.windowOpen = true
	f.debounceTag++
	o, tag := origin{f.id}, f.debounceTag
	return tea.Tick(f.opts.Debounce, func(time.Time) tea.Msg { return debounceMsg{origin: o, tag: tag} })
}

// handleDebounce ends a window: what events marked meanwhile is refetched
// now, in one fetch that opens the next window.
func (f *Feed) handleDebounce(msg debounceMsg) tea.Cmd {
	if msg.tag != f.debounceTag || !f.windowOpen {
		return nil
	}
	f.windowOpen = false
	return f.flushDirty()
}
