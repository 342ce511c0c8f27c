package pairs

import (
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// entry is one blacklist pattern and the markets it matches.
type entry struct {
	pattern string
	// matches counts the expanded pairs the pattern matches; -1 when the
	// pattern is no regular expression Go can read.
	matches int
}

// Blacklist is the blacklist pane. The embedded List gives it every
// panes.Pane method but Update, HandleKey and View.
type Blacklist struct {
	panes.List[entry]
	keys BlacklistKeyMap

	blacklist *apiclient.Blacklist
}

// Blacklist implements panes.Pane.
var _ panes.Pane = (*Blacklist)(nil)

// NewBlacklist returns an empty blacklist pane.
func NewBlacklist(c panes.Common, keys BlacklistKeyMap) *Blacklist {
	spec := panes.ListSpec[entry]{
		Title: "Blacklist", Empty: " The blacklist is empty", Columns: blacklistColumns(),
		ID: func(e entry) int { return panes.NameID(e.pattern) }, Cells: blacklistCells, Paint: blacklistPaint,
	}
	return &Blacklist{List: panes.NewList(c, keys, spec), keys: keys}
}

// Update implements panes.Pane.
func (m *Blacklist) Update(msg tea.Msg) (panes.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case panes.BlacklistMsg:
		m.blacklist = &msg.Blacklist
		m.SetRows(entries(msg.Blacklist))
	case panes.HealthMsg:
		m.SetHealth(msg)
	}
	return m, nil
}

// entries lists the patterns with how many expanded pairs each matches
// (freqtrade matches a pattern against a whole pair name).
func entries(b apiclient.Blacklist) []entry {
	out := make([]entry, len(b.Blacklist))
	for i, p := range b.Blacklist {
		out[i] = entry{pattern: p, matches: -1}
		re, err := regexp.Compile("^(?:" + p + ")$")
		if err != nil {
			continue
		}
		out[i].matches = 0
		for _, pair := range b.BlacklistExpanded {
			if re.MatchString(pair) {
				out[i].matches++
			}
		}
	}
	return out
}

// View implements panes.Pane: the patterns, and the bot's errors about the
// last change, if any.
func (m *Blacklist) View() string {
	t := "Blacklist"
	if m.blacklist != nil {
		t += " (" + strconv.Itoa(len(m.blacklist.Blacklist)) + ")"
		if n := len(m.blacklist.Errors); n > 0 {
			t += " · " + m.errorText()
		}
	}
	return m.ViewTitled(t)
}

// errorText is the bot's errors about the last change, by pattern.
func (m *Blacklist) errorText() string {
	keys := make([]string, 0, len(m.blacklist.Errors))
	for k := range m.blacklist.Errors {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	text := ""
	for i, k := range keys {
		if i > 0 {
			text += "; "
		}
		text += panes.Sanitize(m.blacklist.Errors[k].ErrorMsg)
	}
	return text
}

// HandleKey implements panes.Pane: a movement, add, or delete the
// selected pattern.
func (m *Blacklist) HandleKey(msg tea.KeyMsg) (panes.Intent, tea.Cmd) {
	if m.Navigate(msg, m.keys.NavKeys) {
		return nil, nil
	}
	switch {
	case key.Matches(msg, m.keys.Add):
		return panes.BlacklistAddRequestedMsg{}, nil
	case key.Matches(msg, m.keys.Delete):
		e, ok := m.Selected()
		if !ok {
			return panes.Notice("no blacklist entry selected"), nil
		}
		return panes.BlacklistDeleteRequestedMsg{Pattern: e.pattern}, nil
	}
	return nil, nil
}

// Blacklist column indexes.
const (
	blPattern = iota
	blMatches
)

// blacklistColumns returns the blacklist's columns.
func blacklistColumns() []panes.Column {
	return []panes.Column{
		blPattern: {Title: "Pattern", Max: 40},
		blMatches: {Title: "Markets", Right: true, Drop: 1},
	}
}

// blacklistPaint mutes a pattern that matches no market.
func blacklistPaint(p *panes.RowPaints, e *entry, _ []string, col int) *panes.Paint {
	if col == blMatches && e.matches <= 0 {
		return &p.Muted
	}
	return nil
}

// blacklistCells formats one pattern's row.
func blacklistCells(e entry, _ time.Time) []string {
	n := "?"
	if e.matches >= 0 {
		n = strconv.Itoa(e.matches)
	}
	return []string{blPattern: panes.Sanitize(e.pattern), blMatches: n}
}
