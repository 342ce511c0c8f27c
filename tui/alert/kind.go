package alert

import (
	"fmt"
	"strings"
)

// Kind is what an alert is about.
type Kind int

// The kinds of alerts.
const (
	// EntryFill: an entry order filled (a trade opened, or grew).
	EntryFill Kind = iota + 1
	// ExitFill: an exit order filled, for a reason other than a stop.
	ExitFill
	// StoplossExit: an exit filled because of the stoploss (trailing, on
	// the exchange) or a liquidation.
	StoplossExit
	// Protection: a protection locked a pair, or every pair.
	Protection
	// Warning: the bot's "warning" message.
	Warning
	// Exception: the bot's "exception" message (its main loop failed).
	Exception
	// Offline: the bot could not be reached for Config.Grace.
	Offline
	// Stale: the bot's data stopped coming for Config.Grace.
	Stale
	// AuthFailed: the bot refused the credentials.
	AuthFailed
	// BackOnline: the bot answers again after an alerted bad state.
	BackOnline
)

// Kinds lists every kind, in order.
func Kinds() []Kind {
	return []Kind{EntryFill, ExitFill, StoplossExit, Protection, Warning, Exception, Offline, Stale, AuthFailed, BackOnline}
}

// String is the kind's name in the config ("exit_fill").
func (k Kind) String() string {
	switch k {
	case EntryFill:
		return "entry_fill"
	case ExitFill:
		return "exit_fill"
	case StoplossExit:
		return "stoploss"
	case Protection:
		return "protection"
	case Warning:
		return "warning"
	case Exception:
		return "exception"
	case Offline:
		return "offline"
	case Stale:
		return "stale"
	case AuthFailed:
		return "auth_failed"
	case BackOnline:
		return "back_online"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// plural is the kind in a burst summary: "12 exit fills".
func (k Kind) plural() string {
	switch k {
	case EntryFill:
		return "entry fills"
	case ExitFill:
		return "exit fills"
	case StoplossExit:
		return "stoploss exits"
	case Protection:
		return "protection locks"
	case Warning:
		return "warnings"
	case Exception:
		return "exceptions"
	}
	return k.String() + " alerts"
}

// ParseKind reads a kind's config name.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds() {
		if k.String() == s {
			return k, nil
		}
	}
	names := make([]string, 0, len(Kinds()))
	for _, k := range Kinds() {
		names = append(names, k.String())
	}
	return 0, fmt.Errorf("unknown alert kind %q (kinds: %s)", s, strings.Join(names, ", "))
}

// Channels are the ways an alert is delivered, as a set.
type Channels uint8

// The channels.
const (
	// List adds the alert to the console's alert list.
	List Channels = 1 << iota
	// Bell rings the terminal bell.
	Bell
	// Desktop shows a desktop notification through the terminal.
	Desktop
)

// Has reports whether every channel of x is in c.
func (c Channels) Has(x Channels) bool { return c&x == x && x != 0 }

// Names lists the channels' config names, in the order list, bell, desktop.
func (c Channels) Names() []string {
	out := []string{}
	for _, ch := range []Channels{List, Bell, Desktop} {
		if c.Has(ch) {
			out = append(out, ch.name())
		}
	}
	return out
}

// String is the set as the config writes it: "list,bell" ("" for none).
func (c Channels) String() string { return strings.Join(c.Names(), ",") }

func (c Channels) name() string {
	switch c {
	case List:
		return "list"
	case Bell:
		return "bell"
	case Desktop:
		return "desktop"
	}
	return fmt.Sprintf("Channels(%d)", uint8(c))
}

// ParseChannels reads a list of channel names ("list", "bell", "desktop");
// an empty list is no channel: the kind is off.
func ParseChannels(names []string) (Channels, error) {
	var c Channels
	for _, n := range names {
		switch strings.TrimSpace(n) {
		case "list":
			c |= List
		case "bell":
			c |= Bell
		case "desktop":
			c |= Desktop
		default:
			return 0, fmt.Errorf("unknown alert channel %q (channels: list, bell, desktop)", n)
		}
	}
	return c, nil
}
