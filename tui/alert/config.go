package alert

import (
	"errors"
	"fmt"
	"time"
)

// Rules say which channels deliver each kind; a kind absent from an
// override keeps the default.
type Rules map[Kind]Channels

// Config is how alerts are chosen and delivered: the [alerts] table.
type Config struct {
	// Kinds are the channels of each kind, for every bot.
	Kinds Rules
	// Bots overrides Kinds per bot name: only the kinds it lists change.
	Bots map[string]Rules
	// Window and Burst rate-limit a burst: per bot and kind, the first
	// Burst events of a Window are alerted one by one, the rest summed up in
	// one alert when it closes. Burst 0 holds every event of a window and
	// alerts once at its end (the event itself when it was alone).
	Window time.Duration
	Burst  int
	// Grace is how long a bot must stay offline or stale before it is
	// alerted; 0 alerts at once.
	Grace time.Duration
	// Repeat is how long a warning or exception of the same text counts as
	// the same event; after it, the text is alerted again.
	Repeat time.Duration
	// Notify is how desktop notifications reach the terminal: "auto"
	// (DetectTerm's rule), "osc9", "osc777" or "off".
	Notify string
}

// The defaults of Config.
const (
	DefaultWindow = 10 * time.Second
	DefaultBurst  = 3
	DefaultGrace  = 30 * time.Second
	DefaultRepeat = time.Hour
	DefaultNotify = NotifyAutoName
)

// DefaultRules are quiet: every kind goes to the alert list; the bell and a
// desktop notification only for what needs the operator now (a stoploss,
// an exception, a bot offline or refusing its credentials), and a desktop
// notification when a bot alerted offline is back.
func DefaultRules() Rules {
	return Rules{
		EntryFill:    List,
		ExitFill:     List,
		StoplossExit: List | Bell | Desktop,
		Protection:   List,
		Warning:      List,
		Exception:    List | Bell | Desktop,
		Offline:      List | Bell | Desktop,
		Stale:        List,
		AuthFailed:   List | Bell | Desktop,
		BackOnline:   List | Desktop,
	}
}

// DefaultConfig returns the defaults; each call returns a new value.
func DefaultConfig() Config {
	return Config{
		Kinds: DefaultRules(), Bots: map[string]Rules{},
		Window: DefaultWindow, Burst: DefaultBurst, Grace: DefaultGrace, Repeat: DefaultRepeat,
		Notify: DefaultNotify,
	}
}

// ChannelsFor returns the channels of kind k for bot: its override, else
// the default.
func (c Config) ChannelsFor(bot string, k Kind) Channels {
	if ch, ok := c.Bots[bot][k]; ok {
		return ch
	}
	return c.Kinds[k]
}

// Validate checks the numbers and the notify setting.
func (c Config) Validate() error {
	var errs []error
	if c.Window <= 0 {
		errs = append(errs, fmt.Errorf("window: %s: must be positive, like \"10s\"", c.Window))
	}
	if c.Burst < 0 {
		errs = append(errs, fmt.Errorf("burst: %d: must be 0 or more", c.Burst))
	}
	if c.Grace < 0 {
		errs = append(errs, fmt.Errorf("grace: %s: must not be negative", c.Grace))
	}
	if c.Repeat <= 0 {
		errs = append(errs, fmt.Errorf("repeat: %s: must be positive, like \"1h\"", c.Repeat))
	}
	if _, err := parseNotify(c.Notify); err != nil {
		errs = append(errs, fmt.Errorf("notify: %w", err))
	}
	return errors.Join(errs...)
}
