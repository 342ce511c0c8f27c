package tui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/tui/layout"

	"github.com/freqdeck/freqdeck/apiclient/action"
)

// printable reports whether k would type text.
func printable(k tea.KeyMsg) bool { return k.Type == tea.KeyRunes || k.Type == tea.KeySpace }

// handleKey handles a key message. Several keystrokes that arrive in one
// read (over SSH, mosh or a laggy link) reach Bubble Tea as one message of
// several runes; they are handled one by one, in order, each by the state
// the one before left: "xy" opens the force-exit dialog and confirms it, and
// runes that reach a text field are typed into it as they come. A
// bracketed paste stays one message, whose text only a text field takes.
func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	if k.Alt && k.Type == tea.KeyRunes && !k.Paste && !m.keys.binds(k.String()) {
		// Esc and the next keys in one read ("\x1b*" from tmux send-keys
		// or a fast typist) parse as alt+*: no binding uses it, so it is
		// esc, then the keys.
		esc := m.handleOneKey(tea.KeyMsg{Type: tea.KeyEsc})
		k.Alt = false
		return tea.Batch(esc, m.handleKey(k))
	}
	if k.Type != tea.KeyRunes || len(k.Runes) < 2 || k.Paste {
		return m.handleOneKey(k)
	}
	cmds := make([]tea.Cmd, 0, len(k.Runes))
	for _, r := range k.Runes {
		one := k
		one.Runes = []rune{r}
		cmds = append(cmds, m.handleOneKey(one))
		if m.state == stateQuitting {
			break
		}
	}
	return tea.Batch(cmds...)
}

// handleOneKey routes one key: an open modal takes every key; then the
// global keys, unless the focused pane is taking typed text and the key is
// printable; then the focused pane, whose intent is handled at once.
func (m *Model) handleOneKey(k tea.KeyMsg) tea.Cmd {
	if m.state != stateReady {
		if key.Matches(k, m.keys.Global.Quit) {
			m.state = stateQuitting
			return tea.Quit
		}
		return nil
	}
	if m.modal.kind != modalNone {
		return m.handleModalKey(k)
	}
	b := m.activeBot()
	pane := m.paneOf(b, m.focus)
	if !pane.Capturing() || !printable(k) {
		if cmd, ok := m.handleGlobalKey(k); ok {
			return cmd
		}
	}
	intent, cmd := pane.HandleKey(k)
	return tea.Batch(tagCmd(b.id, cmd), m.handleIntent(b, intent))
}

// handleGlobalKey runs a global key; ok is false when k is not one.
func (m *Model) handleGlobalKey(k tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	g := m.keys.Global
	b := m.activeBot()
	switch {
	case key.Matches(k, g.Quit):
		m.state = stateQuitting
		return tea.Quit, true
	case key.Matches(k, g.Help):
		m.modal = modal{kind: modalHelp}
	case key.Matches(k, g.NextPane):
		m.setFocus((m.focus + 1) % m.screen.Panes())
	case key.Matches(k, g.PrevPane):
		m.setFocus((m.focus + m.screen.Panes() - 1) % m.screen.Panes())
	case key.Matches(k, g.Focus):
		m.setFocus(slices.Index(g.Focus.Keys(), k.String()))
	case key.Matches(k, g.PrevBot):
		return m.switchBot(m.active - 1), true
	case key.Matches(k, g.NextBot):
		return m.switchBot(m.active + 1), true
	case key.Matches(k, g.BotList):
		m.modal = modal{kind: modalBots, cursor: m.active}
	case key.Matches(k, g.Refresh):
		return tea.Batch(b.feed.RefreshNow(), m.refreshScreen(b), m.setStatus(statusInfo, "refreshing "+b.displayName())), true
	case key.Matches(k, g.Start):
		return m.requestControl(b, action.Start), true
	case key.Matches(k, g.Stop):
		return m.requestControl(b, action.Stop), true
	case key.Matches(k, g.Pause):
		return m.requestControl(b, action.Pause), true
	case key.Matches(k, g.Reload):
		return m.requestControl(b, action.Reload), true
	case key.Matches(k, g.Messages):
		m.modal = modal{kind: modalHistory}
	case key.Matches(k, g.Alerts):
		m.openAlerts()
	case key.Matches(k, g.Password):
		return m.openConnPrompt(b), true
	default:
		return m.handleScreenKey(k)
	}
	return nil, true
}

// handleScreenKey switches screens; ok is false when k is no screen key.
func (m *Model) handleScreenKey(k tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	g := m.keys.Global
	switch {
	case key.Matches(k, g.TradeDesk):
		return m.showScreen(layout.TradeDesk), true
	case key.Matches(k, g.History):
		return m.showScreen(layout.History), true
	case key.Matches(k, g.Pairs):
		return m.showScreen(layout.Pairs), true
	case key.Matches(k, g.Chart):
		return m.showScreen(layout.Chart), true
	case key.Matches(k, g.Overview):
		return m.showScreen(layout.Overview), true
	}
	return nil, false
}

// switchBot shows bot i (wrapping around) and loads what its shown
// screen lacks.
func (m *Model) switchBot(i int) tea.Cmd {
	n := len(m.bots)
	m.active = ((i % n) + n) % n
	return m.loadScreen(m.activeBot())
}

// handleModalKey gives a key to the open modal. A non-printable quit key
// (ctrl+c) still quits: nothing is sent by leaving.
func (m *Model) handleModalKey(k tea.KeyMsg) tea.Cmd {
	if !printable(k) && key.Matches(k, m.keys.Global.Quit) {
		m.state = stateQuitting
		return tea.Quit
	}
	d := m.keys.Dialog
	switch m.modal.kind {
	case modalDialog:
		return m.handleDialogKey(k)
	case modalBots:
		return m.handleBotListKey(k)
	case modalHistory:
		return m.handleHistoryKey(k, m.keys.Global.Messages)
	case modalAlerts:
		return m.handleHistoryKey(k, m.keys.Global.Alerts)
	case modalFleet:
		return m.handleFleetKey(k)
	case modalSecret:
		return m.handleSecretKey(k)
	case modalTrust:
		return m.handleTrustKey(k)
	case modalLogLine:
		return m.handleLogLineKey(k)
	case modalHelp:
		return m.handleHelpKey(k)
	case modalDetail, modalClosedDetail:
		if key.Matches(k, d.Cancel, d.Confirm, m.keys.Global.Help, m.keys.Global.Quit) {
			m.modal = modal{}
		}
	case modalNone:
	}
	return nil
}

// handleHelpKey scrolls the help (when it does not fit), or closes it.
func (m *Model) handleHelpKey(k tea.KeyMsg) tea.Cmd {
	nav, d := m.keys.Trades.NavKeys, m.keys.Dialog
	switch {
	case key.Matches(k, d.Cancel, d.Confirm, m.keys.Global.Help, m.keys.Global.Quit):
		m.modal = modal{}
	case key.Matches(k, nav.Down):
		m.modal.cursor++ // clamped when drawn
	case key.Matches(k, nav.Up):
		m.modal.cursor = max(m.modal.cursor-1, 0)
	}
	return nil
}

// handleDialogKey runs the dialog; a submitted action starts at once.
func (m *Model) handleDialogKey(k tea.KeyMsg) tea.Cmd {
	outcome, a := m.modal.dialog.update(k, m.keys.Dialog)
	switch outcome {
	case dialogCancelled:
		title := m.modal.dialog.title
		m.modal = modal{}
		return m.setStatus(statusInfo, title+": cancelled")
	case dialogSubmitted:
		if p := m.modal.dialog.fleet; p != nil {
			m.modal = modal{}
			return m.runFleet(p)
		}
		return m.submitDialog(m.modal.dialog, a)
	case dialogOpen:
	}
	return nil
}

// handleBotListKey moves in the bot list and switches bots.
func (m *Model) handleBotListKey(k tea.KeyMsg) tea.Cmd {
	d, t := m.keys.Dialog, m.keys.Trades
	n := len(m.bots)
	switch {
	case key.Matches(k, d.Cancel, m.keys.Global.BotList):
		m.modal = modal{}
	case key.Matches(k, d.Confirm):
		pick := m.modal.cursor
		m.modal = modal{}
		return m.switchBot(pick)
	case key.Matches(k, d.NextField, t.Down, m.keys.Global.NextBot):
		m.modal.cursor = (m.modal.cursor + 1) % n
	case key.Matches(k, d.PrevField, t.Up, m.keys.Global.PrevBot):
		m.modal.cursor = (m.modal.cursor + n - 1) % n
	}
	return nil
}
