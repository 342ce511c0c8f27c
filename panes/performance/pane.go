// Package performance is the console's performance pane: the closed-trade
// profit of each pair (/performance), entry tag (/entries), exit reason
// (/exits) or entry and exit pair (/mix_tags), with the winrate and the
// average duration worked out from the closed trades the console has
// loaded, sortable by any column.
//
// Boundary: it imports apiclient (wire types) and panes; never tui or
// server, and it never calls the API: switching the grouping asks for its
// data with an intent.
package performance

import (
	"strconv"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// row is one group's line: the bot's figures and what the loaded trades
// say of its wins and durations.
type row struct {
	panes.StatsRow
	// seen counts the group's loaded trades, wins those with a profit.
	seen, wins int
	// dur is their average duration.
	dur time.Duration
}

// Model is the performance pane. The embedded List gives it every
// panes.Pane method but Update, HandleKey and View.
type Model struct {
	panes.List[row]
	keys  KeyMap
	kinds []panes.StatsKind

	kind  panes.StatsKind
	stats map[panes.StatsKind][]panes.StatsRow
	load  panes.Load

	closed      []apiclient.RawTrade
	closedTotal int

	sortCol int
	desc    bool
}

// Model implements panes.Pane.
var _ panes.Pane = (*Model)(nil)

// New returns an empty performance pane cycling through kinds with its
// group key (every grouping when none is given); it starts on the first.
func New(c panes.Common, keys KeyMap, kinds ...panes.StatsKind) *Model {
	if len(kinds) == 0 {
		kinds = []panes.StatsKind{panes.StatsPairs, panes.StatsEntries, panes.StatsExits, panes.StatsMixTags}
	}
	if len(kinds) == 1 {
		keys.Group.SetEnabled(false)
	}
	m := &Model{
		List: panes.NewList(c, keys, spec()), keys: keys, kinds: kinds, kind: kinds[0],
		stats: map[panes.StatsKind][]panes.StatsRow{}, sortCol: colProfitAbs, desc: true,
	}
	m.SetColumns(columns(m.kind))
	return m
}

// spec describes the table to the List.
func spec() panes.ListSpec[row] {
	return panes.ListSpec[row]{
		Title:   "Performance",
		Empty:   " No closed trades",
		Columns: columns(panes.StatsPairs),
		ID:      func(r row) int { return panes.NameID(r.Name) },
		Cells:   cells,
		Paint:   paint,
	}
}

// Kind returns the grouping shown.
func (m *Model) Kind() panes.StatsKind { return m.kind }

// SelectedPair implements panes.PairSelector for the pairs grouping.
func (m *Model) SelectedPair() (string, bool) {
	r, ok := m.Selected()
	if !ok || m.kind != panes.StatsPairs {
		return "", false
	}
	return r.Name, true
}

// View implements panes.Pane.
func (m *Model) View() string { return m.ViewTitled(m.title()) }

// title is "Performance by pair (12) · profit ↓", with the share of the
// trades the winrate and durations come from, and what is under way or
// wrong.
func (m *Model) title() string {
	t := "Performance by " + m.kind.String()
	if rows, ok := m.stats[m.kind]; ok {
		t += " (" + strconv.Itoa(len(rows)) + ")"
	}
	arrow := " ↑"
	if m.desc {
		arrow = " ↓"
	}
	t += " · " + columns(m.kind)[m.sortCol].Title + arrow
	if m.closedTotal > len(m.closed) {
		t += " · win/dur of " + strconv.Itoa(len(m.closed)) + "/" + strconv.Itoa(m.closedTotal)
	}
	return m.load.Title(t)
}
