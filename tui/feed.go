package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/panes"
)

// logsIncrement is the /logs limit of an incremental poll. If none of the
// rows it returns was seen before, rows may be missing in between and the
// whole buffer is fetched instead.
const logsIncrement = 200

// startFeed starts one bot's feed: the first fetch of everything (which
// becomes the slow poll chain), the /logs chain and the WebSocket.
func (m *Model) startFeed(b *botState) tea.Cmd {
	b.pollTag++
	b.logsTag++
	return tea.Batch(m.fetch(b, allResources, true), m.fetchLogs(b, 0), m.openStreamCmd(b))
}

// refreshNow restarts a bot's poll chains with an immediate fetch; the
// old chains die because their tags no longer match.
func (m *Model) refreshNow(b *botState) tea.Cmd {
	b.pollTag++
	b.logsTag++
	return tea.Batch(m.fetch(b, allResources, true), m.fetchLogs(b, m.logsLimit(b)))
}

// fetch starts one fetch of want. On the poll chain (poll), its answer
// re-arms the next poll.
func (m *Model) fetch(b *botState, want resourceSet, poll bool) tea.Cmd {
	req := fetchRequest{bot: b.id, seq: b.nextSeq(), want: want, poll: poll, tag: b.pollTag}
	return fetchCmd(m.ctx, b.cfg.API, m.opts.Timeout, req)
}

// handleFetched applies the answers that are newer than what each pane
// shows, records the connection outcome and re-arms the poll chain.
func (m *Model) handleFetched(msg fetchedMsg) tea.Cmd {
	b := m.bots[msg.req.bot]
	var errs []error
	var cmds []tea.Cmd
	for r := range numResources {
		if !msg.req.want.has(r) {
			continue
		}
		err := msg.res.errs[r]
		errs = append(errs, err)
		if err != nil {
			m.opts.Logger.Debug("fetch failed", "bot", b.displayName(), "route", r.String(), "err", err)
			continue
		}
		if msg.req.seq <= b.applied[r] {
			continue // an older answer overtaken by a newer one
		}
		b.applied[r] = msg.req.seq
		cmds = append(cmds, m.apply(b, r, msg.res))
	}
	b.conn.observe(m.now(), errs)
	if msg.req.poll && msg.req.tag == b.pollTag {
		cmds = append(cmds, m.schedulePoll(b))
	}
	return tea.Batch(cmds...)
}

// apply stores one resource and sends it to the bot's panes.
func (m *Model) apply(b *botState, r resource, res *fetchResults) tea.Cmd {
	switch r {
	case resConfig:
		cfg := res.config
		b.config = &cfg
		return b.send(panes.ConfigMsg{Config: cfg})
	case resStatus:
		b.trades = res.trades
		return b.send(panes.TradesMsg{Trades: res.trades})
	case resCount:
		return b.send(panes.CountMsg{Count: res.count})
	case resProfit:
		return b.send(panes.ProfitMsg{Profit: res.profit})
	case resLocks:
		return b.send(panes.LocksMsg{Locks: res.locks.Locks})
	case resBalance:
		return b.send(panes.BalanceMsg{Balance: res.balance})
	case resWhitelist:
		// No pane shows the whitelist yet (DESIGN.md asks for the refetch).
		b.needWhitelist = false
	case numResources:
	}
	return nil
}

// schedulePoll arms the next slow poll: after the refresh interval, or
// after a growing backoff while the bot fails.
func (m *Model) schedulePoll(b *botState) tea.Cmd {
	id, tag := b.id, b.pollTag
	delay := b.cfg.Refresh
	if b.conn.retrySoon() {
		delay = min(b.conn.retryDelay(m.opts.RetryMin, m.opts.RetryMax), max(b.cfg.Refresh, m.opts.RetryMin))
		b.conn.retryAt = m.now().Add(delay)
	}
	return tea.Tick(delay, func(time.Time) tea.Msg { return pollTickMsg{bot: id, tag: tag} })
}

// handlePollTick runs the slow poll. Without a live WebSocket (or after a
// failure) nothing is pushed, so everything is polled.
func (m *Model) handlePollTick(msg pollTickMsg) tea.Cmd {
	b := m.bots[msg.bot]
	if msg.tag != b.pollTag {
		return nil
	}
	want := pollResources
	if !b.conn.live() || b.conn.retrySoon() {
		want = allResources &^ (1 << resWhitelist)
	}
	if b.needWhitelist || b.applied[resWhitelist] == 0 {
		want |= 1 << resWhitelist
	}
	return m.fetch(b, want, true)
}

// markDirty queues resources for a refetch at the end of the debounce
// window; the window opens with the first event and is never extended, so
// a burst costs one refetch and no event waits longer than the window.
func (m *Model) markDirty(b *botState, want resourceSet) tea.Cmd {
	b.dirty |= want
	if b.debounceArmed {
		return nil
	}
	b.debounceArmed = true
	b.debounceTag++
	id, tag := b.id, b.debounceTag
	return tea.Tick(m.opts.Debounce, func(time.Time) tea.Msg { return debounceMsg{bot: id, tag: tag} })
}

// handleDebounce refetches what the events of the window touched.
func (m *Model) handleDebounce(msg debounceMsg) tea.Cmd {
	b := m.bots[msg.bot]
	if msg.tag != b.debounceTag || !b.debounceArmed {
		return nil
	}
	b.debounceArmed = false
	want := b.dirty
	b.dirty = 0
	if want == 0 {
		return nil
	}
	return m.fetch(b, want, false)
}

// handleClock moves every pane's clock and re-arms the tick.
func (m *Model) handleClock(msg clockTickMsg) tea.Cmd {
	if msg.tag != m.clockTag {
		return nil
	}
	now := m.now()
	cmds := []tea.Cmd{m.clockCmd()}
	for _, b := range m.bots {
		cmds = append(cmds, b.send(panes.ClockMsg{Now: b.botNow(now)}))
	}
	return tea.Batch(cmds...)
}
