// Package panestest holds what the pane packages' tests share: styles built
// without a terminal, a Common on a pinned clock, key presses and the size
// invariant every pane keeps. It is for tests only.
package panestest

import (
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/themes"
)

// Styles builds the styles of theme on a renderer of profile that writes
// nowhere (termenv.Ascii: no escape codes in goldens; no global state).
func Styles(tb testing.TB, theme string, profile termenv.Profile) panes.Styles {
	tb.Helper()
	th, err := themes.Load(theme)
	if err != nil {
		tb.Fatal(err)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(profile)
	return panes.NewStylesFor(r, th)
}

// Common returns a Common with the styles of theme and profile and a clock
// pinned at now.
func Common(tb testing.TB, theme string, profile termenv.Profile, now time.Time) panes.Common {
	tb.Helper()
	return panes.Common{Styles: Styles(tb, theme, profile), Now: func() time.Time { return now }}
}

// Key returns the key message of k: "enter", "esc", "up", "down", "pgup"
// and "pgdown" are those keys, anything else is typed as runes.
func Key(k string) tea.KeyMsg {
	special := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "up": tea.KeyUp, "down": tea.KeyDown,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
	}
	if t, ok := special[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// Press sends keys to p and returns the intent the last key answered (nil
// when it answered none).
func Press(p panes.Pane, keys ...string) tea.Msg {
	var msg tea.Msg
	for _, k := range keys {
		intent, _ := p.HandleKey(Key(k))
		msg = nil
		if intent != nil {
			msg = intent
		}
	}
	return msg
}

// AssertSize fails tb unless view is h lines, none wider than w cells.
func AssertSize(tb testing.TB, view string, w, h int) {
	tb.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		tb.Fatalf("%dx%d: %d lines:\n%s", w, h, len(lines), view)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			tb.Fatalf("%dx%d: line %d is %d wide: %q", w, h, i, lw, l)
		}
	}
}

// EachSize calls check with every size of a grid from 10×3 to 200×60, the
// sizes a pane's size invariants are checked at; check builds the pane at
// that size and asserts (AssertSize) what it draws.
func EachSize(check func(w, h int)) {
	for w := 10; w <= 200; w += 19 {
		for h := 3; h <= 60; h += 11 {
			check(w, h)
		}
	}
}
