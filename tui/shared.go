package tui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/tui/feed"
)

// botFeed is what a console asks of a bot's feed: its own *feed.Feed, run
// by the console's loop, or a sharedFeed on a hub several consoles share.
type botFeed interface {
	Start() tea.Cmd
	Update(msg feed.Msg) (feed.Out, tea.Cmd)
	Name() string
	Data() feed.Data
	Conn(now time.Time) feed.Conn
	State() string
	Hold(rs feed.Resources)
	Release(rs feed.Resources) tea.Cmd
	Refetch(rs feed.Resources) tea.Cmd
	Report(err error) tea.Cmd
	RefreshNow() tea.Cmd
	SetPassword(password string) tea.Cmd
}

// NewHubs builds one shared feed (a feed.Hub) per bot of opts, for the
// consoles of `freqdeck host`: give each console's Bot its hub (Bot.Hub).
// The feeds take opts' defaults; ctx ends them.
func NewHubs(ctx context.Context, opts Options) ([]*feed.Hub, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	hubs := make([]*feed.Hub, len(opts.Bots))
	for i, b := range opts.Bots {
		hubs[i] = feed.NewHub(ctx, feed.New(ctx, i, b.API, feedOptions(opts, b)))
	}
	return hubs, nil
}

// sharedFeed is a console's view of a hub: the hub runs the feed's
// commands, and what changed comes back as sharedOutMsg.
type sharedFeed struct {
	ctx context.Context
	id  int
	hub *feed.Hub
	sub *feed.Sub
}

// newSharedFeed subscribes bot id's console to hub.
func newSharedFeed(ctx context.Context, id int, hub *feed.Hub) *sharedFeed {
	return &sharedFeed{ctx: ctx, id: id, hub: hub, sub: hub.Subscribe()}
}

// sharedOutMsg is what a hub's feed changed, for one bot of the console.
type sharedOutMsg struct {
	bot int
	out feed.Out
	f   *sharedFeed
}

// apply shows what changed and waits for more.
func (msg sharedOutMsg) apply(m *Model) tea.Cmd {
	return tea.Batch(m.onFeedOut(m.bots[msg.bot], msg.out), msg.f.wait())
}

// wait is the command that waits for the hub's next change.
func (s *sharedFeed) wait() tea.Cmd {
	return func() tea.Msg {
		out, ok := s.sub.Wait(s.ctx)
		if !ok {
			return nil
		}
		return sharedOutMsg{bot: s.id, out: out, f: s}
	}
}

// Start starts the hub (once for all its consoles) and waits for its data.
func (s *sharedFeed) Start() tea.Cmd {
	s.hub.Start()
	return s.wait()
}

// Update is never called: a hub's messages go to the hub.
func (s *sharedFeed) Update(feed.Msg) (feed.Out, tea.Cmd) { return feed.Out{}, nil }

func (s *sharedFeed) Name() string                      { return s.hub.Name() }
func (s *sharedFeed) Data() feed.Data                   { return s.hub.Data() }
func (s *sharedFeed) Conn(now time.Time) feed.Conn      { return s.hub.Conn(now) }
func (s *sharedFeed) State() string                     { return s.hub.State() }
func (s *sharedFeed) Hold(rs feed.Resources)            { s.hub.Hold(rs) }
func (s *sharedFeed) Release(rs feed.Resources) tea.Cmd { s.hub.Release(rs); return nil }
func (s *sharedFeed) Refetch(rs feed.Resources) tea.Cmd { s.hub.Refetch(rs); return nil }
func (s *sharedFeed) Report(err error) tea.Cmd          { s.hub.Report(err); return nil }
func (s *sharedFeed) RefreshNow() tea.Cmd               { s.hub.RefreshNow(); return nil }

func (s *sharedFeed) SetPassword(p string) tea.Cmd { s.hub.SetPassword(p); return nil }

// close ends the subscription.
func (s *sharedFeed) close() { s.sub.Close() }
