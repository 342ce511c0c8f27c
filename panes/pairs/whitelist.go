// Package pairs holds the pairs screen's own panes: the whitelist, with
// each pair's open trade, lock and last known rate, and the blacklist, with
// keys that ask to add and delete entries (the console confirms, sends and
// audits them).
//
// Boundary: it imports apiclient (wire types) and panes; never tui or
// server, and it never calls the API.
package pairs

import (
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// pairRow is one whitelisted pair and what the bot knows of it.
type pairRow struct {
	pair  string
	trade *apiclient.OpenTrade
	lock  *apiclient.Lock
	// rate is the open trade's current rate, else the last close rate of
	// a loaded closed trade (closed set); 0 when unknown.
	rate   float64
	closed bool
}

// Whitelist is the whitelist pane. The embedded List gives it every
// panes.Pane method but Update, HandleKey and View.
type Whitelist struct {
	panes.List[pairRow]
	keys WhitelistKeyMap

	whitelist *apiclient.Whitelist
	trades    []apiclient.OpenTrade
	locks     []apiclient.Lock
	closed    []apiclient.RawTrade
}

// Whitelist implements panes.Pane.
var _ panes.Pane = (*Whitelist)(nil)

// NewWhitelist returns an empty whitelist pane.
func NewWhitelist(c panes.Common, keys WhitelistKeyMap) *Whitelist {
	spec := panes.ListSpec[pairRow]{
		Title: "Whitelist", Empty: " No pairs in the whitelist", Columns: whitelistColumns(),
		ID: func(r pairRow) int { return panes.NameID(r.pair) }, Cells: whitelistCells, Paint: whitelistPaint,
	}
	return &Whitelist{List: panes.NewList(c, keys, spec), keys: keys}
}

// SelectedPair implements panes.PairSelector.
func (m *Whitelist) SelectedPair() (string, bool) {
	r, ok := m.Selected()
	return r.pair, ok
}

// Update implements panes.Pane.
func (m *Whitelist) Update(msg tea.Msg) (panes.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case panes.WhitelistMsg:
		m.whitelist = &msg.Whitelist
	case panes.TradesMsg:
		m.trades = msg.Trades
	case panes.LocksMsg:
		m.locks = msg.Locks
	case panes.ClosedTradesMsg:
		m.closed = msg.Trades
	case panes.ClockMsg:
		m.SetClock(msg.Now)
		return m, nil
	case panes.HealthMsg:
		m.SetHealth(msg)
		return m, nil
	default:
		return m, nil
	}
	if m.whitelist != nil {
		m.SetRows(m.rows())
	}
	return m, nil
}

// rows joins the whitelist with the open trades, locks and closed trades.
func (m *Whitelist) rows() []pairRow {
	rows := make([]pairRow, len(m.whitelist.Whitelist))
	index := make(map[string]int, len(rows))
	for i, p := range m.whitelist.Whitelist {
		rows[i] = pairRow{pair: p}
		index[p] = i
	}
	for i := range m.closed {
		t := &m.closed[i]
		if j, ok := index[t.Pair]; ok && rows[j].rate == 0 && t.CloseRate != nil {
			rows[j].rate, rows[j].closed = *t.CloseRate, true
		}
	}
	for i := range m.trades {
		t := &m.trades[i]
		if j, ok := index[t.Pair]; ok {
			rows[j].trade = t
			if t.CurrentRate != nil {
				rows[j].rate, rows[j].closed = *t.CurrentRate, false
			}
		}
	}
	for i := range m.locks {
		l := &m.locks[i]
		if j, ok := index[l.Pair]; ok && (rows[j].lock == nil || l.LockEndTimestamp > rows[j].lock.LockEndTimestamp) {
			rows[j].lock = l
		}
	}
	return rows
}

// globalLock is the longest lock on every pair, if any.
func (m *Whitelist) globalLock() *apiclient.Lock {
	var g *apiclient.Lock
	for i := range m.locks {
		if l := &m.locks[i]; l.Pair == "*" && (g == nil || l.LockEndTimestamp > g.LockEndTimestamp) {
			g = l
		}
	}
	return g
}

// View implements panes.Pane.
func (m *Whitelist) View() string {
	t := "Whitelist"
	if m.whitelist != nil {
		t += " (" + strconv.Itoa(len(m.whitelist.Whitelist)) + ")"
		for _, method := range m.whitelist.Method {
			t += " · " + panes.Sanitize(method)
		}
	}
	if g := m.globalLock(); g != nil {
		t += " · every pair locked"
	}
	return m.ViewTitled(t)
}

// HandleKey implements panes.Pane: a movement, or an intent on the
// selected pair.
func (m *Whitelist) HandleKey(msg tea.KeyMsg) (panes.Intent, tea.Cmd) {
	if m.Navigate(msg, m.keys.NavKeys) {
		return nil, nil
	}
	var intent func(string) panes.Intent
	switch {
	case key.Matches(msg, m.keys.Lock):
		intent = func(p string) panes.Intent { return panes.LockRequestedMsg{Pair: p} }
	case key.Matches(msg, m.keys.Blacklist):
		intent = func(p string) panes.Intent { return panes.BlacklistAddRequestedMsg{Pattern: p} }
	default:
		return nil, nil
	}
	p, ok := m.SelectedPair()
	if !ok {
		return panes.Notice("no pair selected"), nil
	}
	return intent(p), nil
}

// Whitelist column indexes.
const (
	wlPair = iota
	wlTrade
	wlProfit
	wlRate
	wlLock
	wlReason
)

// whitelistColumns returns the whitelist's columns; when the pane is
// narrow the lock's reason goes first (protections write long ones), then
// the lock, the trade, its profit and the rate.
func whitelistColumns() []panes.Column {
	return []panes.Column{
		wlPair:   {Title: "Pair", Max: 20},
		wlTrade:  {Title: "Trade", Drop: 3},
		wlProfit: {Title: "Profit", Right: true, Drop: 2},
		wlRate:   {Title: "Last rate", Right: true, Drop: 1},
		wlLock:   {Title: "Lock", Drop: 4},
		wlReason: {Title: "Reason", Max: 40, Drop: 5},
	}
}

// whitelistPaint colours the open trade's profit, a rate from a closed
// trade (muted) and a lock.
func whitelistPaint(p *panes.RowPaints, r *pairRow, _ []string, col int) *panes.Paint {
	switch {
	case col == wlProfit && r.trade != nil:
		return p.PnL(apiclient.Deref(r.trade.ProfitRatio))
	case col == wlRate && r.closed:
		return &p.Muted
	case (col == wlLock || col == wlReason) && r.lock != nil:
		return &p.Warning
	}
	return nil
}

// whitelistCells formats one pair's row.
func whitelistCells(r pairRow, now time.Time) []string {
	c := []string{wlPair: panes.Sanitize(r.pair), wlTrade: "", wlProfit: "", wlRate: "-", wlLock: "", wlReason: ""}
	if t := r.trade; t != nil {
		side := "L"
		if t.IsShort {
			side = "S"
		}
		c[wlTrade] = "#" + strconv.Itoa(t.TradeID) + " " + side
		if t.ProfitRatio != nil {
			c[wlProfit] = panes.FormatPercent(*t.ProfitRatio)
		}
	}
	if r.rate != 0 {
		c[wlRate] = panes.FormatPrice(r.rate)
	}
	if l := r.lock; l != nil {
		if left := panes.TimeOf(l.LockEndTimestamp, l.LockEndTime).Sub(now); left > 0 {
			c[wlLock] = panes.FormatDuration(left)
			c[wlReason] = panes.Sanitize(apiclient.Deref(l.Reason))
		}
	}
	return c
}
