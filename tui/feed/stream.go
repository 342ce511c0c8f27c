package feed

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// openStreamCmd opens the bot's WebSocket, ending the one open before.
// Stream returns at once (it connects in the background), so the command
// is quick.
func (f *Feed) openStreamCmd() tea.Cmd {
	if f.streamCancel != nil {
		f.streamCancel()
	}
	ctx, cancel := context.WithCancel(f.ctx)
	f.streamCancel = cancel
	f.streamGen++
	f.stream = nil
	src, opts, o, gen := f.src, f.opts.Stream, origin{f.id}, f.streamGen
	return func() tea.Msg { return streamOpenedMsg{origin: o, gen: gen, stream: src.Stream(ctx, opts)} }
}

// handleStreamEvents handles a batch of events, refetches what they
// marked, and re-arms the reader. Events of a stream ended since are
// dropped.
func (f *Feed) handleStreamEvents(msg streamEventsMsg) (Out, tea.Cmd) {
	if msg.gen != f.streamGen {
		return Out{}, nil
	}
	var out Out
	cmds := make([]tea.Cmd, 0, len(msg.events)+2)
	for _, ev := range msg.events {
		o, cmd := f.handleEvent(ev)
		out.add(o)
		cmds = append(cmds, cmd)
	}
	cmds = append(cmds, f.flushDirty())
	if !msg.closed && f.stream != nil {
		cmds = append(cmds, waitForEvents(f.id, msg.gen, f.stream.Events()))
	}
	return out, tea.Batch(cmds...)
}

// gapResources is what a gap in the stream (dropped events, a reconnect)
// may have left stale.
const gapResources = allResources &^ (1 << resWhitelist)

// handleEvent updates the connection state or reacts to one message. A
// WebSocket that drops makes the feed check the bot at once: it may be
// gone.
func (f *Feed) handleEvent(ev apiclient.Event) (Out, tea.Cmd) {
	if ev.Dropped > 0 {
		f.markDirty(gapResources)
	}
	switch ev.Kind {
	case apiclient.EventConnecting:
		// An auth failure stays on screen until a connection succeeds.
		if f.health.stream != apiclient.EventAuthFailed {
			f.health.setStream(ev.Kind, f.opts.Clock())
		}
	case apiclient.EventConnected:
		f.health.setStream(ev.Kind, f.opts.Clock())
		f.health.streamReason = ""
		f.streamConnects++
		if f.streamConnects > 1 {
			// Nothing is replayed: refetch what the outage may have hidden.
			f.markDirty(gapResources)
		}
	case apiclient.EventDisconnected:
		was := f.health.stream
		f.health.setStream(ev.Kind, f.opts.Clock())
		f.health.streamReason = "WebSocket " + streamReason(ev.Err)
		f.opts.Logger.Debug("stream down", "bot", f.Name(), "err", ev.Err, "retry", ev.Retry)
		if was == apiclient.EventConnected && !f.health.failing() {
			return Out{}, f.probe()
		}
	case apiclient.EventAuthFailed:
		f.health.setStream(ev.Kind, f.opts.Clock())
		f.health.streamReason = "WebSocket auth failed"
		f.opts.Logger.Debug("stream refused", "bot", f.Name(), "err", ev.Err, "retry", ev.Retry)
	case apiclient.EventBadFrame:
		f.opts.Logger.Debug("bad stream frame", "bot", f.Name(), "err", ev.Err)
	case apiclient.EventMessage:
		return f.handleMessage(ev.Msg)
	}
	return Out{}, nil
}

// streamReason says why the WebSocket dropped.
func streamReason(err error) string {
	if r := apiclient.Reason(err); r != "" {
		return "down: " + r
	}
	return "down"
}

// handleMessage turns one pushed message into refetches, log rows or a
// notice; every message but log rows is also passed on (Out.Messages).
func (f *Feed) handleMessage(msg apiclient.Message) (Out, tea.Cmd) {
	if l, ok := msg.(apiclient.LogMsg); ok {
		f.logsPushed = true
		fresh, _ := f.dedup.fresh(l.Data)
		return Out{}, f.queueLogs(fresh)
	}
	out, cmd := f.react(msg)
	out.Messages = append(out.Messages, msg)
	return out, cmd
}

// react marks the refetches a pushed message asks for, or returns its
// notice.
func (f *Feed) react(msg apiclient.Message) (Out, tea.Cmd) {
	switch msg := msg.(type) {
	case apiclient.StatusMsg:
		if msg.Type == apiclient.MsgStatus {
			f.needWhitelist = f.needWhitelist || strings.Contains(strings.ToLower(msg.Status), "reload")
			f.markDirty(ConfigData)
			return Out{}, nil
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
	case apiclient.MsgEntryFill, apiclient.MsgExitFill:
		// A fill moves the wallet.
		f.markDirty(TradeData | BalanceData)
		return Out{}, f.wakeLogs()
	case apiclient.MsgEntry, apiclient.MsgEntryCancel, apiclient.MsgExit, apiclient.MsgExitCancel:
		f.markDirty(TradeData)
		return Out{}, f.wakeLogs()
	case apiclient.MsgProtectionTrigger, apiclient.MsgProtectionTriggerGlobal:
		f.markDirty(LockData)
		return Out{}, f.wakeLogs()
	}
	return Out{}, nil
}

// notice is an Out holding one notice.
func notice(text string) Out { return Out{Notices: []string{text}} }
