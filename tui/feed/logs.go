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
	req := logsRequest{seq: f.nextSeq(), tag: f.logsTag, limit: limit}
	f.health.begin(req.seq, f.opts.Clock())
	return logsCmd(f.ctx, origin{f.id}, f.src, f.opts.Timeout, req)
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
	f.health.end(msg.req.seq)
	live := msg.req.tag == f.logsTag
	if msg.err != nil {
		return Out{}, f.handleLogsFailed(live, msg.err)
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
	if live {
		f.backOffLogs(len(fresh) > 0)
	}
	return f.takeLogs(), f.scheduleLogs(live)
}

// backOffLogs sets the next /logs interval: back to LogsRefresh when the
// poll brought rows, else doubled up to LogsRefreshMax. A bot whose logs
// flow is polled every LogsRefresh; a quiet one less and less often.
func (f *Feed) backOffLogs(brought bool) {
	if brought || f.logsDelay <= 0 {
		f.logsDelay = f.opts.LogsRefresh
		return
	}
	f.logsDelay = min(2*f.logsDelay, f.opts.LogsRefreshMax)
}

// wakeLogs brings a backed-off /logs chain back to LogsRefresh on activity
// (a trade event: its log lines follow): its next poll comes within
// LogsRefresh rather than at the end of the long wait.
func (f *Feed) wakeLogs() tea.Cmd {
	if !f.started || f.logsIdle || f.logsPushed || f.logsDelay <= f.opts.LogsRefresh {
		return nil
	}
	f.logsDelay = f.opts.LogsRefresh
	if f.nextLogs.Before(f.opts.Clock().Add(f.opts.LogsRefresh)) {
		return nil // the next poll comes soon enough
	}
	f.logsTag++
	return f.scheduleLogsAfter(true, f.opts.LogsRefresh)
}

// handleLogsFailed decides what a failed /logs poll leads to. A bot that
// cannot be reached or refuses the credentials is checked at once (if it
// looked fine), and the chain waits for it to answer again, as each poll
// would be one more refused login; any other failure retries on the
// backoff.
func (f *Feed) handleLogsFailed(live bool, err error) tea.Cmd {
	f.opts.Logger.Debug("logs poll failed", "bot", f.Name(), "err", err)
	wasFailing := f.health.failing()
	if !f.health.observeTransport(err) {
		return f.scheduleLogsAfter(live, min(f.opts.LogsRefresh, f.retryDelay()))
	}
	if live {
		f.logsIdle = true
	}
	if wasFailing {
		return nil
	}
	return f.probe()
}

// scheduleLogs arms the next /logs poll of a live chain: rarely when the
// bot pushes its logs, else after the backoff (backOffLogs). The first
// wait is spread by the feed's phase.
func (f *Feed) scheduleLogs(live bool) tea.Cmd {
	delay := max(f.logsDelay, f.opts.LogsRefresh)
	if f.logsPushed && f.health.live() {
		delay = max(delay, f.opts.LogsRefreshPushed)
	}
	if f.nextLogs.IsZero() {
		delay += spread(f.id, f.opts.LogsRefresh)
	}
	return f.scheduleLogsAfter(live, delay)
}

// scheduleLogsAfter arms the next /logs poll of a live chain after delay.
func (f *Feed) scheduleLogsAfter(live bool, delay time.Duration) tea.Cmd {
	if !live {
		return nil
	}
	f.nextLogs = f.opts.Clock().Add(delay)
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
