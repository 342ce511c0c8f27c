package tui

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/panes/locks"
	"github.com/freqdeck/freqdeck/panes/logs"
	"github.com/freqdeck/freqdeck/panes/profit"
	"github.com/freqdeck/freqdeck/panes/trades"
	"github.com/freqdeck/freqdeck/tui/layout"
)

// pendingLogLimit bounds the rows waiting for the next flush to the logs
// pane; beyond it the oldest are dropped and counted.
const pendingLogLimit = 10000

// botState is one bot: its panes, its feed's bookkeeping, its connection and
// the last data it answered. Each bot is independent; one being down never
// touches another.
type botState struct {
	id   int
	cfg  Bot
	name string
	// panes are indexed like layout.Panes.
	panes [layout.NumPanes]panes.Pane

	conn conn
	// seq numbers every fetch; applied[r] is the seq of the newest answer
	// applied for resource r, so an older answer arriving late is dropped.
	seq     uint64
	applied [numResources]uint64

	pollTag int // the live slow-poll chain
	logsTag int // the live /logs poll chain

	// dirty resources wait for the debounce timer after stream events.
	dirty         resourceSet
	debounceArmed bool
	debounceTag   int

	dedup      *logDedup
	batch      logBatch
	logsPushed bool // the bot pushes freqdeck_log rows over the WebSocket

	stream         *apiclient.Stream
	streamConnects int
	needWhitelist  bool
	config         *apiclient.ShowConfig
	trades         []apiclient.OpenTrade
	inflight       map[string]bool
}

// newBotState builds a bot's panes with the shared Common and keys.
func newBotState(id int, cfg Bot, c panes.Common, keys KeyMap) *botState {
	b := &botState{
		id:       id,
		cfg:      cfg,
		name:     cfg.Name,
		dedup:    newLogDedup(),
		batch:    logBatch{limit: pendingLogLimit},
		inflight: map[string]bool{},
	}
	local := c.Now
	c.Now = func() time.Time { return b.botNow(local()) }
	b.panes[layout.Trades] = trades.New(c, keys.Trades)
	b.panes[layout.Profit] = profit.New(c, keys.Profit)
	b.panes[layout.Locks] = locks.New(c, keys.Locks)
	b.panes[layout.Logs] = logs.New(c, keys.Logs)
	return b
}

// displayName is the bot's name, or the bot_name it reports.
func (b *botState) displayName() string {
	switch {
	case b.name != "":
		return b.name
	case b.config != nil && b.config.BotName != "":
		return b.config.BotName
	default:
		return fmt.Sprintf("bot %d", b.id+1)
	}
}

// nextSeq returns a new fetch sequence number.
func (b *botState) nextSeq() uint64 {
	b.seq++
	return b.seq
}

// send delivers a message to every pane of the bot, whatever the focus.
func (b *botState) send(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for i, p := range b.panes {
		np, cmd := p.Update(msg)
		b.panes[i] = np
		if cmd != nil {
			cmds = append(cmds, tagCmd(b.id, cmd))
		}
	}
	return tea.Batch(cmds...)
}

// tradeByID returns the latest copy of an open trade.
func (b *botState) tradeByID(id int) (apiclient.OpenTrade, bool) {
	for _, t := range b.trades {
		if t.TradeID == id {
			return t, true
		}
	}
	return apiclient.OpenTrade{}, false
}

// state is the bot's worker state from /show_config ("" before it is known).
func (b *botState) state() string {
	if b.config == nil {
		return ""
	}
	return b.config.State
}
