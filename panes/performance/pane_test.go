package performance

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/panes/panestest"
	"github.com/freqdeck/freqdeck/themes"
)

var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// pairRows is a /performance answer, sorted by profit as the bot sends it.
func pairRows() []panes.StatsRow {
	return []panes.StatsRow{
		{Name: "SOL/USDT", Count: 240, ProfitRatio: 0.081, ProfitAbs: 48.2},
		{Name: "BTC/USDT", Count: 240, ProfitRatio: 0.052, ProfitAbs: 31.5},
		{Name: "ETH/USDT", Count: 240, ProfitRatio: 0.011, ProfitAbs: 6.6},
		{Name: "XRP/USDT", Count: 240, ProfitRatio: -0.004, ProfitAbs: -2.4},
		{Name: "DOGE/USDT", Count: 240, ProfitRatio: -0.032, ProfitAbs: -19.1},
		{Name: "ADA/USDT", Count: 3, ProfitRatio: 0.02, ProfitAbs: 1.1},
	}
}

func exitRows() []panes.StatsRow {
	return []panes.StatsRow{
		{Name: "roi", Count: 400, ProfitRatio: 0.12, ProfitAbs: 70},
		{Name: "exit_signal", Count: 300, ProfitRatio: 0.01, ProfitAbs: 5},
		{Name: "stop_loss", Count: 200, ProfitRatio: -0.09, ProfitAbs: -40},
	}
}

func newPane(tb testing.TB, w, h int, kinds ...panes.StatsKind) *Model {
	tb.Helper()
	m := New(panestest.Common(tb, themes.Default, termenv.Ascii, t0), DefaultKeyMap(), kinds...)
	m.SetSize(w, h)
	m.Focus()
	return m
}

func filled(tb testing.TB, w, h int) *Model {
	tb.Helper()
	m := newPane(tb, w, h)
	m.Update(panes.StatsMsg{Kind: panes.StatsPairs, Rows: pairRows()})
	m.Update(panes.ClosedTradesMsg{Trades: panestest.ClosedTrades(1200, t0)[:500], Total: 1200})
	return m
}

func TestView(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		w, h int
		keys []string
	}{
		"80x24":     {80, 24, nil},
		"160x48":    {160, 48, nil},
		"narrow":    {36, 10, nil},
		"by_count":  {90, 12, []string{">", ">", ">", ">", ">"}},
		"reversed":  {90, 12, []string{"<"}},
		"exits":     {90, 12, []string{"c", "c"}},
		"switching": {90, 12, []string{"c"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := filled(t, tc.w, tc.h)
			panestest.Press(m, tc.keys...)
			if name == "exits" {
				m.Update(panes.StatsMsg{Kind: panes.StatsExits, Rows: exitRows()})
			}
			v := m.View()
			panestest.AssertSize(t, v, tc.w, tc.h)
			golden.RequireEqual(t, []byte(ansi.Strip(v)))
		})
	}
}

// TestWinrateFromLoadedTrades: the winrate and duration come from the
// loaded trades of each group; a group without any shows "-".
func TestWinrateFromLoadedTrades(t *testing.T) {
	t.Parallel()
	m := filled(t, 120, 12)
	trades := panestest.ClosedTrades(1200, t0)[:500]
	wins, seen := 0, 0
	var dur time.Duration
	for _, tr := range trades {
		if tr.Pair != "BTC/USDT" {
			continue
		}
		seen++
		if *tr.CloseProfitAbs > 0 {
			wins++
		}
		dur += time.Duration(*tr.TradeDurationS) * time.Second
	}
	want := " " + panes.FormatDuration(dur/time.Duration(seen))
	line := lineOf(t, m, "BTC/USDT")
	if !strings.Contains(line, itoa(wins*100/seen)+"%") || !strings.Contains(line, want) {
		t.Fatalf("BTC line %q, want %d%% and %q", line, wins*100/seen, want)
	}
	if line := lineOf(t, m, "ADA/USDT"); !strings.HasSuffix(strings.TrimRight(line, " │"), "-       -") {
		t.Fatalf("ADA line %q", line)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "win/dur of 500/1200") {
		t.Fatalf("no note on the share of trades:\n%s", v)
	}
}

func lineOf(t *testing.T, m *Model, name string) string {
	t.Helper()
	for _, l := range strings.Split(ansi.Strip(m.View()), "\n") {
		if strings.Contains(l, name) {
			return l
		}
	}
	t.Fatalf("no line of %s", name)
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestSorts: o walks the columns (names ascending, numbers descending), O
// reverses, and the selection stays on its row.
func TestSorts(t *testing.T) {
	t.Parallel()
	m := filled(t, 120, 12)
	panestest.Press(m, "j") // BTC/USDT, second by profit
	order := func() []string {
		var out []string
		for _, l := range strings.Split(ansi.Strip(m.View()), "\n")[2:] {
			if !strings.HasPrefix(l, "│") {
				continue
			}
			if f := strings.Fields(strings.Trim(l, "│▸ ")); len(f) > 0 {
				out = append(out, f[0])
			}
		}
		return out
	}
	if got := order(); strings.Join(got, " ") != "SOL/USDT BTC/USDT ETH/USDT ADA/USDT XRP/USDT DOGE/USDT" {
		t.Fatalf("by profit: %v", got)
	}
	panestest.Press(m, "<")
	if got := order(); got[0] != "DOGE/USDT" || got[5] != "SOL/USDT" {
		t.Fatalf("reversed: %v", got)
	}
	panestest.Press(m, ">", ">", ">") // winrate, duration, name
	if got := order(); strings.Join(got, " ") != "ADA/USDT BTC/USDT DOGE/USDT ETH/USDT SOL/USDT XRP/USDT" {
		t.Fatalf("by name: %v", got)
	}
	if p, _ := m.SelectedPair(); p != "BTC/USDT" {
		t.Fatalf("selection moved to %s", p)
	}
}

// TestGroupCycle: c walks the groupings given, asking for each; a pane
// with one grouping has no group key.
func TestGroupCycle(t *testing.T) {
	t.Parallel()
	m := filled(t, 100, 12)
	for _, want := range []panes.StatsKind{panes.StatsEntries, panes.StatsExits, panes.StatsMixTags, panes.StatsPairs} {
		if got := panestest.Press(m, "c"); got != (panes.StatsRequestedMsg{Kind: want}) {
			t.Fatalf("c: %#v, want %v", got, want)
		}
	}
	one := newPane(t, 100, 12, panes.StatsPairs)
	if got := panestest.Press(one, "c"); got != nil {
		t.Fatalf("single grouping answered c with %#v", got)
	}
	if _, ok := (&Model{kind: panes.StatsExits}).SelectedPair(); ok {
		t.Fatal("an exit reason is no pair")
	}
}

func TestProblemShown(t *testing.T) {
	t.Parallel()
	m := newPane(t, 100, 8)
	m.Update(panes.LoadFailedMsg{Data: panes.DataStats, Problem: "/performance: 502 x"})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "/performance: 502 x") {
		t.Fatalf("view:\n%s", v)
	}
}

func TestSizeInvariants(t *testing.T) {
	t.Parallel()
	panestest.EachSize(func(w, h int) {
		m := filled(t, w, h)
		panestest.Press(m, "G", ">")
		panestest.AssertSize(t, m.View(), w, h)
	})
}

func TestHealth(t *testing.T) {
	t.Parallel()
	m := filled(t, 100, 8)
	m.Update(panes.HealthMsg{Stale: true, Answered: true, Age: 20 * time.Second})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "stale 20s · Performance by pair") {
		t.Fatalf("view:\n%s", v)
	}
}
