package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/tui/layout"
)

// modalKind says which overlay has the keyboard.
type modalKind int

const (
	modalNone modalKind = iota
	modalHelp
	modalDialog
	modalBots
	modalDetail
	modalHistory
	modalAlerts
	modalFleet
	modalSecret
	modalTrust
	modalLogLine
	modalClosedDetail
)

// modal is the open overlay, if any.
type modal struct {
	kind    modalKind
	dialog  *dialog
	trade   apiclient.OpenTrade // modalDetail
	closed  apiclient.RawTrade  // modalClosedDetail
	bot     int                 // modalDetail, modalClosedDetail
	cursor  int                 // modalBots; the scroll of modalHistory, modalAlerts and modalHelp
	secret  *secretPrompt       // modalSecret
	trust   *trustPrompt        // modalTrust
	logLine *logLineView        // modalLogLine
}

// latestTrade returns the freshest copy of t the bot has.
func latestTrade(b *botState, t apiclient.OpenTrade) apiclient.OpenTrade {
	if fresh, ok := b.tradeByID(t.TradeID); ok {
		return fresh
	}
	return t
}

// handleIntent handles what a pane answered a key with, in the update that
// received the key: a notice goes on the status bar, a detail request opens
// the detail, and an action intent opens its dialog unless the bot is
// read-only or the same action's outcome is not known yet.
func (m *Model) handleIntent(b *botState, intent panes.Intent) tea.Cmd {
	if cmd, ok := m.handleScreenIntent(b, intent); ok {
		return cmd
	}
	switch msg := intent.(type) {
	case nil:
		return nil
	case panes.NoticeMsg:
		return m.setStatus(statusInfo, msg.Text)
	case panes.TradeDetailRequestedMsg:
		m.modal = modal{kind: modalDetail, bot: b.id, trade: latestTrade(b, msg.Trade)}
		return nil
	case panes.LogLineRequestedMsg:
		m.openLogLine(msg.Row)
		return nil
	case panes.OpenBotRequestedMsg:
		return m.openBot(msg.Bot)
	case panes.FleetExitAllRequestedMsg:
		return m.requestFleet(action.ForceExitAll)
	}
	if b.cfg.ReadOnly {
		return m.setStatus(statusError, readOnlyReason(b))
	}
	switch msg := intent.(type) {
	case panes.ForceExitRequestedMsg:
		t := latestTrade(b, msg.Trade)
		return m.openDialog(b, action.Key{Kind: action.ForceExit, Target: tradeTarget(t)}, forceExitDialog(b, t))
	case panes.ForceExitAllRequestedMsg:
		if len(b.trades()) == 0 {
			return m.setStatus(statusInfo, "no open trades to exit")
		}
		return m.openDialog(b, action.Key{Kind: action.ForceExitAll, Target: "all"}, forceExitAllDialog(b))
	case panes.ForceEnterRequestedMsg:
		return m.openDialog(b, action.Key{}, forceEnterDialog(b, msg.Pair))
	case panes.LockRequestedMsg:
		return m.openDialog(b, action.Key{}, lockDialog(b, msg.Pair, m.opts.Clock))
	case panes.DeleteLockRequestedMsg:
		o := deleteLockOp(b, msg.Lock)
		return m.openDialog(b, o.key(), deleteLockDialog(b, msg.Lock, o))
	case panes.CancelOrderRequestedMsg:
		t := latestTrade(b, msg.Trade)
		o := cancelOrderOp(b, t)
		return m.openDialog(b, o.key(), cancelOrderDialog(b, t, o))
	case panes.DeleteTradeRequestedMsg:
		t := latestTrade(b, msg.Trade)
		return m.openDialog(b, action.Key{Kind: action.DeleteTrade, Target: tradeTarget(t)}, deleteTradeDialog(b, t))
	}
	return nil
}

// readOnlyReason is the status line of a refused action.
func readOnlyReason(b *botState) string {
	if why := b.cfg.ReadOnlyReason; why != "" {
		return fmt.Sprintf("%s is read-only (%s): actions are disabled", b.displayName(), why)
	}
	return fmt.Sprintf("%s is read-only (read_only = true): actions are disabled", b.displayName())
}

// openDialog opens d for bot b, unless the action k is under way or its
// outcome is not known yet (a zero k skips the check: the target is only
// known on submit, where run checks it).
func (m *Model) openDialog(b *botState, k action.Key, d *dialog) tea.Cmd {
	if k.Kind != 0 {
		if err := b.actions.Check(k); err != nil {
			return m.setStatus(statusInfo, m.botPrefix(b)+busyText(err))
		}
	}
	d.bot = b.id
	m.modal = modal{kind: modalDialog, dialog: d}
	return nil
}

// requestControl asks for start, stop, pause (stopbuy) or reload: every
// action that changes what the bot does confirms with one key.
func (m *Model) requestControl(b *botState, kind action.Kind) tea.Cmd {
	if m.screen == layout.Overview {
		return m.requestFleet(kind) // the overview's marked bots
	}
	if b.cfg.ReadOnly {
		return m.setStatus(statusError, readOnlyReason(b))
	}
	return m.openDialog(b, action.Key{Kind: kind}, controlDialog(b, kind))
}

// botLines names a bot in a dialog.
func botLines(b *botState) [][2]string {
	state := b.feed.State()
	if state == "" {
		state = "unknown"
	}
	return [][2]string{{"Bot", b.displayName()}, {"State", state}, {"Open trades", fmt.Sprint(len(b.trades()))}}
}

// lockLines names a lock in a dialog.
func lockLines(b *botState, l apiclient.Lock) [][2]string {
	return [][2]string{
		{"Bot", b.displayName()}, {"Lock", fmt.Sprintf("#%d %s (%s)", l.ID, l.Pair, l.Side)},
		{"Until", l.LockEndTime}, {"Reason", apiclient.Deref(l.Reason)},
	}
}

// capitalize upper-cases the first letter.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
