// Package trades is the console's open-trades pane: a table of the bot's
// open trades with a selection that follows the trade id across refreshes,
// and keys that emit force-exit, force-enter, lock, cancel-order, delete and
// detail intents.
//
// Boundary: it imports apiclient (wire types) and panes; never tui or
// server, and it never calls the API.
package trades

import (
	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// Model is the open-trades pane. The embedded List gives it every
// panes.Pane method but Update and HandleKey, and Len and Selected.
type Model struct {
	panes.List[apiclient.OpenTrade]
	keys KeyMap
}

// Model implements panes.Pane.
var _ panes.Pane = (*Model)(nil)

// New returns an empty open-trades pane.
func New(c panes.Common, keys KeyMap) *Model {
	return &Model{List: panes.NewList(c, keys, spec()), keys: keys}
}

// spec describes the table to the List.
func spec() panes.ListSpec[apiclient.OpenTrade] {
	return panes.ListSpec[apiclient.OpenTrade]{
		Title:   "Open trades",
		Empty:   " No open trades",
		Columns: columns(),
		ID:      func(t apiclient.OpenTrade) int { return t.TradeID },
		Cells:   cells,
		Paint:   paint,
	}
}

// SelectedPair implements panes.PairSelector: the selected trade's pair.
func (m *Model) SelectedPair() (string, bool) {
	t, ok := m.Selected()
	return t.Pair, ok
}
