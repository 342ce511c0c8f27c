package feed

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// logsIncrement is the /logs limit of an incremental poll. If none of the
// rows it returns was seen before, rows may be missing in between and the
// whole buffer is fetched instead.
const logsIncrement = 200

// fetchLogs starts one /logs request on the live logs chain.
func (f *Feed) fetchLogs(limit int) tea.Cmd {
	return logsCmd(f.ctx, origin{f.id}, f.src, f.opts.Timeout, logsRequest{tag: f.logsTag, limit: limit})
}

// logsLimit is the limit of the next poll: everything until rows were seen,
// then the newest logsIncrement rows.
func (f *Feed) logsLimit() int {
	if f.dedup.primed() {
		return logsIncrement
	}
	return 0
}

// handleLogsTick polls /logs on the live chain.
func (f *Feed) handleLogsTick(msg logsTickMsg) tea.Cmd {
	if msg.tag != f.logsTag {
		return nil
	}
	return f.fetchLogs(f.logsLimit())
}

// handleLogsFetched shows the rows not seen before and re-arms the chain.
// An answer is one batch already, so its rows go out at once, after the
// pushed rows still waiting for their flush. An incremental answer that
// shares no row with what was seen may have skipped rows, so the whole
// buffer is fetched right away instead.
func (f *Feed) handleLogsFetched(msg logsFetchedMsg) (Out, tea.Cmd) {
	live := msg.req.tag == f.logsTag
	if msg.err != nil {
		f.opts.Logger.Debug("logs poll failed", "bot", f.Name(), "err", msg.err)
		return Out{}, f.scheduleLogsAfter(live, min(f.opts.LogsRefresh, f.conn.retryDelay(f.opts.RetryMin, f.opts.RetryMax)))
	}
	rows := msg.logs.Logs
	if msg.req.limit > 0 && len(rows) >= msg.req.limit && !f.dedup.seenAny(rows) {
		if live {
			return Out{}, f.fetchLogs(0)
		}
		return Out{}, nil
	}
	fresh, _ := f.dedup.fresh(rows)
	f.batch.add(fresh)
	return f.takeLogs(), f.scheduleLogs(live)
}

// scheduleLogs arms the next /logs poll of a live chain: rarely when the
// bot pushes its logs, else every LogsRefresh.
func (f *Feed) scheduleLogs(live bool) tea.Cmd {
	delay := f.opts.LogsRefresh
	if f.logsPushed && f.conn.live() {
		delay = max(delay, f.opts.LogsRefreshPushed)
	}
	return f.scheduleLogsAfter(live, delay)
}

// scheduleLogsAfter arms the next /logs poll of a live chain after delay.
func (f *Feed) scheduleLogsAfter(live bool, delay time.Duration) tea.Cmd {
	if !live {
		return nil
	}
	o, tag := origin{f.id}, f.logsTag
	return tea.Tick(delay, func(time.Time) tea.Msg { return logsTickMsg{origin: o, tag: tag} })
}

// queueLogs adds pushed rows to the batch and arms one flush for it.
func (f *Feed) queueLogs(rows []apiclient.LogRow) tea.Cmd {
	if len(rows) == 0 {
		return nil
	}
	f.batch.add(rows)
	if f.batch.armed {
		return nil
	}
	f.batch.armed = true
	o := origin{f.id}
	return tea.Tick(f.opts.LogFlush, func(time.Time) tea.Msg { return logFlushMsg{o} })
}

// handleLogFlush ends a flush window: the batched rows go out as one
// LogsMsg.
func (f *Feed) handleLogFlush() Out {
	f.batch.armed = false
	return f.takeLogs()
}

// takeLogs empties the batch into an Out.
func (f *Feed) takeLogs() Out {
	rows, dropped := f.batch.take()
	if len(rows) == 0 && dropped == 0 {
		return Out{}
	}
	return Out{Data: []tea.Msg{panes.LogsMsg{Rows: rows, Dropped: dropped}}}
}
