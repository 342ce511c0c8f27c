package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// modalKind says which overlay has the keyboard.
type modalKind int

const (
	modalNone modalKind = iota
	modalHelp
	modalDialog
	modalBots
	modalDetail
	modalSecret
	modalLogLine
)

// modal is the open overlay, if any.
type modal struct {
	kind    modalKind
	dialog  *dialog
	trade   apiclient.OpenTrade // modalDetail
	bot     int                 // modalDetail
	cursor  int                 // modalBots
	secret  *secretPrompt       // modalSecret
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
// read-only or the same action is already in flight.
func (m *Model) handleIntent(b *botState, intent panes.Intent) tea.Cmd {
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
	}
	if b.cfg.ReadOnly {
		return m.setStatus(statusError, readOnlyReason(b))
	}
	switch msg := intent.(type) {
	case panes.ForceExitRequestedMsg:
		t := latestTrade(b, msg.Trade)
		return m.openDialog(b, actForceExit, tradeTarget(t), forceExitDialog(b, t))
	case panes.ForceExitAllRequestedMsg:
		if len(b.trades()) == 0 {
			return m.setStatus(statusInfo, "no open trades to exit")
		}
		return m.openDialog(b, actForceExitAll, "all", forceExitAllDialog(b))
	case panes.ForceEnterRequestedMsg:
		return m.openDialog(b, actForceEnter, "", forceEnterDialog(b, msg.Pair))
	case panes.LockRequestedMsg:
		return m.openDialog(b, actAddLock, "", lockDialog(b, msg.Pair, m.opts.Clock))
	case panes.DeleteLockRequestedMsg:
		a := deleteLockAction(b, msg.Lock)
		return m.openDialog(b, a.kind, a.target, confirmDialog("Delete lock", lockLines(b, msg.Lock), "", a))
	case panes.CancelOrderRequestedMsg:
		t := latestTrade(b, msg.Trade)
		a := cancelOrderAction(b, t)
		warn := ""
		if !t.HasOpenOrders {
			warn = "The console knows of no open order on this trade."
		}
		return m.openDialog(b, a.kind, a.target, confirmDialog("Cancel open order", tradeLines(b, t), warn, a))
	case panes.DeleteTradeRequestedMsg:
		t := latestTrade(b, msg.Trade)
		return m.openDialog(b, actDeleteTrade, tradeTarget(t), deleteTradeDialog(b, t))
	}
	return nil
}

// readOnlyReason is the status line of a refused action.
func readOnlyReason(b *botState) string {
	return fmt.Sprintf("%s is read-only (read_only = true): actions are disabled", b.displayName())
}

// openDialog opens d, unless an action of that kind and target is in flight
// (target "" skips the check: the target is only known on submit).
func (m *Model) openDialog(b *botState, kind actionKind, target string, d *dialog) tea.Cmd {
	if target != "" && b.inflight[action{kind: kind, bot: b.id, target: target}.key()] {
		return m.setStatus(statusInfo, fmt.Sprintf("%s %s is already in progress", kind, target))
	}
	m.modal = modal{kind: modalDialog, dialog: d}
	return nil
}

// requestControl runs start and pause at once, and asks first for stop and
// reload, which change what the bot does with money.
func (m *Model) requestControl(b *botState, kind actionKind) tea.Cmd {
	if b.cfg.ReadOnly {
		return m.setStatus(statusError, readOnlyReason(b))
	}
	a := controlAction(b, kind)
	switch kind {
	case actStop:
		return m.openDialog(b, kind, "", confirmDialog("Stop bot", botLines(b),
			"The bot stops trading. Open trades stay open and are no longer managed.", a))
	case actReload:
		return m.openDialog(b, kind, "", confirmDialog("Reload config", botLines(b),
			"The bot re-reads its configuration; it pauses while it reloads.", a))
	default:
		return m.run(a)
	}
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

// run starts a confirmed action, once: the same action in flight is not
// sent again.
func (m *Model) run(a action) tea.Cmd {
	b := m.bots[a.bot]
	if b.cfg.ReadOnly {
		return m.setStatus(statusError, readOnlyReason(b))
	}
	if b.inflight[a.key()] {
		return m.setStatus(statusInfo, capitalize(a.label)+" is already in progress")
	}
	b.inflight[a.key()] = true
	b.feed.Hold(a.refetch)
	return tea.Batch(
		m.setStatus(statusBusy, m.botPrefix(b)+capitalize(a.label)+"…"),
		runActionCmd(m.ctx, b.cfg.API, m.opts.Timeout, m.audit, m.opts.Clock, a),
	)
}

// apply shows the outcome of an action and refetches what it touched,
// which answers the stream events the action caused too.
func (msg actionDoneMsg) apply(m *Model) tea.Cmd {
	a := msg.a
	b := m.bots[a.bot]
	delete(b.inflight, a.key())
	var status tea.Cmd
	if msg.err != nil {
		status = m.setStatus(statusError, fmt.Sprintf("%s%s failed: %s", m.botPrefix(b), capitalize(a.label), errorText(msg.err)))
	} else {
		text := fmt.Sprintf("%s%s: %s", m.botPrefix(b), capitalize(a.label), firstLine(msg.result))
		if msg.auditErr != nil {
			text += " (not in the audit log: " + msg.auditErr.Error() + ")"
		}
		status = m.setStatus(statusOK, text)
	}
	if msg.auditErr != nil {
		m.opts.Logger.Error("audit log", "err", msg.auditErr)
	}
	return tea.Batch(status, b.feed.Release(a.refetch), b.feed.Report(msg.err))
}

// botPrefix names the bot on the status bar when several are watched.
func (m *Model) botPrefix(b *botState) string {
	if len(m.bots) < 2 {
		return ""
	}
	return b.displayName() + ": "
}

// capitalize upper-cases the first letter.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
