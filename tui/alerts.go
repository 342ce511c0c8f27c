package tui

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/tui/alert"
	"github.com/freqdeck/freqdeck/tui/feed"
	"github.com/freqdeck/freqdeck/tui/termrt"
)

// alertState is the console's alerts: the engine that decides them (from
// the bots' pushed messages and connection states), the alert list, how
// the terminal is told, and the flush timer of the engine's bursts and
// grace periods. Every console (each session of `freqdeck host`) has its
// own, so each rings its own terminal.
type alertState struct {
	engine *alert.Engine
	list   *alert.History
	caps   alert.TermCaps
	// tag identifies the flush timer armed for at (zero: none armed).
	tag int
	at  time.Time
	// unread counts the alerts listed since the list was last opened.
	unread int
}

// newAlertState builds the alerts of options o.
func newAlertState(o Options) alertState {
	cfg := alert.DefaultConfig()
	if o.Alerts != nil {
		cfg = *o.Alerts
	}
	return alertState{engine: alert.NewEngine(cfg), list: alert.NewHistory(alert.DefaultHistory), caps: o.Term}
}

// The flush timer's bounds: a due flush runs at once; one far off is
// checked again every maxAlertWait, as the console's clock decides when a
// window or a grace period ends (a test's clock may jump ahead).
const (
	minAlertWait = 10 * time.Millisecond
	maxAlertWait = time.Second
)

// alertFlushMsg fires when the engine has something due (Engine.Next):
// the summary of a burst, a bad state that outlasted its grace.
type alertFlushMsg struct{ tag int }

// alertMessages raises the alerts of the messages bot b pushed.
func (m *Model) alertMessages(b *botState, msgs []apiclient.Message) tea.Cmd {
	if len(msgs) == 0 {
		return nil
	}
	now := m.now()
	var out []alert.Alert
	for _, msg := range msgs {
		if ev, ok := alert.FromMessage(msg); ok {
			out = append(out, m.alerts.engine.Observe(b.displayName(), ev, now)...)
		}
	}
	return m.deliverAlerts(out)
}

// alertLink tells the engine bot b's connection c at now; the engine says
// nothing when the state did not change.
func (m *Model) alertLink(b *botState, c feed.Conn, now time.Time) tea.Cmd {
	l, ok := linkOf(c.State)
	if !ok {
		return nil
	}
	return m.deliverAlerts(m.alerts.engine.Link(b.displayName(), l, c.Reason, now))
}

// linkOf is the alert engine's view of a connection state: a bot failing
// with server errors is as good as offline, one without a password as
// refusing it. Connecting says nothing yet.
func linkOf(s feed.ConnState) (alert.Link, bool) {
	switch s {
	case feed.Online:
		return alert.LinkOnline, true
	case feed.Offline, feed.Failing:
		return alert.LinkOffline, true
	case feed.Stale:
		return alert.LinkStale, true
	case feed.AuthFailed, feed.NoSecret:
		return alert.LinkAuthFailed, true
	case feed.Connecting:
	}
	return 0, false
}

// deliverAlerts lists the alerts of the list channel and writes the bell
// and notification bytes of all of them to the terminal (between frames,
// termrt.Raw); then it arms the flush of what the engine holds.
func (m *Model) deliverAlerts(as []alert.Alert) tea.Cmd {
	var raw []byte
	for _, a := range as {
		if a.Channels.Has(alert.List) {
			m.alerts.list.Add(a)
			m.alerts.unread++
		}
		raw = append(raw, alert.Encode(a, m.alerts.caps)...)
	}
	return tea.Batch(termrt.Raw(raw), m.armAlertFlush())
}

// armAlertFlush arms the flush timer for the engine's next due time,
// unless one armed fires earlier.
func (m *Model) armAlertFlush() tea.Cmd {
	at, ok := m.alerts.engine.Next()
	if !ok || !m.alerts.at.IsZero() && !at.Before(m.alerts.at) {
		return nil
	}
	m.alerts.tag++
	m.alerts.at = at
	tag := m.alerts.tag
	return tea.Tick(min(max(at.Sub(m.now()), minAlertWait), maxAlertWait), func(time.Time) tea.Msg { return alertFlushMsg{tag: tag} })
}

// apply delivers what is due, unless a newer timer replaced this one.
func (msg alertFlushMsg) apply(m *Model) tea.Cmd {
	if msg.tag != m.alerts.tag {
		return nil
	}
	m.alerts.at = time.Time{}
	return m.deliverAlerts(m.alerts.engine.Flush(m.now()))
}

// openAlerts shows the alert list; what it shows counts as read.
func (m *Model) openAlerts() {
	m.modal = modal{kind: modalAlerts}
	m.alerts.unread = 0
}

// alertsTitle names the alert list and how many alerts it holds.
func (m *Model) alertsTitle() string {
	return fmt.Sprintf("Alerts (%d, newest first)", m.alerts.list.Len())
}

// alertsBody renders the alert list like the message history.
func (m *Model) alertsBody(width, height int) []string {
	items := m.alerts.list.Items()
	entries := make([]historyEntry, len(items))
	for i, a := range items {
		entries[i] = historyEntry{at: a.Time, kind: alertStatus(a.Kind), text: a.Line()}
	}
	return m.entriesBody(entries, "No alerts yet.", width, height)
}

// alertStatus colours an alert of kind k like a status message.
func alertStatus(k alert.Kind) statusKind {
	switch k {
	case alert.StoplossExit, alert.Exception, alert.Offline, alert.AuthFailed:
		return statusError
	case alert.Stale, alert.Warning, alert.Protection:
		return statusPending
	case alert.BackOnline:
		return statusOK
	case alert.EntryFill, alert.ExitFill:
	}
	return statusInfo
}

// unreadAlerts is the status bar's note of alerts not yet seen, or "".
func (m *Model) unreadAlerts() string {
	if m.alerts.unread == 0 {
		return ""
	}
	k := m.keys.Global.Alerts.Help().Key
	return fmt.Sprintf("%s (%s)", plural(m.alerts.unread, "alert", "alerts"), k)
}
