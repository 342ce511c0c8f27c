package alert

import (
	"fmt"
	"strings"
)

// Notify is the escape sequence of desktop notifications.
type Notify int

// The notification protocols.
const (
	// NotifyNone sends no notification (the bell and the list still work).
	NotifyNone Notify = iota
	// NotifyOSC9 is iTerm2's: ESC ] 9 ; text BEL.
	NotifyOSC9
	// NotifyOSC777 is rxvt-unicode's, also in WezTerm, Ghostty, foot and
	// (patched) VTE: ESC ] 777 ; notify ; title ; body BEL.
	NotifyOSC777
)

// NotifyAutoName is the Config.Notify value that lets DetectTerm decide.
const NotifyAutoName = "auto"

// parseNotify reads Config.Notify; auto is reported as -1.
func parseNotify(s string) (Notify, error) {
	switch s {
	case "", NotifyAutoName:
		return -1, nil
	case "off":
		return NotifyNone, nil
	case "osc9":
		return NotifyOSC9, nil
	case "osc777":
		return NotifyOSC777, nil
	}
	return 0, fmt.Errorf("%q: want auto, osc9, osc777 or off", s)
}

// TermCaps is what the terminal is told an alert with.
type TermCaps struct {
	// Notify is the desktop notification's protocol.
	Notify Notify
	// Tmux wraps notifications in tmux's passthrough (ESC P tmux; … ESC \).
	Tmux bool
}

// DetectTerm decides the terminal's capabilities from its environment and
// the notify setting ("auto", "osc9", "osc777", "off"). Under "auto":
//
//   - OSC 9 for iTerm2: TERM_PROGRAM=iTerm.app, or LC_TERMINAL=iTerm2
//     (which ssh forwards), or ITERM_SESSION_ID set;
//   - OSC 777 for WezTerm (TERM_PROGRAM=WezTerm or WEZTERM_PANE set),
//     Ghostty (TERM_PROGRAM=ghostty, TERM=xterm-ghostty or
//     GHOSTTY_RESOURCES_DIR set), foot (TERM=foot*), rxvt-unicode
//     (TERM=rxvt-unicode*) and VTE terminals (VTE_VERSION set: GNOME
//     Terminal and others, where the distribution's VTE shows them);
//   - none otherwise (kitty, Alacritty, Apple's Terminal, Windows
//     Terminal, the Linux console: set notify to force one).
//
// TERM_PROGRAM=tmux or screen says nothing of the terminal outside; the
// other variables, inherited from it, still do. $TMUX set means tmux:
// notifications are then wrapped for its passthrough.
func DetectTerm(getenv func(string) string, setting string) (TermCaps, error) {
	n, err := parseNotify(setting)
	if err != nil {
		return TermCaps{}, fmt.Errorf("notify: %w", err)
	}
	if n < 0 {
		n = autoNotify(getenv)
	}
	return TermCaps{Notify: n, Tmux: getenv("TMUX") != ""}, nil
}

func autoNotify(getenv func(string) string) Notify {
	prog, term := getenv("TERM_PROGRAM"), getenv("TERM")
	set := func(k string) bool { return getenv(k) != "" }
	switch {
	case prog == "iTerm.app" || getenv("LC_TERMINAL") == "iTerm2" || set("ITERM_SESSION_ID"):
		return NotifyOSC9
	case prog == "WezTerm" || set("WEZTERM_PANE"),
		prog == "ghostty" || term == "xterm-ghostty" || set("GHOSTTY_RESOURCES_DIR"),
		strings.HasPrefix(term, "foot"), strings.HasPrefix(term, "rxvt-unicode"),
		set("VTE_VERSION"):
		return NotifyOSC777
	}
	return NotifyNone
}

// The escape bytes.
const (
	bel = "\a"
	esc = "\x1b"
	osc = esc + "]"
	st  = esc + `\`
)

// Lengths, in characters, of the text sent: notifications show a line or
// two, and the alert list one.
const (
	maxTitle = 80
	maxBody  = 240
	maxLine  = 400
)

// Encode returns the bytes that deliver a to the terminal: BEL for the
// bell, then the desktop notification (none when the terminal has no
// protocol), wrapped for tmux when inside it. The list channel is the
// console's own; it writes nothing here.
func Encode(a Alert, t TermCaps) []byte {
	var b strings.Builder
	if a.Channels.Has(Bell) {
		b.WriteString(bel)
	}
	if a.Channels.Has(Desktop) {
		if seq := notification(a, t.Notify); seq != "" {
			if t.Tmux {
				seq = tmuxWrap(seq)
			}
			b.WriteString(seq)
		}
	}
	return []byte(b.String())
}

// notification is a's desktop notification in protocol n.
func notification(a Alert, n Notify) string {
	switch n {
	case NotifyOSC9:
		text := "freqdeck: " + a.Bot + ": " + a.Title
		if a.Body != "" {
			text += ": " + a.Body
		}
		return osc + "9;" + sanitize(text, maxTitle+maxBody, false) + bel
	case NotifyOSC777:
		title := sanitize("freqdeck: "+a.Bot, maxTitle, true)
		body := a.Title
		if a.Body != "" {
			body += ": " + a.Body
		}
		return osc + "777;notify;" + title + ";" + sanitize(body, maxBody, true) + bel
	}
	return ""
}

// tmuxWrap passes seq through tmux to the terminal outside it: DCS
// "tmux;", seq with every ESC doubled, ST.
func tmuxWrap(seq string) string {
	return esc + "Ptmux;" + strings.ReplaceAll(seq, esc, esc+esc) + st
}

// sanitize makes text from a bot safe inside an escape sequence: invalid
// UTF-8 becomes U+FFFD; every control character (C0, DEL, C1: ESC, BEL,
// newlines, the 8-bit ST and CSI) becomes a space, runs of spaces one;
// field separators (";") become "," when field is set; and it is cut to
// max characters, ending in "…".
func sanitize(s string, max int, field bool) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	rs := make([]rune, 0, min(len(s), max+1))
	space := false
	for _, r := range s {
		if isControl(r) || r == ' ' {
			space = len(rs) > 0 // leading and trailing spaces go
			continue
		}
		if field && r == ';' {
			r = ','
		}
		if space {
			rs = append(rs, ' ')
			space = false
		}
		rs = append(rs, r)
		if len(rs) > max {
			break
		}
	}
	if len(rs) > max {
		rs = append(rs[:max-1], '…')
	}
	return string(rs)
}

// isControl reports the C0 controls, DEL and the C1 controls.
func isControl(r rune) bool { return r < 0x20 || (r >= 0x7f && r <= 0x9f) }
