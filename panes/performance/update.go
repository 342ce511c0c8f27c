package performance

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// Update implements panes.Pane.
func (m *Model) Update(msg tea.Msg) (panes.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case panes.StatsMsg:
		m.stats[msg.Kind] = msg.Rows
		if msg.Kind == m.kind {
			m.load.Done()
			m.rebuild()
		}
	case panes.ClosedTradesMsg:
		m.closed, m.closedTotal = msg.Trades, msg.Total
		m.rebuild()
	case panes.LoadFailedMsg:
		m.load.Fail(msg, panes.DataStats)
	case panes.HealthMsg:
		m.SetHealth(msg)
	}
	return m, nil
}

// HandleKey implements panes.Pane: a movement, the next grouping (asking
// for its data) or a sort.
func (m *Model) HandleKey(msg tea.KeyMsg) (panes.Intent, tea.Cmd) {
	if m.Navigate(msg, m.keys.NavKeys) {
		return nil, nil
	}
	switch {
	case key.Matches(msg, m.keys.Group):
		i := slices.Index(m.kinds, m.kind)
		m.kind = m.kinds[(i+1)%len(m.kinds)]
		m.load.Start()
		m.SetColumns(columns(m.kind))
		m.rebuild()
		return panes.StatsRequestedMsg{Kind: m.kind}, nil
	case key.Matches(msg, m.keys.Sort):
		m.sortCol = (m.sortCol + 1) % numCols
		m.desc = m.sortCol != colName
		m.rebuild()
	case key.Matches(msg, m.keys.Reverse):
		m.desc = !m.desc
		m.rebuild()
	}
	return nil, nil
}

// rebuild joins the bot's rows of the grouping with what the loaded trades
// say of each, sorts them and shows them.
func (m *Model) rebuild() {
	rows, ok := m.stats[m.kind]
	if !ok {
		// Rows of another grouping would sit under this one's header.
		m.SetEmpty(" Waiting for the " + m.kind.String() + " figures…")
		m.SetRows(nil)
		return
	}
	m.SetEmpty(" No closed trades")
	type tally struct {
		seen, wins int
		dur        time.Duration
	}
	tallies := map[string]*tally{}
	for i := range m.closed {
		t := &m.closed[i]
		name := groupOf(m.kind, t)
		tl := tallies[name]
		if tl == nil {
			tl = &tally{}
			tallies[name] = tl
		}
		tl.seen++
		if abs, _, _ := t.RealisedProfit(); abs > 0 {
			tl.wins++
		}
		if d, ok := t.Duration(); ok {
			tl.dur += d
		}
	}
	out := make([]row, len(rows))
	for i, r := range rows {
		out[i] = row{StatsRow: r}
		if tl := tallies[r.Name]; tl != nil {
			out[i].seen, out[i].wins, out[i].dur = tl.seen, tl.wins, tl.dur/time.Duration(tl.seen)
		}
	}
	slices.SortStableFunc(out, m.compare)
	m.SetRows(out)
}

// groupOf is the name of the group t falls in, as the bot names it: a
// missing tag or reason is "Other".
func groupOf(k panes.StatsKind, t *apiclient.RawTrade) string {
	enter, exit := orOther(apiclient.Deref(t.EnterTag)), orOther(apiclient.Deref(t.ExitReason))
	switch k {
	case panes.StatsEntries:
		return enter
	case panes.StatsExits:
		return exit
	case panes.StatsMixTags:
		return enter + " " + exit
	case panes.StatsPairs, panes.NumStatsKinds:
	}
	return t.Pair
}

// orOther names an empty tag "Other".
func orOther(tag string) string {
	if tag == "" {
		return "Other"
	}
	return tag
}

// compare orders two rows by the sort column, ties by name.
func (m *Model) compare(a, b row) int {
	var c int
	switch m.sortCol {
	case colName:
		c = strings.Compare(a.Name, b.Name)
	case colCount:
		c = cmp.Compare(a.Count, b.Count)
	case colProfit:
		c = cmp.Compare(a.ProfitRatio, b.ProfitRatio)
	case colProfitAbs:
		c = cmp.Compare(a.ProfitAbs, b.ProfitAbs)
	case colWinrate:
		c = cmp.Compare(winrate(a), winrate(b))
	case colDuration:
		c = cmp.Compare(a.dur, b.dur)
	}
	if m.desc {
		c = -c
	}
	if c == 0 {
		c = strings.Compare(a.Name, b.Name)
	}
	return c
}

// winrate is the share of a row's loaded trades that won, -1 without any.
func winrate(r row) float64 {
	if r.seen == 0 {
		return -1
	}
	return float64(r.wins) / float64(r.seen)
}
