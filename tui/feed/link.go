package feed

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
)

// Link is the link a bot is reached through: its SSH host
// (*sshdial.Host), whose state the feed shows while it is not connected.
type Link interface {
	// Watch returns the link's state and a channel closed at its next
	// change.
	Watch() (sshdial.State, <-chan struct{})
}

// linkMsg carries the link's new state, and the channel of its next
// change.
type linkMsg struct {
	origin
	state   sshdial.State
	changed <-chan struct{}
}

// watchLinkCmd waits for the link's next change; nothing once ctx ends.
func watchLinkCmd(ctx context.Context, id int, l Link, changed <-chan struct{}) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-changed:
		case <-ctx.Done():
			return nil
		}
		st, next := l.Watch()
		return linkMsg{origin: origin{id}, state: st, changed: next}
	}
}

// startLink reads the link's state and watches it; nil without a link.
func (f *Feed) startLink() tea.Cmd {
	if f.opts.Link == nil {
		return nil
	}
	st, changed := f.opts.Link.Watch()
	f.health.link = &st
	return watchLinkCmd(f.ctx, f.id, f.opts.Link, changed)
}

// handleLink records the link's state. A link that comes up has the bot
// asked again at once, its WebSocket included: the polls and the stream
// may be waiting out a backoff the link's failure caused.
func (f *Feed) handleLink(msg linkMsg) tea.Cmd {
	was := f.health.link
	f.health.link = &msg.state
	watch := watchLinkCmd(f.ctx, f.id, f.opts.Link, msg.changed)
	up := msg.state.Phase == sshdial.PhaseConnected
	if !up || (was != nil && was.Phase == sshdial.PhaseConnected) || !f.started || f.health.secret != secretReady {
		return watch
	}
	f.health.fails = 0
	cmds := []tea.Cmd{watch, f.RefreshNow()}
	if !f.health.live() {
		cmds = append(cmds, f.openStreamCmd())
	}
	return tea.Batch(cmds...)
}

// linkState is the connection state while the link is not connected, and
// ok false when it is (or there is no link): then the bot's own answers
// decide.
func linkState(l *sshdial.State, now time.Time) (ConnState, string, bool) {
	if l == nil {
		return 0, "", false
	}
	switch l.Phase {
	case sshdial.PhaseConnected:
		return 0, "", false
	case sshdial.PhaseConnecting:
		return Connecting, l.Text(now), true
	case sshdial.PhaseAuthFailed:
		return AuthFailed, l.Text(now), true
	default:
		return Offline, l.Text(now), true
	}
}
