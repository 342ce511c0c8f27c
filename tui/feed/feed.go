// Package feed keeps one bot's data fresh for the console: the WebSocket
// stream and the refetches its events trigger, the slow poll, the /logs poll
// with de-duplication, and the connection state (DESIGN.md "The live feed").
//
// A Feed is a state machine in the Bubble Tea style. Its commands produce
// Msg values; whoever runs them hands each one back to Update, which answers
// with an Out (what changed: data messages for the panes, and the bot's
// notices) and the next commands. The feed holds the bot's data and its
// connection state and nothing of a console session (focus, selection,
// dialogs, the status line), so one feed can serve several consoles: each
// shows the same Out, and Data is what a console (or an overview of every
// bot) reads between updates.
//
// Boundary: feed imports apiclient, and panes for the data messages it
// produces; never tui or server.
package feed

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Source is the read side of a bot's API that a feed uses.
// *apiclient.Client implements it.
type Source interface {
	ShowConfig(ctx context.Context) (apiclient.ShowConfig, error)
	Status(ctx context.Context) ([]apiclient.OpenTrade, error)
	Count(ctx context.Context) (apiclient.Count, error)
	Profit(ctx context.Context) (apiclient.Profit, error)
	Balance(ctx context.Context) (apiclient.Balances, error)
	Locks(ctx context.Context) (apiclient.Locks, error)
	Whitelist(ctx context.Context) (apiclient.Whitelist, error)
	Logs(ctx context.Context, limit int) (apiclient.Logs, error)
	// Stream opens the message WebSocket; it returns at once and reports
	// its connection state as events.
	Stream(ctx context.Context, opts apiclient.StreamOptions) *apiclient.Stream
}

// Options configure a feed. Every duration must be positive: the console
// fills in its defaults (tui.Options).
type Options struct {
	// Name labels the bot in the feed's diagnostics; empty takes the
	// bot_name of /show_config.
	Name string
	// Refresh is the poll interval of everything while the WebSocket is
	// down (three of them without fresh data then make the bot stale);
	// while it is live, /status is polled every two (driftFactor) while
	// trades are open, as their current rate drifts.
	Refresh time.Duration
	// SafetyRefresh is the safety-net poll of /locks, /balance and /status
	// while the WebSocket is live (default DefaultSafetyRefresh). They
	// change on events the WebSocket announces (fills, protection
	// triggers) or on the console's own actions, which refetch them.
	SafetyRefresh time.Duration
	// LogsRefresh is the /logs poll interval while logs are not pushed and
	// flow, and LogsRefreshPushed the one once the bot pushes them (the
	// poll then only closes gaps). While polls bring nothing new the
	// interval doubles up to LogsRefreshMax (default
	// DefaultLogsRefreshMax); new rows, or a trade event, bring it back to
	// LogsRefresh.
	LogsRefresh, LogsRefreshPushed, LogsRefreshMax time.Duration
	// Debounce is the least time between two refetches of a resource
	// that stream events ask for: the first event of a burst refetches at
	// once, and the events that follow within the window share one
	// refetch at its end.
	Debounce time.Duration
	// LogFlush batches pushed log rows into one pane update per interval.
	LogFlush time.Duration
	// RetryMin and RetryMax bound the backoff of a failing bot's polls.
	RetryMin, RetryMax time.Duration
	// AuthRetry is the least wait before asking again a bot that refused
	// the credentials (default RetryMax): each try is a failed login on
	// the bot.
	AuthRetry time.Duration
	// Timeout bounds each API request.
	Timeout time.Duration
	// SlowAfter is how long a request may go unanswered before the data
	// counts as stale (default 2 s).
	SlowAfter time.Duration
	// Credentials, when set, give the bot's password lazily: the feed asks
	// for it in the background before its first request (see
	// Credentials).
	Credentials *Credentials
	// SecretTimeout bounds Credentials.Resolve (default 10 s).
	SecretTimeout time.Duration
	// Link, when set, is the SSH host the bot is reached through: while it
	// is not connected, the bot's state is the link's ("ssh: host key
	// unknown (SHA256:…)"), and when it comes up the bot is asked again at
	// once.
	Link Link
	// Stream configures the WebSocket (backoff, pings, topics).
	Stream apiclient.StreamOptions
	// Clock is the feed's clock ("updated N s ago", retry times).
	Clock func() time.Time
	// Logger receives the feed's diagnostics.
	Logger *slog.Logger
}

// Defaults of Options.
const (
	DefaultSlowAfter      = 2 * time.Second
	DefaultSecretTimeout  = 10 * time.Second
	DefaultSafetyRefresh  = time.Minute
	DefaultLogsRefreshMax = 30 * time.Second
)

// pendingLogLimit bounds the pushed rows waiting for the next flush; beyond
// it the oldest are dropped and counted.
const pendingLogLimit = 10000

// Feed is one bot's live feed. Its methods are called from one goroutine
// (the Bubble Tea loop that runs its commands).
type Feed struct {
	id   int
	ctx  context.Context
	src  Source
	opts Options

	health health
	// seq numbers every fetch; applied[r] is the seq of the newest answer
	// applied for resource r, so an older answer arriving late is dropped.
	seq     uint64
	applied [numResources]uint64

	pollTag   int       // the live slow-poll chain
	nextPoll  time.Time // when its next tick fires
	polls     int       // ticks armed on the chain, the first spread (phase)
	safetyDue time.Time // when the safety-net poll is next due (WebSocket live)
	fetching  int       // data fetches under way
	logsTag   int       // the live /logs poll chain
	logsDelay time.Duration
	nextLogs  time.Time // when the live /logs chain's next tick fires

	// dirty resources wait for the end of the debounce window after
	// stream events; held counts, per resource, the actions under way that
	// will refetch it. While the window is open, events only mark.
	dirty       Resources
	held        [numResources]int
	windowOpen  bool
	debounceTag int

	started   bool // the poll chains and the stream have started
	logsIdle  bool // the /logs chain waits for the bot to answer again
	secretTag int  // the password answer awaited

	dedup      *logDedup
	batch      logBatch
	logsPushed bool // the bot pushes freqdeck_log rows over the WebSocket

	stream         *apiclient.Stream
	streamGen      int                // numbers the streams opened; events of older ones are dropped
	streamCancel   context.CancelFunc // ends the current stream
	streamConnects int
	needWhitelist  bool
	data           Data
}

// Data is the bot's latest answered data: nil (or empty) until answered.
// Slices and pointers are shared; readers never modify them.
type Data struct {
	Config    *apiclient.ShowConfig
	Trades    []apiclient.OpenTrade
	Count     *apiclient.Count
	Profit    *apiclient.Profit
	Locks     []apiclient.Lock
	Balance   *apiclient.Balances
	Whitelist *apiclient.Whitelist
}

// Out is what one Update changed, the same for every console showing the
// feed.
type Out struct {
	// Data are data messages for the bot's panes (panes.TradesMsg, ...),
	// in the order they happened.
	Data []tea.Msg
	// Notices are the bot's own warnings and messages, for the status bar
	// (the first line is what counts).
	Notices []string
	// Messages are the messages the bot pushed over the WebSocket, log
	// rows aside, in order: the console's alerts and last events read them.
	Messages []apiclient.Message
}

// add appends what another step changed.
func (o *Out) add(more Out) {
	o.Data = append(o.Data, more.Data...)
	o.Notices = append(o.Notices, more.Notices...)
	o.Messages = append(o.Messages, more.Messages...)
}

// New returns the feed of one bot; id names it in the messages of its
// commands, and ctx bounds every request, stream and timer it starts.
func New(ctx context.Context, id int, src Source, opts Options) *Feed {
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	opts.AuthRetry = cmp.Or(opts.AuthRetry, opts.RetryMax)
	opts.SlowAfter = cmp.Or(opts.SlowAfter, DefaultSlowAfter)
	opts.SecretTimeout = cmp.Or(opts.SecretTimeout, DefaultSecretTimeout)
	opts.SafetyRefresh = cmp.Or(opts.SafetyRefresh, DefaultSafetyRefresh)
	opts.LogsRefreshMax = max(cmp.Or(opts.LogsRefreshMax, DefaultLogsRefreshMax), opts.LogsRefresh)
	return &Feed{id: id, ctx: ctx, src: src, opts: opts, dedup: newLogDedup(), batch: logBatch{limit: pendingLogLimit}}
}

// ID is the id the feed was built with.
func (f *Feed) ID() int { return f.id }

// Data returns the bot's latest answered data.
func (f *Feed) Data() Data { return f.data }

// State is the bot's worker state from /show_config ("" before it is
// known).
func (f *Feed) State() string {
	if f.data.Config == nil {
		return ""
	}
	return f.data.Config.State
}

// Conn returns the bot's connection at now.
func (f *Feed) Conn(now time.Time) Conn {
	return f.health.conn(now, f.opts.Refresh, f.opts.SlowAfter, f.wsLife())
}

// wsLife is what the live WebSocket tells of the bot; nothing when it is
// not connected.
func (f *Feed) wsLife() wsLife {
	if f.stream == nil || !f.health.live() {
		return wsLife{}
	}
	return wsLife{silence: f.stream.Silence(), ping: f.stream.PingInterval()}
}

// Start starts the feed: the first fetch of everything (which becomes the
// slow poll chain), the /logs chain and the WebSocket. With Credentials, it
// asks for the password first, in the background.
func (f *Feed) Start() tea.Cmd {
	link := f.startLink()
	if cmd, wait := f.startSecret(); wait {
		return tea.Batch(link, cmd)
	}
	return tea.Batch(link, f.begin())
}

// begin starts the poll chains and the stream, once the password is in.
func (f *Feed) begin() tea.Cmd {
	f.started = true
	f.pollTag++
	f.logsTag++
	f.logsDelay = f.opts.LogsRefresh
	f.safetyDue = f.opts.Clock().Add(f.opts.SafetyRefresh + spread(f.id, f.opts.SafetyRefresh/2))
	return tea.Batch(f.fetch(allResources, true), f.fetchLogs(0), f.openStreamCmd())
}

// RefreshNow restarts the poll chains with an immediate fetch of
// everything; the old chains die because their tags no longer match.
func (f *Feed) RefreshNow() tea.Cmd {
	if f.health.secret != secretReady {
		return nil // nothing is asked without the password
	}
	f.pollTag++
	f.logsTag++
	f.logsIdle = false
	f.logsDelay = f.opts.LogsRefresh
	return tea.Batch(f.fetch(allResources, true), f.fetchLogs(f.logsLimit()))
}

// Report tells the feed how a request of the console's own (an action)
// ended. A failure to reach the bot, or refused credentials, shows at once
// and makes the feed check the bot now rather than at its next poll.
func (f *Feed) Report(err error) tea.Cmd {
	was := f.health.failing()
	if !f.started || !f.health.observeTransport(err) || was {
		return nil
	}
	return f.probe()
}

// probe checks the bot at once, on the poll chain: something suggests it
// is gone (a dropped WebSocket, a failed request). A fetch already under
// way will tell as soon, so none is added to it.
func (f *Feed) probe() tea.Cmd {
	if f.fetching > 0 {
		return nil
	}
	f.pollTag++
	return f.fetch(allResources&^WhitelistData, true)
}

// Hold tells the feed that an action which changes rs is under way. Stream
// events about rs then wait for Release instead of starting a refetch of
// their own: the refetch Release starts is sent after they arrived, so it
// answers them too, and an action's own events cost no second refetch.
func (f *Feed) Hold(rs Resources) {
	for r := range numResources {
		if rs.has(r) {
			f.held[r]++
		}
	}
}

// Release ends one Hold of rs: it refetches rs at once, the action's own
// refetch, and arms the debounce window for anything else events marked.
func (f *Feed) Release(rs Resources) tea.Cmd {
	for r := range numResources {
		if rs.has(r) && f.held[r] > 0 {
			f.held[r]--
		}
	}
	if rs.has(resWhitelist) {
		f.needWhitelist = true
	}
	if f.health.secret != secretReady {
		return nil
	}
	cmd := f.fetch(rs, false)
	return tea.Batch(cmd, f.flushDirty())
}

// Refetch fetches rs now, outside the poll chains: the console asks again
// for what tells the outcome of an action it is checking.
func (f *Feed) Refetch(rs Resources) tea.Cmd {
	if f.health.secret != secretReady {
		return nil
	}
	if rs.has(resWhitelist) {
		f.needWhitelist = true
	}
	return f.fetch(rs, false)
}

// Update handles one of the feed's own messages.
func (f *Feed) Update(msg Msg) (Out, tea.Cmd) {
	switch msg := msg.(type) {
	case fetchedMsg:
		return f.handleFetched(msg)
	case pollTickMsg:
		return Out{}, f.handlePollTick(msg)
	case debounceMsg:
		return Out{}, f.handleDebounce(msg)
	case secretMsg:
		return Out{}, f.handleSecret(msg)
	case linkMsg:
		return Out{}, f.handleLink(msg)
	case logsTickMsg:
		return Out{}, f.handleLogsTick(msg)
	case logsFetchedMsg:
		return f.handleLogsFetched(msg)
	case logFlushMsg:
		return f.handleLogFlush(), nil
	case streamOpenedMsg:
		if msg.gen != f.streamGen {
			return Out{}, nil
		}
		f.stream = msg.stream
		return Out{}, waitForEvents(f.id, msg.gen, msg.stream.Events())
	case streamEventsMsg:
		return f.handleStreamEvents(msg)
	}
	return Out{}, nil
}

// Name is the bot's name: Options.Name, or the bot_name it reports, or
// "bot N".
func (f *Feed) Name() string {
	switch {
	case f.opts.Name != "":
		return f.opts.Name
	case f.data.Config != nil && f.data.Config.BotName != "":
		return f.data.Config.BotName
	default:
		return fmt.Sprintf("bot %d", f.id+1)
	}
}

// nextSeq returns a new fetch sequence number.
func (f *Feed) nextSeq() uint64 {
	f.seq++
	return f.seq
}
