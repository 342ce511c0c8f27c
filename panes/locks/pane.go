// Package locks is the console's pair-locks pane: the active locks with the
// time each has left, a selection that follows the lock id, and keys that
// emit add-lock and delete-lock intents.
//
// Boundary: it imports apiclient (wire types) and panes; never tui or
// server, and it never calls the API.
package locks

import (
	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// Model implements panes.Pane.
var _ panes.Pane = (*Model)(nil)

// Model is the locks pane. The embedded List gives it every panes.Pane
// method but Update and HandleKey, and Len and Selected.
type Model struct {
	panes.List[apiclient.Lock]
	keys KeyMap
}

// New returns an empty locks pane.
func New(c panes.Common, keys KeyMap) *Model {
	return &Model{List: panes.NewList(c, keys, spec()), keys: keys}
}

// spec describes the table to the List.
func spec() panes.ListSpec[apiclient.Lock] {
	return panes.ListSpec[apiclient.Lock]{
		Title:   "Locks",
		Empty:   " No active locks",
		Columns: columns(),
		ID:      func(l apiclient.Lock) int { return l.ID },
		Cells:   cells,
		Paint:   paint,
	}
}

// SelectedPair implements panes.PairSelector: the selected lock's pair,
// unless it locks every pair.
func (m *Model) SelectedPair() (string, bool) {
	l, ok := m.Selected()
	return l.Pair, ok && l.Pair != "*"
}
