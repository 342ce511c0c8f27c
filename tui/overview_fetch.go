package tui

import (
	"context"
	"errors"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes/overview"
)

// DefaultOverviewRefresh is how often the overview asks each bot for its
// closed profit today and this week (/daily and /weekly, one period each),
// while it is shown.
const DefaultOverviewRefresh = time.Minute

// fleetView is what the overview knows of one bot beyond its feed: its
// closed profit today and this week, and its last event.
type fleetView struct {
	today, week overview.Amount
	// periodsAt is when they were last asked for; periodsSeq numbers the
	// request on its way (0: none).
	periodsAt  time.Time
	periodsSeq uint64
	event      string
	eventAt    time.Time
}

// periodsTickMsg drives the overview's slow fetch; only the live tag
// re-arms, and only while the overview is shown.
type periodsTickMsg struct{ tag int }

// periodsFetchedMsg is a bot's answer of /daily?timescale=1 and
// /weekly?timescale=1.
type periodsFetchedMsg struct {
	bot         int
	seq         uint64
	today, week overview.Amount
	err         error
}

// startOverview refreshes the rows, asks every bot whose profits are due
// for them, and starts the slow chain, which stops once the overview is
// hidden.
func (m *Model) startOverview() tea.Cmd {
	m.periodsTag++
	cmds := []tea.Cmd{m.syncOverview(), m.periodsTickCmd()}
	now := m.now()
	for _, b := range m.bots {
		if m.periodsDue(b, now) {
			cmds = append(cmds, m.fetchPeriods(b))
		}
	}
	return tea.Batch(cmds...)
}

// periodsDue reports whether b's profits are due at now.
func (m *Model) periodsDue(b *botState, now time.Time) bool {
	return b.fleet.periodsSeq == 0 && !now.Before(b.fleet.periodsAt.Add(m.opts.OverviewRefresh))
}

// periodsTickCmd arms the next tick: the refresh interval shared among the
// bots, so their requests come one by one rather than all at once.
func (m *Model) periodsTickCmd() tea.Cmd {
	tag := m.periodsTag
	every := max(m.opts.OverviewRefresh/time.Duration(len(m.bots)), time.Second)
	return tea.Tick(every, func(time.Time) tea.Msg { return periodsTickMsg{tag: tag} })
}

// apply asks the most overdue bot for its profits, and re-arms while the
// overview is shown.
func (msg periodsTickMsg) apply(m *Model) tea.Cmd {
	if msg.tag != m.periodsTag || !m.overviewShown() {
		return nil
	}
	now := m.now()
	var due *botState
	for _, b := range m.bots {
		if m.periodsDue(b, now) && (due == nil || b.fleet.periodsAt.Before(due.fleet.periodsAt)) {
			due = b
		}
	}
	cmds := []tea.Cmd{m.periodsTickCmd()}
	if due != nil {
		cmds = append(cmds, m.fetchPeriods(due))
	}
	return tea.Batch(cmds...)
}

// fetchPeriods asks bot b for its profit today and this week, unless it is
// being asked already.
func (m *Model) fetchPeriods(b *botState) tea.Cmd {
	if b.fleet.periodsSeq != 0 {
		return nil
	}
	m.periodsSeqN++
	b.fleet.periodsSeq, b.fleet.periodsAt = m.periodsSeqN, m.now()
	return periodsCmd(m.ctx, b.cfg.API, m.opts.Timeout, b.id, b.fleet.periodsSeq)
}

// periodsCmd calls /daily and /weekly for one period each. It takes
// everything it needs as values.
func periodsCmd(ctx context.Context, api API, timeout time.Duration, bot int, seq uint64) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		daily, errD := api.Daily(ctx, 1)
		weekly, errW := api.Weekly(ctx, 1)
		return periodsFetchedMsg{bot: bot, seq: seq, today: latest(daily, errD), week: latest(weekly, errW), err: errors.Join(errD, errW)}
	}
}

// latest is the newest period's profit of an answer, unknown when it
// failed.
func latest(p apiclient.PeriodicProfit, err error) overview.Amount {
	if err != nil {
		return overview.Amount{}
	}
	if len(p.Data) == 0 {
		return overview.Some(0)
	}
	return overview.Some(p.Data[0].AbsProfit)
}

// apply keeps what the bot answered (a failure keeps the figures it had:
// the row's connection shows the bot's trouble) and refreshes the rows.
func (msg periodsFetchedMsg) apply(m *Model) tea.Cmd {
	b := m.bots[msg.bot]
	if msg.seq != b.fleet.periodsSeq {
		return nil
	}
	b.fleet.periodsSeq = 0
	if msg.today.Known {
		b.fleet.today = msg.today
	}
	if msg.week.Known {
		b.fleet.week = msg.week
	}
	if msg.err != nil {
		m.opts.Logger.Debug("overview: profit by period", "bot", b.displayName(), "err", msg.err)
	}
	return m.syncOverview()
}

// closedTrades reports whether msgs announce a closed trade: its profit
// counts today and this week.
func closedTrades(msgs []apiclient.Message) bool {
	for _, msg := range msgs {
		if msg.MessageType() == apiclient.MsgExitFill {
			return true
		}
	}
	return false
}

// onFleetMessages notes bot b's last event and, while the overview is
// shown, asks again for its profits when a trade closed.
func (m *Model) onFleetMessages(b *botState, msgs []apiclient.Message) tea.Cmd {
	m.noteEvents(b, msgs)
	if !m.overviewShown() || !closedTrades(msgs) {
		return nil
	}
	return m.fetchPeriods(b)
}
