package feed

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// openStreamCmd opens the bot's WebSocket. Stream returns at once (it
// connects in the background), so the command is quick.
func (f *Feed) openStreamCmd() tea.Cmd {
	ctx, src, opts, o := f.ctx, f.src, f.opts.Stream, origin{f.id}
	return func() tea.Msg { return streamOpenedMsg{origin: o, stream: src.Stream(ctx, opts)} }
}

// handleStreamEvents handles a batch of events and re-arms the reader.
func (f *Feed) handleStreamEvents(msg streamEventsMsg) (Out, tea.Cmd) {
	var out Out
	cmds := make([]tea.Cmd, 0, len(msg.events)+1)
	for _, ev := range msg.events {
		o, cmd := f.handleEvent(ev)
		out.add(o)
		cmds = append(cmds, cmd)
	}
	if !msg.closed && f.stream != nil {
		cmds = append(cmds, waitForEvents(f.id, f.stream.Events()))
	}
	return out, tea.Batch(cmds...)
}

// gapResources is what a gap in the stream (dropped events, a reconnect)
// may have left stale.
const gapResources = allResources &^ (1 << resWhitelist)

// handleEvent updates the connection state or reacts to one message.
func (f *Feed) handleEvent(ev apiclient.Event) (Out, tea.Cmd) {
	var gap tea.Cmd
	if ev.Dropped > 0 {
		gap = f.markDirty(gapResources)
	}
	switch ev.Kind {
	case apiclient.EventConnecting:
		// An auth failure stays on screen until a connection succeeds.
		if f.conn.stream != apiclient.EventAuthFailed {
			f.conn.stream = ev.Kind
		}
	case apiclient.EventConnected:
		f.conn.stream = ev.Kind
		f.streamConnects++
		if f.streamConnects > 1 {
			// Nothing is replayed: refetch what the outage may have hidden.
			return Out{}, tea.Batch(gap, f.markDirty(gapResources))
		}
	case apiclient.EventDisconnected, apiclient.EventAuthFailed:
		f.conn.stream = ev.Kind
		f.opts.Logger.Debug("stream down", "bot", f.Name(), "state", ev.Kind.String(), "err", ev.Err, "retry", ev.Retry)
	case apiclient.EventBadFrame:
		f.opts.Logger.Debug("bad stream frame", "bot", f.Name(), "err", ev.Err)
	case apiclient.EventMessage:
		out, cmd := f.handleMessage(ev.Msg)
		return out, tea.Batch(gap, cmd)
	}
	return Out{}, gap
}

// handleMessage turns one pushed message into refetches, log rows or a
// notice.
func (f *Feed) handleMessage(msg apiclient.Message) (Out, tea.Cmd) {
	switch msg := msg.(type) {
	case apiclient.LogMsg:
		f.logsPushed = true
		fresh, _ := f.dedup.fresh(msg.Data)
		return Out{}, f.queueLogs(fresh)
	case apiclient.StatusMsg:
		if msg.Type == apiclient.MsgStatus {
			f.needWhitelist = f.needWhitelist || strings.Contains(strings.ToLower(msg.Status), "reload")
			return Out{}, f.markDirty(ConfigData)
		}
		if msg.Type == apiclient.MsgWarning {
			return notice("warning: " + msg.Status), nil
		}
	case apiclient.ExceptionMsg:
		return notice("exception: " + strings.TrimSpace(msg.Status+msg.Data)), nil
	case apiclient.StrategyMsg:
		return notice("strategy: " + msg.Msg), nil
	case apiclient.NewCandleMsg:
		// The chart refetches its pair's candles on this, while shown.
		return Out{Data: []tea.Msg{panes.NewCandleMsg{Pair: msg.Data.Pair(), Timeframe: msg.Data.Timeframe()}}}, nil
	}
	switch msg.MessageType() {
	case apiclient.MsgEntry, apiclient.MsgEntryFill, apiclient.MsgEntryCancel,
		apiclient.MsgExit, apiclient.MsgExitFill, apiclient.MsgExitCancel:
		return Out{}, f.markDirty(TradeData)
	case apiclient.MsgProtectionTrigger, apiclient.MsgProtectionTriggerGlobal:
		return Out{}, f.markDirty(LockData)
	}
	return Out{}, nil
}

// notice is an Out holding one notice.
func notice(text string) Out { return Out{Notices: []string{text}} }
