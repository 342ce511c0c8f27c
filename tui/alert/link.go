package alert

import (
	"fmt"
	"sort"
	"time"
)

// Link is a bot's connection state, as the console's feed reports it.
type Link int

// The connection states.
const (
	// LinkOnline: fresh data comes from the bot.
	LinkOnline Link = iota + 1
	// LinkOffline: the bot cannot be reached (retrying).
	LinkOffline
	// LinkStale: connected, but no fresh data for a while.
	LinkStale
	// LinkAuthFailed: the bot refused the credentials.
	LinkAuthFailed
)

// kind is the alert kind of a bad state.
func (l Link) kind() Kind {
	switch l {
	case LinkOffline:
		return Offline
	case LinkStale:
		return Stale
	case LinkAuthFailed:
		return AuthFailed
	}
	return 0
}

// linkState is what the Engine knows of a bot's connection.
type linkState struct {
	cur     Link
	reason  string
	badFrom time.Time // when the current run of bad states began
	due     time.Time // a bad state is alerted then, unless it ends first
	alerted Kind      // the bad state alerted (delivered) and not yet over
}

// Link takes bot's connection state at now (reason says why, for a bad
// state: "connection refused") and returns the alerts to deliver now.
// Repeating a state says nothing. Offline and stale are alerted once they
// have lasted Config.Grace (Flush does it), auth failures at once; moving
// between offline and stale alerts nothing new; back online is alerted
// only after a bad state was.
func (e *Engine) Link(bot string, state Link, reason string, now time.Time) []Alert {
	l := e.links[bot]
	if l == nil {
		l = &linkState{}
		e.links[bot] = l
	}
	if state == l.cur {
		l.reason = reason
		return nil
	}
	wasBad := l.cur.kind() != 0
	l.cur, l.reason = state, reason
	switch {
	case state == LinkOnline:
		l.due = time.Time{}
		if l.alerted == 0 {
			return nil
		}
		down := now.Sub(l.badFrom).Round(time.Second)
		l.alerted = 0
		return e.linkAlert(bot, BackOnline, "back online", "after "+down.String(), now)
	case state == LinkAuthFailed:
		if !wasBad {
			l.badFrom = now
		}
		l.due = time.Time{}
		if l.alerted == AuthFailed {
			return nil
		}
		return e.raise(bot, l, now)
	case !wasBad:
		l.badFrom = now
		l.due = now.Add(e.cfg.Grace)
		if e.cfg.Grace <= 0 {
			return e.raise(bot, l, now)
		}
	}
	return nil // offline ↔ stale, or auth failed → offline: still down
}

// flushLinks raises the bad states whose grace has run out, by bot name.
func (e *Engine) flushLinks(now time.Time) []Alert {
	var bots []string
	for bot, l := range e.links {
		if !l.due.IsZero() && !now.Before(l.due) {
			bots = append(bots, bot)
		}
	}
	sort.Strings(bots)
	var out []Alert
	for _, bot := range bots {
		out = append(out, e.raise(bot, e.links[bot], now)...)
	}
	return out
}

// raise alerts l's current bad state, unless a bad state is alerted
// already or its kind is off.
func (e *Engine) raise(bot string, l *linkState, now time.Time) []Alert {
	l.due = time.Time{}
	k := l.cur.kind()
	if l.alerted != 0 && k != AuthFailed {
		return nil
	}
	title := "offline"
	switch k {
	case Stale:
		title = "stale: no fresh data"
	case AuthFailed:
		title = "auth failed"
	}
	body := l.reason
	if k != AuthFailed && now.After(l.badFrom) {
		body = joinBody(body, fmt.Sprintf("for %s", now.Sub(l.badFrom).Round(time.Second)))
	}
	out := e.linkAlert(bot, k, title, body, now)
	if len(out) > 0 {
		l.alerted = k
	}
	return out
}

func (e *Engine) linkAlert(bot string, k Kind, title, body string, now time.Time) []Alert {
	ch := e.cfg.ChannelsFor(bot, k)
	if ch == 0 {
		return nil
	}
	return []Alert{{Time: now, Bot: bot, Kind: k, Title: title, Body: body, Count: 1, Channels: ch}}
}

func joinBody(a, b string) string {
	if a == "" {
		return b
	}
	return a + ", " + b
}
