// Package tui is freqdeck's console: the root Bubble Tea model that lays out
// the panes of every bot, feeds them live data, and turns the operator's
// keys into confirmed, audited API actions.
//
// Boundary: tui imports apiclient, panes (and its sub-packages), themes and
// its own sub-packages (feed, layout, termrt); never server. It talks to every bot, embedded or remote, through the same
// API interface (an *apiclient.Client).
package tui

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/panes/overview"
	"github.com/freqdeck/freqdeck/themes"
	"github.com/freqdeck/freqdeck/tui/feed"
	"github.com/freqdeck/freqdeck/tui/layout"
	"github.com/freqdeck/freqdeck/tui/termrt"
)

// appState is the console's own lifecycle.
type appState int

const (
	// stateStarting waits for the terminal size.
	stateStarting appState = iota
	// stateReady draws the panes.
	stateReady
	// stateQuitting has asked the program to stop.
	stateQuitting
)

// String implements fmt.Stringer.
func (s appState) String() string {
	switch s {
	case stateStarting:
		return "starting"
	case stateReady:
		return "ready"
	case stateQuitting:
		return "quitting"
	}
	return "unknown"
}

// statusLines is the height of the status bar.
const statusLines = 1

// Model is the console's root model.
//
// Rules of the root (CONVENTIONS.md §4.2):
//  1. A tea.WindowSizeMsg goes through layout.Compute, then SetSize on each
//     pane; the layout is recomputed only when the size or the chrome
//     (the focused pane, in single-pane mode) changes.
//  2. Keys go, in order: to an open modal (dialog, help, bot list, detail),
//     which takes all of them; to the global keys, unless the focused pane is
//     capturing typed text and the key is printable; to the focused pane.
//  3. Each bot's feed keeps its data fresh; what a feed's message changed
//     goes to every pane of that bot, whatever the focus and whichever bot
//     is shown.
//  4. Help is composed from the keymaps (focused pane first, then global).
//  5. The app state (starting, ready, quitting) and each bot's connection
//     state are explicit enums; the view renders from them.
//  6. Commands take values; they never read the model. Poll and tick chains
//     carry tags so a second chain never starts.
type Model struct {
	ctx    context.Context
	opts   Options
	keys   KeyMap
	styles panes.Styles
	// dialogStyles draw overlays: styles with the dialog border as the
	// focused frame, built once.
	dialogStyles panes.Styles
	audit        *action.Log
	// ownAudit is set when the console opened the audit log (and closes it).
	ownAudit bool

	state  appState
	width  int
	height int
	layout layout.Layout

	bots   []*botState
	active int
	// screen is the screen shown and focus its focused pane; screenFocus
	// keeps each screen's focus while another is shown.
	screen      layout.Screen
	focus       int
	screenFocus [layout.NumScreens]int

	modal  modal
	ssh    sshState
	status statusLine
	// statusTag identifies the status message a clear timer belongs to.
	statusTag int
	clockTag  int
	// history holds the last results, errors and notices, oldest first.
	history []historyEntry
	// checkArmed says the check tick chain runs.
	checkArmed bool
	// alerts are this console's alerts (the engine, the list, the bell).
	alerts alertState
	// overview is the overview screen's pane, shared by every bot's
	// screens; periodsTag is its slow fetch chain, periodsSeqN numbers its
	// requests.
	overview    *overview.Model
	periodsTag  int
	periodsSeqN uint64
	// batch is the last action on several bots, for the result table.
	batch *fleetBatch
}

// New builds the console's root model. ctx bounds every request, stream and
// timer the console starts; cancel it to stop them after the program ends.
// Close the model afterwards to close the audit log.
func New(ctx context.Context, opts Options) (*Model, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	keys := DefaultKeyMap()
	if opts.Keys != nil {
		keys = *opts.Keys
	}
	theme := opts.Theme
	if theme.Name == "" {
		if theme, err = themes.Load(themes.Default); err != nil {
			return nil, fmt.Errorf("tui: %w", err)
		}
	}
	styles := panes.NewStyles(theme)
	if opts.Renderer != nil {
		styles = panes.NewStylesFor(opts.Renderer, theme)
	}
	m := &Model{ctx: ctx, opts: opts, keys: keys, styles: styles, alerts: newAlertState(opts)}
	m.dialogStyles = m.styles.WithFocusedFrame(m.styles.Dialog.Border, m.styles.Dialog.Title)
	switch {
	case opts.Audit != nil:
		m.audit = opts.Audit
	case opts.AuditPath != "":
		if m.audit, err = action.OpenLog(opts.AuditPath); err != nil {
			return nil, err
		}
		m.ownAudit = true
	}
	common := panes.Common{Styles: m.styles, Now: opts.Clock}
	for i, b := range opts.Bots {
		var f botFeed
		if b.Hub != nil {
			f = newSharedFeed(ctx, i, b.Hub)
		} else {
			f = feed.New(ctx, i, b.API, feedOptions(opts, b))
		}
		m.bots = append(m.bots, newBotState(i, b, f, common, keys))
	}
	m.addOverview(common)
	m.applyFocus()
	m.restorePlace(opts.Place)
	return m, nil
}

// Close gives up on the actions whose outcome is still being checked
// (recording that they stayed unknown) and closes the audit log if New
// opened it.
func (m *Model) Close() error {
	err := m.closeChecks()
	for _, b := range m.bots {
		if s, ok := b.feed.(*sharedFeed); ok {
			s.close()
		}
	}
	if m.ownAudit {
		err = errors.Join(err, m.audit.Close())
	}
	return err
}

// Init implements tea.Model: it starts every bot's feed and the clock.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.clockCmd(), m.placeCmd()}
	for _, b := range m.bots {
		cmds = append(cmds, b.feed.Start())
		for _, screen := range b.screens {
			for _, p := range screen {
				if cmd := p.Init(); cmd != nil {
					cmds = append(cmds, tagCmd(b.id, cmd))
				}
			}
		}
	}
	if m.opts.LocalLogs != nil {
		cmds = append(cmds, waitForLocalLogs(m.ctx, m.opts.LocalLogs))
	}
	if m.opts.SSH != nil {
		cmds = append(cmds, waitPassphraseCmd(m.ctx, m.opts.SSH.Prompts))
	}
	return tea.Batch(cmds...)
}

// Update implements tea.Model. It routes: keys and sizes to their
// handlers, a feed's messages to that feed (and what changed to the bot's
// panes), a pane's messages back to its bot, and the root's own messages
// to their apply method.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.handleResize(msg.Width, msg.Height)
		return m, m.chartResized()
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case feed.Msg:
		return m, m.routeFeed(msg)
	case paneMsg:
		return m, m.handlePaneMsg(msg)
	case rootMsg:
		return m, msg.apply(m)
	case termrt.RawMsg:
		// Run writes it to the terminal; under another runtime (a test)
		// there is no terminal to write to.
		return m, nil
	}
	// Anything else (a pane's own message) goes to the shown bot's panes.
	return m, m.bots[m.active].send(msg)
}

// handleResize recomputes the layout for a new terminal size.
func (m *Model) handleResize(w, h int) {
	m.width, m.height = w, h
	if m.state == stateStarting {
		m.state = stateReady
		m.promptAtStart()
	}
	m.relayout()
}

// relayout computes the shown screen's layout and sizes every bot's panes
// on it (the other screens' panes keep their sizes until shown).
func (m *Model) relayout() {
	m.layout = layout.ComputeScreen(m.screen, m.width, m.height, layout.Chrome{StatusLines: statusLines, Focused: m.focus})
	for _, b := range m.bots {
		for i, p := range b.screens[m.screen] {
			r := m.layout.Panes[i]
			p.SetSize(r.W, r.H)
		}
	}
}

// applyFocus focuses the focused pane of the shown screen of every bot and
// blurs the others.
func (m *Model) applyFocus() {
	for _, b := range m.bots {
		for i, p := range b.screens[m.screen] {
			if i == m.focus {
				p.Focus()
			} else {
				p.Blur()
			}
		}
	}
}

// setFocus moves the focus to pane i of the shown screen.
func (m *Model) setFocus(i int) {
	if i < 0 || i >= m.screen.Panes() || i == m.focus {
		return
	}
	m.focus = i
	m.applyFocus()
	if m.layout.Mode == layout.Single {
		m.relayout()
	}
}

// now reads the console's clock.
func (m *Model) now() time.Time { return m.opts.Clock() }

// activeBot is the bot on screen.
func (m *Model) activeBot() *botState { return m.bots[m.active] }
