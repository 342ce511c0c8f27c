package feed

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Msg is a message of a feed's commands. Hand it to the Update of the feed
// whose ID it names.
type Msg interface {
	// FeedID names the feed the message belongs to.
	FeedID() int
	feedMsg()
}

// origin names a message's feed; every message of the package embeds it.
type origin struct{ feed int }

// FeedID implements Msg.
func (o origin) FeedID() int { return o.feed }

func (origin) feedMsg() {}

// pollTickMsg fires the slow poll; only the live tag re-arms.
type pollTickMsg struct {
	origin
	tag int
}

// logsTickMsg fires the /logs poll; only the live tag re-arms.
type logsTickMsg struct {
	origin
	tag int
}

// debounceMsg ends a debounce window after stream events.
type debounceMsg struct {
	origin
	tag int
}

// logFlushMsg flushes the batched pushed log rows.
type logFlushMsg struct{ origin }

// streamOpenedMsg hands the feed its new stream, the gen-th.
type streamOpenedMsg struct {
	origin
	gen    int
	stream *apiclient.Stream
}

// streamEventsMsg carries the stream events that were ready at once (one or
// more), so a burst costs one update and one render. Closed means the
// stream has ended (the console is stopping).
type streamEventsMsg struct {
	origin
	gen    int
	events []apiclient.Event
	closed bool
}

// maxDrain bounds how many queued events one wait command collects.
const maxDrain = 256

// waitForEvents reads the next stream event, plus whatever else is already
// queued, and returns them as one message. The feed re-arms it after each
// message; it needs no *tea.Program.
func waitForEvents(id, gen int, ch <-chan apiclient.Event) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-ch
		if !ok {
			return streamEventsMsg{origin: origin{id}, gen: gen, closed: true}
		}
		events, closed := drain(ch, ev)
		return streamEventsMsg{origin: origin{id}, gen: gen, events: events, closed: closed}
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
