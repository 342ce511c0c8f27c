package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/tui/feed"
	"github.com/freqdeck/freqdeck/tui/layout"
)

// botState is one bot as this console shows it: its feed (the data and the
// connection), its panes, and the actions in flight. Each bot is
// independent; one being down never touches another.
type botState struct {
	id  int
	cfg Bot
	// screens holds each screen's panes, indexed like its layout's; views
	// the typed panes of the screens beyond the trade desk.
	screens [layout.NumScreens][]panes.Pane
	views   screenViews
	// data is what the screens beyond the trade desk fetched.
	data screenData
	feed botFeed
	// actions is the bot's registry of actions whose outcome is not known
	// yet, shared with every console on the bot.
	actions *action.Registry
	// checks are this console's actions on the bot whose outcome was
	// unknown, being reconciled.
	checks []*check
	// health is what the panes were last told of the feed's health.
	health panes.HealthMsg
	// fleet is what the overview knows of the bot beyond its feed.
	fleet fleetView
}

// newBotState builds a bot's feed, and its panes with the shared Common and
// keys.
func newBotState(id int, cfg Bot, f botFeed, c panes.Common, keys KeyMap) *botState {
	b := &botState{id: id, cfg: cfg, feed: f, actions: cfg.Actions}
	if b.actions == nil {
		b.actions = action.NewRegistry()
	}
	b.screens, b.views = newScreens(c, keys)
	return b
}

// feedOptions are the feed options of bot cfg under the console's options.
func feedOptions(o Options, cfg Bot) feed.Options {
	var link feed.Link
	if cfg.SSH != nil {
		link = cfg.SSH
	}
	return feed.Options{
		Link: link,
		Name: cfg.Name, Refresh: cfg.Refresh, LogsRefresh: cfg.LogsRefresh, LogsRefreshPushed: DefaultLogsRefreshPushed,
		Debounce: o.Debounce, LogFlush: o.LogFlush, RetryMin: o.RetryMin, RetryMax: o.RetryMax, Timeout: o.Timeout,
		SlowAfter: o.SlowAfter, Credentials: cfg.Credentials, SecretTimeout: o.SecretTimeout,
		Stream: o.Stream, Clock: o.Clock, Logger: o.Logger,
	}
}

// displayName is the bot's name, or the bot_name it reports.
func (b *botState) displayName() string { return b.feed.Name() }

// trades are the bot's open trades, as last answered.
func (b *botState) trades() []apiclient.OpenTrade { return b.feed.Data().Trades }

// config is the bot's /show_config, nil before it answered.
func (b *botState) config() *apiclient.ShowConfig { return b.feed.Data().Config }

// send delivers messages, in order, to every pane of the bot on every
// screen, whatever the focus and the screen shown: a pane renders lazily,
// so a hidden one only keeps the data.
func (b *botState) send(msgs ...tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, msg := range msgs {
		for s := range b.screens {
			for i, p := range b.screens[s] {
				np, cmd := p.Update(msg)
				b.screens[s][i] = np
				if cmd != nil {
					cmds = append(cmds, tagCmd(b.id, cmd))
				}
			}
		}
	}
	return tea.Batch(cmds...)
}

// actionState is what the console knows of the bot's state, for
// reconciling an action's outcome later.
func (b *botState) actionState() action.State {
	d := b.feed.Data()
	s := action.State{Trades: d.Trades, TradesKnown: d.Trades != nil, Locks: d.Locks, LocksKnown: d.Locks != nil}
	if d.Config != nil {
		s.BotState = d.Config.State
	}
	return s
}

// tradeByID returns the latest copy of an open trade.
func (b *botState) tradeByID(id int) (apiclient.OpenTrade, bool) {
	for _, t := range b.trades() {
		if t.TradeID == id {
			return t, true
		}
	}
	return apiclient.OpenTrade{}, false
}
