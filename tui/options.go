package tui

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/themes"
	"github.com/freqdeck/freqdeck/tui/alert"
	"github.com/freqdeck/freqdeck/tui/feed"
)

// The defaults of Options and Bot.
const (
	DefaultRefresh     = 5 * time.Second
	DefaultLogsRefresh = 2 * time.Second
	// DefaultLogsRefreshPushed is the /logs poll interval once the bot pushes
	// its log lines over the WebSocket: the poll only closes gaps.
	DefaultLogsRefreshPushed = 30 * time.Second
	DefaultDebounce          = 100 * time.Millisecond
	DefaultLogFlush          = 100 * time.Millisecond
	DefaultRetryMin          = time.Second
	DefaultRetryMax          = 30 * time.Second
	DefaultTimeout           = 10 * time.Second
	DefaultCheckEvery        = 2 * time.Second
	DefaultCheckFor          = 2 * time.Minute
)

// Bot is one bot the console watches.
type Bot struct {
	// Name labels the bot; empty takes the bot_name of /show_config.
	Name string
	// API reaches the bot (an *apiclient.Client).
	API API
	// ReadOnly refuses every action on the bot.
	ReadOnly bool
	// ReadOnlyReason says why, when not the bot's read_only setting (a
	// `freqdeck host` viewer key).
	ReadOnlyReason string
	// Refresh is the poll interval while the bot's WebSocket is down (see
	// feed.Options.Refresh for the polls while it is live).
	Refresh time.Duration
	// LogsRefresh is the /logs poll interval while logs are not pushed.
	LogsRefresh time.Duration
	// Actions is the bot's registry of actions whose outcome is not known
	// yet. Consoles that share a bot (the sessions of `freqdeck host`) share
	// it, so none repeats an action another has under way; nil gives the
	// bot one of its own.
	Actions *action.Registry
	// Credentials, when set, give the bot's password lazily: the console
	// resolves it in the background (never before its first frame), and a
	// source that fails marks only this bot "secret unavailable". With
	// Prompt, the operator may type it (the password key). API must then
	// be built without the password, which Credentials.Use hands to it.
	Credentials *feed.Credentials
	// SSH, when set, is the SSH host the bot is reached through (its API
	// client dials through it): while it is not connected the bot's state
	// is the link's ("ssh: host key unknown (SHA256:…)"), and the
	// password key answers what it needs (Options.SSH).
	SSH *sshdial.Host
	// Hub, when set, is the bot's feed shared with other consoles (NewHubs):
	// the console shows it instead of running a feed of its own.
	Hub *feed.Hub
}

// Options configure the console.
type Options struct {
	// Bots are the bots to watch, at least one.
	Bots []Bot
	// SSH trusts host keys and carries passphrase prompts for the bots
	// reached through SSH (Bot.SSH); nil when none is.
	SSH *SSH
	// Theme styles the console; the zero Theme gives the default theme.
	Theme themes.Theme
	// Keys is the keymap, already checked (KeyMap.ApplyOverrides builds
	// it from [keys]); nil means DefaultKeyMap().
	Keys *KeyMap
	// AuditPath is the audit log (JSON lines); empty keeps no audit log.
	AuditPath string
	// Audit is an audit log already open, shared by several consoles; it
	// comes before AuditPath, and Close leaves it open.
	Audit *action.Log
	// Via names the front end on each audit line: "console" (the default)
	// or "host".
	Via string
	// Actor is who acts in this console, recorded on each audit line: the
	// SSH user and key of a `freqdeck host` session; nil for a local one.
	Actor *action.Actor
	// CheckEvery is how often an action whose outcome is unknown is checked
	// against the bot's state. "It did not happen" is believed once the bot
	// has answered with no change for CheckEvery or Timeout, the longer.
	CheckEvery time.Duration
	// CheckFor bounds the checking; after it the outcome stays unknown.
	CheckFor time.Duration
	// Clock is the console's clock; nil means time.Now.
	Clock func() time.Time
	// Input and Output are the terminal (default stdin and stdout).
	Input  io.Reader
	Output io.Writer
	// LocalLogs are the console's own log rows (see LogTee), shown in every
	// bot's logs pane. May be nil.
	LocalLogs <-chan apiclient.LogRow
	// Logger receives the console's own diagnostics; nil discards them.
	Logger *slog.Logger
	// Debounce delays the refetch after trade events, so a burst of
	// events costs one refetch.
	Debounce time.Duration
	// LogFlush batches log rows into one pane update per interval.
	LogFlush time.Duration
	// RetryMin and RetryMax bound the backoff of an offline bot's polls.
	RetryMin, RetryMax time.Duration
	// Timeout bounds each API request.
	Timeout time.Duration
	// SlowAfter is how long a request may go unanswered before the bot's
	// data is shown as stale (default feed.DefaultSlowAfter).
	SlowAfter time.Duration
	// SecretTimeout bounds the resolution of a bot's Credentials (default
	// feed.DefaultSecretTimeout).
	SecretTimeout time.Duration
	// Stream is the base WebSocket configuration (backoff, pings).
	Stream apiclient.StreamOptions
	// Alerts chooses which events are alerted and how ([alerts]); nil
	// means alert.DefaultConfig().
	Alerts *alert.Config
	// OverviewRefresh is how often the overview asks each bot for its
	// closed profit today and this week, while it is shown (default
	// DefaultOverviewRefresh).
	OverviewRefresh time.Duration
	// Term is how the terminal is told an alert: its desktop notification
	// protocol, and tmux's passthrough (alert.DetectTerm). The zero value
	// rings the bell and sends no notification.
	Term alert.TermCaps
	// FixedWidth and FixedHeight give the size of an output that is not a
	// terminal (a pipe, a test), which reports none. Leave them zero on a
	// terminal: its own size comes first and follows resizes.
	FixedWidth, FixedHeight int
	// Renderer draws the styles with its colour profile (an SSH session's
	// own); nil means lipgloss's default renderer (the local terminal).
	Renderer *lipgloss.Renderer
	// Place, when set, is where the console opens: a screen, a focused
	// pane, a selected trade (a `freqdeck host` key coming back).
	Place *Place
}

// ErrNoBots is returned when Options has no bot.
var ErrNoBots = errors.New("tui: no bot to watch")

// withDefaults fills in the zero fields and checks the bots.
func (o Options) withDefaults() (Options, error) {
	if len(o.Bots) == 0 {
		return o, ErrNoBots
	}
	bots := make([]Bot, len(o.Bots))
	for i, b := range o.Bots {
		if b.API == nil {
			return o, fmt.Errorf("tui: bot %d (%q) has no API", i+1, b.Name)
		}
		setDefault(&b.Refresh, DefaultRefresh)
		setDefault(&b.LogsRefresh, DefaultLogsRefresh)
		bots[i] = b
	}
	o.Bots = bots
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	setDefault(&o.Debounce, DefaultDebounce)
	setDefault(&o.LogFlush, DefaultLogFlush)
	setDefault(&o.RetryMin, DefaultRetryMin)
	setDefault(&o.RetryMax, DefaultRetryMax)
	setDefault(&o.Timeout, DefaultTimeout)
	setDefault(&o.CheckEvery, DefaultCheckEvery)
	setDefault(&o.CheckFor, DefaultCheckFor)
	setDefault(&o.OverviewRefresh, DefaultOverviewRefresh)
	if o.Via == "" {
		o.Via = "console"
	}
	if o.RetryMax < o.RetryMin {
		o.RetryMax = o.RetryMin
	}
	o.Stream.Logs = true
	return o, nil
}

func setDefault(d *time.Duration, def time.Duration) {
	if *d <= 0 {
		*d = def
	}
}
