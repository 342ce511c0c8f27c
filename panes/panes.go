// Package panes holds what every console pane shares: the Pane contract, the
// data messages the console sends to panes, the intents panes answer keys
// with, and the styles built from a theme. Each pane lives in its own sub-package
// (trades, profit, locks, logs).
//
// Boundary: panes are views. They render the data they are given and answer
// keys with intents (ForceExitRequestedMsg, ...); they never call the API. Panes import
// apiclient (for wire types) and themes; never tui or server.
package panes

import (
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Pane is the contract between the console's root model and a pane.
type Pane interface {
	// Init returns the pane's first command, if any.
	Init() tea.Cmd
	// Update handles one message (data from the console, or the pane's own
	// message) and returns the pane and a command. Keys go to HandleKey.
	Update(msg tea.Msg) (Pane, tea.Cmd)
	// HandleKey answers a key at once: with the intent the console acts on
	// in the same update (nil for none), and a command for the pane itself
	// (nil for none; a command is never the way to send an intent).
	HandleKey(k tea.KeyMsg) (Intent, tea.Cmd)
	// View renders exactly the size given by SetSize: Height lines, none
	// wider than Width cells, border included.
	View() string
	// SetSize sets the outer size (border included).
	SetSize(width, height int)
	// Focus and Blur move the keyboard focus. Focus shows in the border
	// colour only.
	Focus()
	// Blur removes the keyboard focus.
	Blur()
	// Capturing reports whether the pane is taking typed text (a search
	// box), so the root must not treat printable keys as global keys.
	Capturing() bool
	// Title is the pane's name, for the border and the focus keys.
	Title() string
	help.KeyMap
}

// Common is what every pane receives at construction: read-mostly, shared.
type Common struct {
	// Styles are built once from the theme.
	Styles Styles
	// Now is the clock for durations and "time left"; tests pin it.
	Now func() time.Time
}

// NamedBinding pairs a binding with its action name in the [keys] config,
// for example "force_exit" in the "trades" scope. Binding points into the
// pane's KeyMap so the console can rebind it before constructing the pane.
type NamedBinding struct {
	Name    string
	Binding *key.Binding
}

// Data messages: the console sends each one to every pane of a bot, whatever
// the focus; a pane ignores the ones it does not render.

// ConfigMsg carries the bot's /show_config.
type ConfigMsg struct{ Config apiclient.ShowConfig }

// TradesMsg carries the open trades (/status).
type TradesMsg struct{ Trades []apiclient.OpenTrade }

// ProfitMsg carries /profit.
type ProfitMsg struct{ Profit apiclient.Profit }

// CountMsg carries /count.
type CountMsg struct{ Count apiclient.Count }

// BalanceMsg carries /balance.
type BalanceMsg struct{ Balance apiclient.Balances }

// LocksMsg carries the active locks (/locks).
type LocksMsg struct{ Locks []apiclient.Lock }

// LogsMsg carries new log rows, oldest first, already de-duplicated. Dropped
// counts rows lost before these (a slow console or a trimmed server buffer).
type LogsMsg struct {
	Rows    []apiclient.LogRow
	Dropped int
}

// ClockMsg is sent about once a second so durations and "time left" move.
type ClockMsg struct{ Now time.Time }

// HealthMsg tells a bot's panes how far to trust what they show; the
// console sends it whenever it changes. The zero value is fresh data. Base
// marks the title of a pane whose data is stale, and a pane that never had
// data shows Problem instead of looking empty.
type HealthMsg struct {
	// Stale marks data that is not fresh: the bot is offline, failing,
	// refusing the password, or slow to answer. Panes keep showing it.
	Stale bool
	// Answered reports that a good answer came once; Age is how long ago
	// the last one came.
	Answered bool
	Age      time.Duration
	// Problem says what is wrong, for a pane that never had data:
	// "offline: connection refused (retrying in 3s)". It is "" while the
	// first answer is awaited.
	Problem string
}

// Intent is what a pane asks the console to do in answer to a key: one of
// the *RequestedMsg types below or a NoticeMsg. A pane returns it from
// HandleKey, so the console handles it in the same update that received the
// key and a key typed next acts on what the intent opened (x opens a dialog,
// the following y confirms it). The console owns confirmation, the API
// call, the audit log and the refetch.
type Intent interface{ intent() }

// ForceExitRequestedMsg asks to force-exit one trade.
type ForceExitRequestedMsg struct{ Trade apiclient.OpenTrade }

// ForceExitAllRequestedMsg asks to force-exit every open trade.
type ForceExitAllRequestedMsg struct{}

// ForceEnterRequestedMsg asks to open a trade; Pair pre-fills the dialog and
// may be empty.
type ForceEnterRequestedMsg struct{ Pair string }

// LockRequestedMsg asks to add a lock; Pair pre-fills the dialog and may be
// empty (from the locks pane).
type LockRequestedMsg struct{ Pair string }

// DeleteLockRequestedMsg asks to delete one lock.
type DeleteLockRequestedMsg struct{ Lock apiclient.Lock }

// CancelOrderRequestedMsg asks to cancel a trade's open order.
type CancelOrderRequestedMsg struct{ Trade apiclient.OpenTrade }

// DeleteTradeRequestedMsg asks to delete a trade.
type DeleteTradeRequestedMsg struct{ Trade apiclient.OpenTrade }

// TradeDetailRequestedMsg asks to show one trade in detail.
type TradeDetailRequestedMsg struct{ Trade apiclient.OpenTrade }

// LogLineRequestedMsg asks to show one log line in full.
type LogLineRequestedMsg struct{ Row apiclient.LogRow }

// NoticeMsg puts a short note on the status bar, for example "no trade
// selected".
type NoticeMsg struct{ Text string }

func (ForceExitRequestedMsg) intent()    {}
func (ForceExitAllRequestedMsg) intent() {}
func (ForceEnterRequestedMsg) intent()   {}
func (LockRequestedMsg) intent()         {}
func (DeleteLockRequestedMsg) intent()   {}
func (CancelOrderRequestedMsg) intent()  {}
func (DeleteTradeRequestedMsg) intent()  {}
func (TradeDetailRequestedMsg) intent()  {}
func (LogLineRequestedMsg) intent()      {}
func (NoticeMsg) intent()                {}
