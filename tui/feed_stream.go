package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
)

// openStreamCmd opens a bot's WebSocket. Stream returns at once (it
// connects in the background), so the command is quick.
func (m *Model) openStreamCmd(b *botState) tea.Cmd {
	ctx, api, opts, id := m.ctx, b.cfg.API, m.opts.Stream, b.id
	return func() tea.Msg { return streamOpenedMsg{bot: id, stream: api.Stream(ctx, opts)} }
}

// handleStreamOpened starts reading the stream's events.
func (m *Model) handleStreamOpened(msg streamOpenedMsg) tea.Cmd {
	b := m.bots[msg.bot]
	b.stream = msg.stream
	return waitForEvents(b.id, msg.stream.Events())
}

// handleStreamEvents handles a batch of events and re-arms the reader.
func (m *Model) handleStreamEvents(msg streamEventsMsg) tea.Cmd {
	b := m.bots[msg.bot]
	cmds := make([]tea.Cmd, 0, len(msg.events)+1)
	for _, ev := range msg.events {
		cmds = append(cmds, m.handleEvent(b, ev))
	}
	if !msg.closed && b.stream != nil {
		cmds = append(cmds, waitForEvents(b.id, b.stream.Events()))
	}
	return tea.Batch(cmds...)
}

// gapResources is what a gap in the stream (dropped events, a reconnect)
// may have left stale.
const gapResources = allResources &^ (1 << resWhitelist)

// handleEvent updates the connection state or reacts to one message.
func (m *Model) handleEvent(b *botState, ev apiclient.Event) tea.Cmd {
	var gap tea.Cmd
	if ev.Dropped > 0 {
		gap = m.markDirty(b, gapResources)
	}
	switch ev.Kind {
	case apiclient.EventConnecting:
		// An auth failure stays on screen until a connection succeeds.
		if b.conn.stream != apiclient.EventAuthFailed {
			b.conn.stream = ev.Kind
		}
	case apiclient.EventConnected:
		b.conn.stream = ev.Kind
		b.streamConnects++
		if b.streamConnects > 1 {
			// Nothing is replayed: refetch what the outage may have hidden.
			return tea.Batch(gap, m.markDirty(b, gapResources))
		}
	case apiclient.EventDisconnected, apiclient.EventAuthFailed:
		b.conn.stream = ev.Kind
		m.opts.Logger.Debug("stream down", "bot", b.displayName(), "state", ev.Kind.String(), "err", ev.Err, "retry", ev.Retry)
	case apiclient.EventBadFrame:
		m.opts.Logger.Debug("bad stream frame", "bot", b.displayName(), "err", ev.Err)
	case apiclient.EventMessage:
		return tea.Batch(gap, m.handleMessage(b, ev.Msg))
	}
	return gap
}

// handleMessage turns one pushed message into refetches, log rows or a
// notice.
func (m *Model) handleMessage(b *botState, msg apiclient.Message) tea.Cmd {
	switch msg := msg.(type) {
	case apiclient.LogMsg:
		b.logsPushed = true
		fresh, _ := b.dedup.fresh(msg.Data)
		return m.queueLogs(b, fresh)
	case apiclient.StatusMsg:
		if msg.Type == apiclient.MsgStatus {
			b.needWhitelist = b.needWhitelist || strings.Contains(strings.ToLower(msg.Status), "reload")
			return m.markDirty(b, 1<<resConfig)
		}
		if msg.Type == apiclient.MsgWarning {
			return m.botNotice(b, "warning: "+msg.Status)
		}
	case apiclient.ExceptionMsg:
		return m.botNotice(b, "exception: "+firstLine(msg.Status+msg.Data))
	case apiclient.StrategyMsg:
		return m.botNotice(b, "strategy: "+msg.Msg)
	}
	switch msg.MessageType() {
	case apiclient.MsgEntry, apiclient.MsgEntryFill, apiclient.MsgEntryCancel,
		apiclient.MsgExit, apiclient.MsgExitFill, apiclient.MsgExitCancel:
		return m.markDirty(b, tradeResources)
	case apiclient.MsgProtectionTrigger, apiclient.MsgProtectionTriggerGlobal:
		return m.markDirty(b, 1<<resLocks)
	}
	return nil
}

// firstLine returns the first line of s.
func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}
