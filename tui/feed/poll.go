package feed

import (
	"math"
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
	case f.health.failing() && f.nextPoll.After(f.opts.Clock().Add(f.retryDelay())),
		f.pollLate(f.opts.Clock()):
		// A refetch outside the poll chain failed: retry on the backoff,
		// not at the next slow poll. Or trades opened: poll /status at the
		// refresh interval from now on.
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
		if res.countStopped {
			res.count.Current, res.count.Max = len(f.data.Trades), -1
			if cfg := f.data.Config; cfg != nil {
				res.count.Max = cfg.MaxOpenTrades
			}
		}
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

// schedulePoll arms the next poll of the chain (pollDelay).
func (f *Feed) schedulePoll() tea.Cmd {
	o, tag := origin{f.id}, f.pollTag
	now := f.opts.Clock()
	delay := f.pollDelay(now)
	if f.health.failing() {
		f.health.retryAt = now.Add(delay)
	}
	f.nextPoll = now.Add(delay)
	return tea.Tick(delay, func(time.Time) tea.Msg { return pollTickMsg{origin: o, tag: tag} })
}

// driftFactor times the refresh interval is the poll of /status while the
// WebSocket is live and trades are open: every change to a trade is pushed,
// only the current rate drifts, and at the default 5 s refresh this keeps
// an idle bot with open trades within ISSUE 14's 12 requests a minute (6
// of /status, the safety net and the backed-off /logs).
const driftFactor = 2

// pollDelay is the wait before the next poll: a growing backoff while the
// bot fails; the refresh interval while the WebSocket is down (everything
// is polled); driftFactor refresh intervals while trades are open (/status,
// for the drift of their current rate); otherwise until the safety-net poll
// is due. The first wait is spread by the feed's phase, so the polls of
// many bots do not fall together.
func (f *Feed) pollDelay(now time.Time) time.Duration {
	f.polls++
	var d time.Duration
	switch {
	case f.health.failing():
		return f.retryDelay()
	case !f.health.live():
		d = f.opts.Refresh
	case len(f.data.Trades) > 0:
		d = min(driftFactor*f.opts.Refresh, max(f.safetyDue.Sub(now), 0))
	default:
		d = max(f.safetyDue.Sub(now), 0)
	}
	if f.polls == 1 {
		d += spread(f.id, f.opts.Refresh)
	}
	return d
}

// phase is a fraction in [0, 1) that differs from one feed id to the next
// (the golden ratio's sequence), so the timers of many bots spread evenly
// instead of firing together.
func phase(id int) float64 {
	_, frac := math.Modf(float64(id+1) * 0.6180339887498949)
	return frac
}

// spread is the feed's share of d: d times its phase.
func spread(id int, d time.Duration) time.Duration { return time.Duration(phase(id) * float64(d)) }

// retryDelay is the wait before asking a failing bot again.
func (f *Feed) retryDelay() time.Duration {
	return f.health.retryDelay(f.opts.RetryMin, f.opts.RetryMax, f.opts.AuthRetry)
}

// handlePollTick runs the poll. Without a live WebSocket (or after a
// failure) nothing is pushed, so everything is polled; with one, /status
// while trades are open, and the safety net (/status, /locks, /balance)
// once it is due. A bot that cannot be reached, refuses the credentials or
// is not the API gets one request, a probe, until it answers.
func (f *Feed) handlePollTick(msg pollTickMsg) tea.Cmd {
	if msg.tag != f.pollTag {
		return nil
	}
	if f.health.unreached() {
		return f.fetch(ConfigData, true)
	}
	now := f.opts.Clock()
	var want Resources
	switch {
	case !f.health.live() || f.health.failing():
		want = allResources &^ WhitelistData
		f.safetyDue = now.Add(f.opts.SafetyRefresh)
	case !now.Before(f.safetyDue):
		want = safetyResources
		f.safetyDue = now.Add(f.opts.SafetyRefresh)
	case len(f.data.Trades) > 0:
		want = statusData
	}
	if f.needWhitelist || f.applied[resWhitelist] == 0 {
		want |= WhitelistData
	}
	if want == 0 {
		return f.schedulePoll()
	}
	return f.fetch(want, true)
}

// pollLate reports whether the chain waits longer than the drift poll
// while trades are open: they opened since it was armed (the WebSocket
// announced them), so /status drifts from now on.
func (f *Feed) pollLate(now time.Time) bool {
	return f.health.live() && !f.health.failing() && len(f.data.Trades) > 0 &&
		f.nextPoll.After(now.Add(driftFactor*f.opts.Refresh))
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
