package tui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/tui/feed"
)

// rootMsg is a message of the root's own commands; it applies itself.
type rootMsg interface {
	apply(m *Model) tea.Cmd
}

// clockTickMsg moves durations and "updated N s ago" about once a second.
type clockTickMsg struct{ tag int }

// localLogsMsg carries the console's own log rows.
type localLogsMsg struct {
	rows   []apiclient.LogRow
	closed bool
}

// statusClearMsg clears the status message it was armed for.
type statusClearMsg struct{ tag int }

// paneMsg is a message produced by a pane's command, tagged with its bot so
// it returns to the panes of the bot that started it, even if the operator
// switched bots meanwhile.
type paneMsg struct {
	bot int
	msg tea.Msg
}

// tagCmd wraps a pane's command so its result carries the bot.
func tagCmd(bot int, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg { return paneMsg{bot: bot, msg: cmd()} }
}

// handlePaneMsg delivers what a pane's command produced back to the panes
// of its bot, unwrapping batches.
func (m *Model) handlePaneMsg(msg paneMsg) tea.Cmd {
	b := m.bots[msg.bot]
	switch inner := msg.msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		cmds := make([]tea.Cmd, len(inner))
		for i, c := range inner {
			cmds[i] = tagCmd(b.id, c)
		}
		return tea.Batch(cmds...)
	default:
		return b.send(inner)
	}
}

// routeFeed hands a feed's message to its feed, and what changed to the
// bot's panes and the status bar.
func (m *Model) routeFeed(msg feed.Msg) tea.Cmd {
	b := m.bots[msg.FeedID()]
	out, cmd := b.feed.Update(msg)
	return tea.Batch(cmd, m.onFeedOut(b, out))
}

// onFeedOut shows what a feed changed: to the bot's panes, the status bar,
// the checks, the dialog, the alerts and the overview.
func (m *Model) onFeedOut(b *botState, out feed.Out) tea.Cmd {
	return tea.Batch(m.show(b, out), m.observeChecks(b, out.Data), m.refreshDialog(b, out.Data), m.syncHealth(b, m.now()),
		m.onFeedData(b, out.Data), m.alertMessages(b, out.Messages), m.onFleetMessages(b, out.Messages), m.syncOverview(), m.offerTrust(b))
}

// show delivers a feed's Out: its data to the bot's panes, its notices to
// the status bar.
func (m *Model) show(b *botState, out feed.Out) tea.Cmd {
	cmds := []tea.Cmd{b.send(out.Data...)}
	for _, n := range out.Notices {
		cmds = append(cmds, m.botNotice(b, n))
	}
	return tea.Batch(cmds...)
}

// clockCmd arms the once-a-second clock.
func (m *Model) clockCmd() tea.Cmd {
	tag := m.clockTag
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return clockTickMsg{tag: tag} })
}

// apply moves every pane's clock and re-arms the tick.
func (msg clockTickMsg) apply(m *Model) tea.Cmd {
	if msg.tag != m.clockTag {
		return nil
	}
	now := m.now()
	cmds := []tea.Cmd{m.clockCmd(), m.syncOverview()}
	for _, b := range m.bots {
		cmds = append(cmds, b.send(panes.ClockMsg{Now: now}), m.syncHealth(b, now))
	}
	return tea.Batch(cmds...)
}

// apply clears the status message, unless a newer one replaced it.
func (msg statusClearMsg) apply(m *Model) tea.Cmd {
	if msg.tag == m.statusTag {
		m.status = statusLine{}
	}
	return nil
}

// apply shows the console's own rows in every bot's logs pane and re-arms
// the reader.
func (msg localLogsMsg) apply(m *Model) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.bots)+1)
	for _, b := range m.bots {
		cmds = append(cmds, b.send(panes.LogsMsg{Rows: msg.rows}))
	}
	if !msg.closed {
		cmds = append(cmds, waitForLocalLogs(m.ctx, m.opts.LocalLogs))
	}
	return tea.Batch(cmds...)
}

// maxLocalRows bounds how many queued rows one read of the console's own
// logs collects.
const maxLocalRows = 256

// waitForLocalLogs reads the console's own log rows: the next one and
// whatever else is queued, as one message. The root re-arms it after each
// message. It ends with ctx, as the channel of a long-lived tee is never
// closed.
func waitForLocalLogs(ctx context.Context, ch <-chan apiclient.LogRow) tea.Cmd {
	return func() tea.Msg {
		var rows []apiclient.LogRow
		select {
		case row, ok := <-ch:
			if !ok {
				return localLogsMsg{closed: true}
			}
			rows = append(rows, row)
		case <-ctx.Done():
			return localLogsMsg{closed: true}
		}
		for len(rows) < maxLocalRows {
			select {
			case row, ok := <-ch:
				if !ok {
					return localLogsMsg{rows: rows, closed: true}
				}
				rows = append(rows, row)
			default:
				return localLogsMsg{rows: rows}
			}
		}
		return localLogsMsg{rows: rows}
	}
}
