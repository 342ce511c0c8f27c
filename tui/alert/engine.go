package alert

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Alert is one thing to tell the operator.
type Alert struct {
	// Time is when it was raised.
	Time time.Time
	Bot  string
	Kind Kind
	// Title says it in a line; Body adds the detail (may be empty).
	Title string
	Body  string
	// Count is how many events it stands for: 1, or a burst's total.
	Count int
	// Channels deliver it.
	Channels Channels
}

// Line is the alert as the alert list shows it: "vps1: exit filled: …".
func (a Alert) Line() string {
	s := a.Bot + ": " + a.Title
	if a.Body != "" {
		s += ": " + a.Body
	}
	return sanitize(s, maxLine, false)
}

// maxLabels bounds the labels a burst summary names.
const maxLabels = 5

// burstKey is one bot's kind.
type burstKey struct {
	bot  string
	kind Kind
}

// burst is an open rate-limit window.
type burst struct {
	start  time.Time
	count  int      // events in the window
	shown  int      // alerted one by one
	held   []Event  // not alerted yet (only the first are kept whole)
	labels []string // labels of every held event, for the summary
}

// Engine turns events into alerts: channels, de-duplication, bursts and
// connection states (see the package doc). It is not safe for concurrent
// use: the console's model owns it.
type Engine struct {
	cfg    Config
	seen   *seen
	bursts map[burstKey]*burst
	links  map[string]*linkState
}

// NewEngine returns an Engine over cfg (see Config.Validate).
func NewEngine(cfg Config) *Engine {
	return &Engine{cfg: cfg, seen: newSeen(), bursts: map[burstKey]*burst{}, links: map[string]*linkState{}}
}

// Observe takes an event of bot at now and returns the alerts to deliver
// now: none when its kind is off for bot, when it was seen already, or when
// its burst is over Config.Burst (it is then in the summary Flush returns).
func (e *Engine) Observe(bot string, ev Event, now time.Time) []Alert {
	ch := e.cfg.ChannelsFor(bot, ev.Kind)
	if ch == 0 {
		return nil
	}
	ttl := time.Duration(0)
	if ev.Key == "" {
		ttl = e.cfg.Repeat
	}
	if !e.seen.first(dedupKey(bot, ev), now, ttl) {
		return nil
	}
	out := e.Flush(now) // a window that has closed closes before a new one opens
	k := burstKey{bot, ev.Kind}
	b := e.bursts[k]
	if b == nil {
		b = &burst{start: now}
		e.bursts[k] = b
	}
	b.count++
	if b.shown < e.cfg.Burst {
		b.shown++
		return append(out, e.single(bot, ev, ch, now))
	}
	if len(b.held) < 1 {
		b.held = append(b.held, ev) // alone in a Burst-0 window, it is alerted as itself
	}
	b.labels = append(b.labels, ev.Label)
	return out
}

// Flush returns the alerts due at now: the summaries of the burst windows
// that have closed, and the offline or stale states that have lasted
// Config.Grace. Call it at Next.
func (e *Engine) Flush(now time.Time) []Alert {
	var out []Alert
	keys := make([]burstKey, 0, len(e.bursts))
	for k, b := range e.bursts {
		if !now.Before(b.start.Add(e.cfg.Window)) {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].bot != keys[j].bot {
			return keys[i].bot < keys[j].bot
		}
		return keys[i].kind < keys[j].kind
	})
	for _, k := range keys {
		b := e.bursts[k]
		delete(e.bursts, k)
		if a, ok := e.summary(k, b, now); ok {
			out = append(out, a)
		}
	}
	return append(out, e.flushLinks(now)...)
}

// Next is when Flush next has something to do: the earliest end of an
// open window holding events, or of a grace period. false: nothing
// pending (windows with nothing held close quietly on the next event).
func (e *Engine) Next() (time.Time, bool) {
	var next time.Time
	consider := func(t time.Time) {
		if next.IsZero() || t.Before(next) {
			next = t
		}
	}
	for _, b := range e.bursts {
		if len(b.labels) > 0 {
			consider(b.start.Add(e.cfg.Window))
		}
	}
	for _, l := range e.links {
		if !l.due.IsZero() {
			consider(l.due)
		}
	}
	return next, !next.IsZero()
}

func (e *Engine) single(bot string, ev Event, ch Channels, now time.Time) Alert {
	return Alert{Time: now, Bot: bot, Kind: ev.Kind, Title: ev.Title, Body: ev.Body, Count: 1, Channels: ch}
}

// summary is the one alert for a closed window's held events.
func (e *Engine) summary(k burstKey, b *burst, now time.Time) (Alert, bool) {
	n := len(b.labels)
	if n == 0 {
		return Alert{}, false
	}
	ch := e.cfg.ChannelsFor(k.bot, k.kind)
	if b.count == 1 {
		return e.single(k.bot, b.held[0], ch, now), true
	}
	title := fmt.Sprintf("%d %s in %s", b.count, k.kind.plural(), seconds(e.cfg.Window))
	body := labelList(b.labels)
	if b.shown > 0 {
		body = fmt.Sprintf("%d more: %s", n, body)
	}
	return Alert{Time: now, Bot: k.bot, Kind: k.kind, Title: title, Body: body, Count: b.count, Channels: ch}, true
}

// labelList names up to maxLabels distinct labels: "BTC/USDT, ETH/USDT and
// 3 more".
func labelList(labels []string) string {
	var uniq []string
	seen := map[string]bool{}
	for _, l := range labels {
		if l != "" && !seen[l] {
			seen[l] = true
			uniq = append(uniq, l)
		}
	}
	if len(uniq) <= maxLabels {
		return strings.Join(uniq, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(uniq[:maxLabels], ", "), len(uniq)-maxLabels)
}

// seconds words a duration for a summary: "10 s", "2 min".
func seconds(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%d min", int(d/time.Minute))
	}
	return fmt.Sprintf("%g s", d.Seconds())
}
