package tui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
)

// clockTickMsg moves durations and "updated N s ago" about once a second.
type clockTickMsg struct{ tag int }

// pollTickMsg fires the slow poll of one bot; only the live tag re-arms.
type pollTickMsg struct{ bot, tag int }

// logsTickMsg fires the /logs poll of one bot; only the live tag re-arms.
type logsTickMsg struct{ bot, tag int }

// debounceMsg ends a debounce window after stream events.
type debounceMsg struct{ bot, tag int }

// logFlushMsg flushes a bot's batched log rows to its logs pane.
type logFlushMsg struct{ bot int }

// streamOpenedMsg hands a bot's new stream to the model.
type streamOpenedMsg struct {
	bot    int
	stream *apiclient.Stream
}

// streamEventsMsg carries the stream events that were ready at once (one or
// more), so a burst costs one update and one render. Closed means the
// stream has ended (the console is stopping).
type streamEventsMsg struct {
	bot    int
	events []apiclient.Event
	closed bool
}

// localLogsMsg carries the console's own log rows.
type localLogsMsg struct {
	rows   []apiclient.LogRow
	closed bool
}

// paneMsg is a message produced by a pane's command, tagged with its bot so
// an intent acts on the bot whose pane emitted it, even if the operator
// switched bots meanwhile.
type paneMsg struct {
	bot int
	msg tea.Msg
}

// statusClearMsg clears the status message it was armed for.
type statusClearMsg struct{ tag int }

// maxDrain bounds how many queued items one wait command collects.
const maxDrain = 256

// tagCmd wraps a pane's command so its result carries the bot.
func tagCmd(bot int, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg { return paneMsg{bot: bot, msg: cmd()} }
}

// clockCmd arms the once-a-second clock.
func (m *Model) clockCmd() tea.Cmd {
	tag := m.clockTag
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return clockTickMsg{tag: tag} })
}

// waitForEvents reads the next stream event, plus whatever else is already
// queued, and returns them as one message. The root re-arms it after each
// message; it needs no *tea.Program.
func waitForEvents(bot int, ch <-chan apiclient.Event) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-ch
		if !ok {
			return streamEventsMsg{bot: bot, closed: true}
		}
		events, closed := drain(ch, ev)
		return streamEventsMsg{bot: bot, events: events, closed: closed}
	}
}

// waitForLocalLogs reads the console's own log rows the same way.
// It ends with ctx, as the channel of a long-lived tee is never closed.
func waitForLocalLogs(ctx context.Context, ch <-chan apiclient.LogRow) tea.Cmd {
	return func() tea.Msg {
		var row apiclient.LogRow
		var ok bool
		select {
		case row, ok = <-ch:
		case <-ctx.Done():
		}
		if !ok {
			return localLogsMsg{closed: true}
		}
		rows, closed := drain(ch, row)
		return localLogsMsg{rows: rows, closed: closed}
	}
}

// drain returns first and what ch already holds after it, at most maxDrain
// items in all, without waiting; closed reports that ch was closed.
func drain[T any](ch <-chan T, first T) (items []T, closed bool) {
	items = []T{first}
	for len(items) < maxDrain {
		select {
		case v, ok := <-ch:
			if !ok {
				return items, true
			}
			items = append(items, v)
		default:
			return items, false
		}
	}
	return items, false
}
