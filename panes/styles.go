package panes

import (
	"github.com/charmbracelet/lipgloss"

	"github.com/freqdeck/freqdeck/themes"
)

// Styles are every lipgloss style the console draws with, built once from a
// theme by NewStyles and shared read-only through Common. Build a new value
// to change them (WithFocusedFrame for the frame): Frame keeps the border
// colours reduced at construction.
type Styles struct {
	// Mono is true for a colourless theme: selection and emphasis use
	// attributes (reverse, bold, underline) instead of colour.
	Mono bool
	// Text is plain body text.
	Text lipgloss.Style
	// Muted is secondary text (hints, empty states, units).
	Muted lipgloss.Style
	// Profit, Loss and Neutral colour a money value by its sign.
	Profit, Loss, Neutral lipgloss.Style
	// Warning, Error and Info colour notices.
	Warning, Error, Info lipgloss.Style
	// Pane draws the frame around each pane.
	Pane PaneStyles
	// Table draws tabular panes.
	Table TableStyles
	// Level colours a log level.
	Level LevelStyles
	// State colours a bot state.
	State StateStyles
	// Mode marks a bot as dry-run or live.
	Mode ModeStyles
	// StatusBar draws the console's bottom line.
	StatusBar StatusBarStyles
	// Help draws key help.
	Help HelpStyles
	// Dialog draws confirm and input dialogs.
	Dialog DialogStyles
	// Match highlights search matches.
	Match lipgloss.Style

	// frame holds Paints of the Pane styles for Frame.
	frame framePaints
}

// framePaints are the Pane styles as Paints; zero (unset) in a Styles built
// by hand, and then Frame derives them per call.
type framePaints struct {
	ok                    bool
	border, borderFocused Paint
	title, titleFocused   Paint
}

// paints returns the frame Paints, deriving them when unset.
func (s Styles) paints() framePaints {
	if s.frame.ok {
		return s.frame
	}
	return framePaints{
		ok:            true,
		border:        NewPaint(s.Pane.Border),
		borderFocused: NewPaint(s.Pane.BorderFocused),
		title:         NewPaint(s.Pane.Title),
		titleFocused:  NewPaint(s.Pane.TitleFocused),
	}
}

// WithFocusedFrame returns a copy of s whose focused frame (Frame with
// focused true) is drawn with border and title, its Paints derived again: a
// copy whose Pane styles are set directly keeps drawing the old colours.
func (s Styles) WithFocusedFrame(border, title lipgloss.Style) Styles {
	s.Pane.BorderFocused, s.Pane.TitleFocused = border, title
	s.frame = framePaints{}
	s.frame = s.paints()
	return s
}

// PaneStyles draw a pane's frame. Focus changes colour only, never layout.
type PaneStyles struct {
	Border        lipgloss.Style
	BorderFocused lipgloss.Style
	Title         lipgloss.Style
	TitleFocused  lipgloss.Style
}

// TableStyles draw tables.
type TableStyles struct {
	Header   lipgloss.Style
	Cell     lipgloss.Style
	Selected lipgloss.Style
}

// LevelStyles colour log levels.
type LevelStyles struct {
	Debug, Info, Warning, Error, Critical lipgloss.Style
}

// StateStyles colour bot states.
type StateStyles struct {
	Running, Paused, Stopped lipgloss.Style
}

// ModeStyles mark dry-run and live bots.
type ModeStyles struct {
	DryRun, Live lipgloss.Style
}

// StatusBarStyles draw the status bar.
type StatusBarStyles struct {
	Bar   lipgloss.Style
	Key   lipgloss.Style
	Value lipgloss.Style
}

// HelpStyles draw key help.
type HelpStyles struct {
	Key  lipgloss.Style
	Desc lipgloss.Style
	Sep  lipgloss.Style
}

// DialogStyles draw dialogs.
type DialogStyles struct {
	Border lipgloss.Style
	Title  lipgloss.Style
}

// NewStyles builds the styles for a theme with lipgloss's default renderer
// (the terminal on stdout). See NewStylesFor.
func NewStyles(t themes.Theme) Styles {
	return NewStylesFor(lipgloss.DefaultRenderer(), t)
}

// NewStylesFor builds the styles for a theme with renderer r, whose colour
// profile decides how colours are written (tests use an Ascii renderer). With a mono theme, selection is
// reverse video, titles and headers are bold, and the live marker and errors
// are bold too, so nothing relies on colour alone.
func NewStylesFor(r *lipgloss.Renderer, t themes.Theme) Styles {
	fg := func(c lipgloss.TerminalColor) lipgloss.Style { return r.NewStyle().Foreground(c) }
	mono := t.IsMono()
	s := Styles{
		Mono:    mono,
		Text:    fg(t.Text),
		Muted:   fg(t.TextMuted).Faint(mono),
		Profit:  fg(t.Profit),
		Loss:    fg(t.Loss),
		Neutral: fg(t.Neutral),
		Warning: fg(t.Warning).Bold(mono),
		Error:   fg(t.Error).Bold(true),
		Info:    fg(t.Info),
		Match:   fg(t.Match).Bold(true).Underline(mono),
	}
	s.Pane = PaneStyles{
		Border: fg(t.Border),
		// Without colour the focused frame is bold, its title too.
		BorderFocused: fg(t.BorderFocused).Bold(mono),
		Title:         fg(t.Title),
		TitleFocused:  fg(t.BorderFocused).Bold(true),
	}
	s.Table = TableStyles{
		Header: fg(t.Header).Bold(true),
		Cell:   fg(t.Text),
		Selected: r.NewStyle().Foreground(t.SelectedFg).Background(t.SelectedBg).
			Bold(true).Reverse(mono),
	}
	s.Level = LevelStyles{
		Debug:    fg(t.LevelDebug).Faint(mono),
		Info:     fg(t.LevelInfo),
		Warning:  fg(t.LevelWarning).Bold(mono),
		Error:    fg(t.LevelError).Bold(true),
		Critical: fg(t.LevelCritical).Bold(true).Reverse(mono),
	}
	s.State = StateStyles{
		Running: fg(t.StateRunning).Bold(true),
		Paused:  fg(t.StatePaused).Bold(true),
		Stopped: fg(t.StateStopped).Bold(true),
	}
	s.Mode = ModeStyles{DryRun: fg(t.DryRun), Live: fg(t.Live).Bold(true)}
	s.StatusBar = StatusBarStyles{
		Bar:   r.NewStyle().Foreground(t.StatusBarFg).Background(t.StatusBarBg).Reverse(mono),
		Key:   r.NewStyle().Foreground(t.Key).Background(t.StatusBarBg).Bold(true).Reverse(mono),
		Value: r.NewStyle().Foreground(t.StatusBarFg).Background(t.StatusBarBg).Reverse(mono),
	}
	s.Help = HelpStyles{Key: fg(t.Key).Bold(mono), Desc: fg(t.TextMuted), Sep: fg(t.Border)}
	s.Dialog = DialogStyles{Border: fg(t.DialogBorder), Title: fg(t.Title).Bold(true)}
	s.frame = s.paints()
	return s
}

// DefaultStyles returns the styles of the default theme; for tests and
// callers that have no configuration.
func DefaultStyles() Styles {
	t, err := themes.Load(themes.Default)
	if err != nil {
		// The bundled default is checked by themes' tests; an empty
		// theme still yields usable (colourless) styles.
		return NewStyles(themes.Theme{})
	}
	return NewStyles(t)
}
