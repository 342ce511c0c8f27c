// Package themes holds the console's colour themes: embedded TOML files, each
// a palette of named colours and a table of semantic roles that refer to
// palette names or to literal colours. A Theme is plain data; package panes
// turns it into lipgloss styles once.
//
// Boundary: themes imports only lipgloss and the TOML decoder; it knows
// nothing about panes, the console or the API.
package themes

import (
	"github.com/charmbracelet/lipgloss"
)

// Default is the theme used when none is configured.
const Default = "dark"

// Mono is the colourless theme, used for NO_COLOR and Ascii terminals.
const Mono = "mono"

// Theme maps every semantic role to a colour. A role set to "none" in the
// TOML is lipgloss.NoColor{} (the terminal's default colour).
type Theme struct {
	// Name is the theme's name (its file name without ".toml").
	Name string

	// The roles, one field each; RoleNames lists their TOML names
	// (Text is "text", TextMuted "text_muted", and so on).

	Text          lipgloss.TerminalColor
	TextMuted     lipgloss.TerminalColor
	Border        lipgloss.TerminalColor
	BorderFocused lipgloss.TerminalColor
	Title         lipgloss.TerminalColor
	Header        lipgloss.TerminalColor
	Profit        lipgloss.TerminalColor
	Loss          lipgloss.TerminalColor
	Neutral       lipgloss.TerminalColor
	Warning       lipgloss.TerminalColor
	Error         lipgloss.TerminalColor
	Info          lipgloss.TerminalColor
	SelectedFg    lipgloss.TerminalColor
	SelectedBg    lipgloss.TerminalColor
	Match         lipgloss.TerminalColor
	StatusBarFg   lipgloss.TerminalColor
	StatusBarBg   lipgloss.TerminalColor
	Key           lipgloss.TerminalColor
	LevelDebug    lipgloss.TerminalColor
	LevelInfo     lipgloss.TerminalColor
	LevelWarning  lipgloss.TerminalColor
	LevelError    lipgloss.TerminalColor
	LevelCritical lipgloss.TerminalColor
	StateRunning  lipgloss.TerminalColor
	StatePaused   lipgloss.TerminalColor
	StateStopped  lipgloss.TerminalColor
	DryRun        lipgloss.TerminalColor
	Live          lipgloss.TerminalColor
	DialogBorder  lipgloss.TerminalColor
}

// IsMono reports whether the theme carries no colour at all, so styles must
// show selection and emphasis with attributes (reverse, bold) instead.
func (t Theme) IsMono() bool {
	for _, r := range t.roles() {
		if _, none := (*r.dst).(lipgloss.NoColor); !none && *r.dst != nil {
			return false
		}
	}
	return true
}

// role binds a role's TOML name to its field in a Theme.
type role struct {
	name string
	dst  *lipgloss.TerminalColor
}

// roles lists every role of t, in TOML order, pointing into t.
func (t *Theme) roles() []role {
	return []role{
		{"text", &t.Text},
		{"text_muted", &t.TextMuted},
		{"border", &t.Border},
		{"border_focused", &t.BorderFocused},
		{"title", &t.Title},
		{"header", &t.Header},
		{"profit", &t.Profit},
		{"loss", &t.Loss},
		{"neutral", &t.Neutral},
		{"warning", &t.Warning},
		{"error", &t.Error},
		{"info", &t.Info},
		{"selected_fg", &t.SelectedFg},
		{"selected_bg", &t.SelectedBg},
		{"match", &t.Match},
		{"status_bar_fg", &t.StatusBarFg},
		{"status_bar_bg", &t.StatusBarBg},
		{"key", &t.Key},
		{"level_debug", &t.LevelDebug},
		{"level_info", &t.LevelInfo},
		{"level_warning", &t.LevelWarning},
		{"level_error", &t.LevelError},
		{"level_critical", &t.LevelCritical},
		{"state_running", &t.StateRunning},
		{"state_paused", &t.StatePaused},
		{"state_stopped", &t.StateStopped},
		{"dry_run", &t.DryRun},
		{"live", &t.Live},
		{"dialog_border", &t.DialogBorder},
	}
}

// RoleNames returns the name of every role a theme file must set.
func RoleNames() []string {
	var t Theme
	rs := t.roles()
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.name
	}
	return names
}

// Role returns the colour of the named role and whether the name is a role.
func (t Theme) Role(name string) (lipgloss.TerminalColor, bool) {
	for _, r := range t.roles() {
		if r.name == name {
			return *r.dst, true
		}
	}
	return nil, false
}
