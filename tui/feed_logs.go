package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// fetchLogs starts one /logs request on the bot's live logs chain.
func (m *Model) fetchLogs(b *botState, limit int) tea.Cmd {
	return logsCmd(m.ctx, b.cfg.API, m.opts.Timeout, logsRequest{bot: b.id, tag: b.logsTag, limit: limit})
}

// logsLimit is the limit of the next poll: everything until rows were seen,
// then the newest logsIncrement rows.
func (m *Model) logsLimit(b *botState) int {
	if b.dedup.primed() {
		return logsIncrement
	}
	return 0
}

// handleLogsTick polls /logs on the live chain.
func (m *Model) handleLogsTick(msg logsTickMsg) tea.Cmd {
	b := m.bots[msg.bot]
	if msg.tag != b.logsTag {
		return nil
	}
	return m.fetchLogs(b, m.logsLimit(b))
}

// handleLogsFetched queues the rows not seen before and re-arms the chain.
// An incremental answer that shares no row with what was seen may have
// skipped rows, so the whole buffer is fetched right away instead.
func (m *Model) handleLogsFetched(msg logsFetchedMsg) tea.Cmd {
	b := m.bots[msg.req.bot]
	live := msg.req.tag == b.logsTag
	if msg.err != nil {
		m.opts.Logger.Debug("logs poll failed", "bot", b.displayName(), "err", msg.err)
		return m.scheduleLogsAfter(b, live, min(b.cfg.LogsRefresh, b.conn.retryDelay(m.opts.RetryMin, m.opts.RetryMax)))
	}
	rows := msg.logs.Logs
	if msg.req.limit > 0 && len(rows) >= msg.req.limit && !b.dedup.seenAny(rows) {
		if live {
			return m.fetchLogs(b, 0)
		}
		return nil
	}
	fresh, _ := b.dedup.fresh(rows)
	return tea.Batch(m.queueLogs(b, fresh), m.scheduleLogs(b, live))
}

// scheduleLogs arms the next /logs poll of a live chain: rarely when the
// bot pushes its logs, else every LogsRefresh.
func (m *Model) scheduleLogs(b *botState, live bool) tea.Cmd {
	delay := b.cfg.LogsRefresh
	if b.logsPushed && b.conn.live() {
		delay = max(delay, DefaultLogsRefreshPushed)
	}
	return m.scheduleLogsAfter(b, live, delay)
}

// scheduleLogsAfter arms the next /logs poll of a live chain after delay.
func (m *Model) scheduleLogsAfter(b *botState, live bool, delay time.Duration) tea.Cmd {
	if !live {
		return nil
	}
	id, tag := b.id, b.logsTag
	return tea.Tick(delay, func(time.Time) tea.Msg { return logsTickMsg{bot: id, tag: tag} })
}

// queueLogs adds rows to the bot's batch and arms one flush for it.
func (m *Model) queueLogs(b *botState, rows []apiclient.LogRow) tea.Cmd {
	if len(rows) == 0 {
		return nil
	}
	b.batch.add(rows)
	if b.batch.armed {
		return nil
	}
	b.batch.armed = true
	id := b.id
	return tea.Tick(m.opts.LogFlush, func(time.Time) tea.Msg { return logFlushMsg{bot: id} })
}

// handleLogFlush sends the batched rows as one LogsMsg.
func (m *Model) handleLogFlush(msg logFlushMsg) tea.Cmd {
	b := m.bots[msg.bot]
	b.batch.armed = false
	rows, dropped := b.batch.take()
	if len(rows) == 0 && dropped == 0 {
		return nil
	}
	return b.send(panes.LogsMsg{Rows: rows, Dropped: dropped})
}

// handleLocalLogs shows the console's own rows in every bot's logs pane.
func (m *Model) handleLocalLogs(msg localLogsMsg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.bots)+1)
	for _, b := range m.bots {
		cmds = append(cmds, m.queueLogs(b, msg.rows))
	}
	if !msg.closed {
		cmds = append(cmds, waitForLocalLogs(m.ctx, m.opts.LocalLogs))
	}
	return tea.Batch(cmds...)
}
