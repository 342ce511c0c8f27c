// Package history is the console's closed-trades pane: the bot's closed
// trades, newest close first, loaded a page at a time as the operator
// scrolls towards the end (never the whole history at once), filtered by
// pair and by exit reason, with a key that opens a trade's detail.
//
// Boundary: it imports apiclient (wire types) and panes; never tui or
// server, and it never calls the API: it asks for the next page with an
// intent.
package history

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// Model is the closed-trades pane. The embedded List gives it every
// panes.Pane method but Update, HandleKey, View and Capturing.
type Model struct {
	panes.List[apiclient.RawTrade]
	keys KeyMap

	// all is every loaded trade, total the bot's count of closed trades.
	all   []apiclient.RawTrade
	total int
	// loaded is set by the first ClosedTradesMsg; load follows the pages
	// asked for.
	loaded bool
	load   panes.Load

	filter filter
}

// Model implements panes.Pane.
var _ panes.Pane = (*Model)(nil)

// New returns an empty closed-trades pane.
func New(c panes.Common, keys KeyMap) *Model {
	in := textinput.New()
	in.Prompt = "pair: "
	in.CharLimit = 64
	return &Model{List: panes.NewList(c, keys, spec()), keys: keys, filter: filter{input: in}}
}

// spec describes the table to the List.
func spec() panes.ListSpec[apiclient.RawTrade] {
	return panes.ListSpec[apiclient.RawTrade]{
		Title:   "Closed trades",
		Empty:   " No closed trades",
		Columns: columns(),
		ID:      func(t apiclient.RawTrade) int { return t.TradeID },
		Cells:   cells,
		Paint:   paint,
	}
}

// Capturing implements panes.Pane: the pair filter's box takes typed text.
func (m *Model) Capturing() bool { return m.filter.typing }

// SetSize implements panes.Pane.
func (m *Model) SetSize(width, height int) {
	m.List.SetSize(width, height)
	iw, _ := m.Inner()
	m.filter.input.Width = max(iw-len(m.filter.input.Prompt)-3, 1)
}

// SelectedPair implements panes.PairSelector.
func (m *Model) SelectedPair() (string, bool) {
	t, ok := m.Selected()
	return t.Pair, ok
}

// Loaded returns how many closed trades are loaded and how many the bot has.
func (m *Model) Loaded() (loaded, total int) { return len(m.all), m.total }

// View implements panes.Pane: the table, or the filter box over its last
// line while the operator types.
func (m *Model) View() string {
	v := m.ViewTitled(m.title())
	if !m.filter.typing {
		return v
	}
	lines := strings.Split(v, "\n")
	if n := len(lines); n >= 3 {
		iw, _ := m.Inner()
		border := m.Styles().Pane.BorderFocused.Render("│")
		lines[n-2] = border + panes.Fit(" "+m.filter.input.View(), iw) + border
	}
	return strings.Join(lines, "\n")
}

// title is "Closed trades (500 of 1200)", with the filter's count and
// terms, and what is under way or wrong.
func (m *Model) title() string {
	if !m.loaded {
		return m.load.Title("Closed trades")
	}
	var b strings.Builder
	b.WriteString("Closed trades (")
	if m.filter.active() {
		b.WriteString(strconv.Itoa(m.Len()) + " match · ")
	}
	b.WriteString(strconv.Itoa(len(m.all)))
	if m.total > len(m.all) {
		b.WriteString(" of " + strconv.Itoa(m.total))
	}
	b.WriteString(")")
	for _, term := range m.filter.terms() {
		b.WriteString(" · " + term)
	}
	return m.load.Title(b.String())
}
