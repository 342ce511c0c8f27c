package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// A pane answers a key with a command (an intent such as "force-exit this
// trade"), which Bubble Tea runs asynchronously. Keys typed right after it
// must act on what the intent opens (x then y confirms the dialog x
// opened), not overtake it. So while a pane's key command runs, later keys
// wait in a short queue; they are replayed, in order, once it is done, or
// after keyHoldMax if the command is slow (a timer), whose result then
// arrives on its own.
const (
	keyHoldMax   = 50 * time.Millisecond
	keyQueueSize = 64
)

// keyHold is the queue of keys waiting for a pane's key command.
type keyHold struct {
	active bool
	seq    int
	queue  []tea.KeyMsg
}

// keyCmdDoneMsg is the outcome of heldCmd: the command's message, or (when
// it took longer than keyHoldMax) a channel its message will arrive on.
type keyCmdDoneMsg struct {
	bot  int
	seq  int
	msg  tea.Msg
	late <-chan tea.Msg
}

// heldCmd runs a pane's key command and reports within keyHoldMax.
func heldCmd(bot, seq int, cmd tea.Cmd) tea.Cmd {
	return func() tea.Msg {
		ch := make(chan tea.Msg, 1)
		go func() { ch <- cmd() }()
		timer := time.NewTimer(keyHoldMax)
		defer timer.Stop()
		select {
		case msg := <-ch:
			return keyCmdDoneMsg{bot: bot, seq: seq, msg: msg}
		case <-timer.C:
			return keyCmdDoneMsg{bot: bot, seq: seq, late: ch}
		}
	}
}

// waitLate delivers the message of a slow key command.
func waitLate(bot int, ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg { return paneMsg{bot: bot, msg: <-ch} }
}

// holdKeys starts a hold for a pane's key command.
func (m *Model) holdKeys(bot int, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	m.hold.active = true
	m.hold.seq++
	return heldCmd(bot, m.hold.seq, cmd)
}

// queueKey keeps a key for later while a hold is active; reports whether
// it did.
func (m *Model) queueKey(k tea.KeyMsg) bool {
	if !m.hold.active {
		return false
	}
	if len(m.hold.queue) < keyQueueSize {
		m.hold.queue = append(m.hold.queue, k)
	}
	return true
}

// handleKeyCmdDone applies the key command's message, then replays the
// waiting keys until one starts a new hold.
func (m *Model) handleKeyCmdDone(msg keyCmdDoneMsg) tea.Cmd {
	cmds := []tea.Cmd{m.handlePaneMsg(paneMsg{bot: msg.bot, msg: msg.msg})}
	if msg.late != nil {
		cmds = append(cmds, waitLate(msg.bot, msg.late))
	}
	if msg.seq != m.hold.seq {
		return tea.Batch(cmds...)
	}
	m.hold.active = false
	queue := m.hold.queue
	m.hold.queue = nil
	for i, k := range queue {
		cmds = append(cmds, m.handleKey(k))
		if m.hold.active {
			m.hold.queue = append(append([]tea.KeyMsg(nil), queue[i+1:]...), m.hold.queue...)
			break
		}
	}
	return tea.Batch(cmds...)
}
