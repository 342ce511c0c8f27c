package logs

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/panes/panestest"
	"github.com/freqdeck/freqdeck/themes"
)

var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func common(tb testing.TB, profile termenv.Profile) panes.Common {
	tb.Helper()
	return panestest.Common(tb, themes.Default, profile, t0)
}

func row(i int, level, logger, msg string) apiclient.LogRow {
	at := t0.Add(time.Duration(i) * time.Second)
	return apiclient.LogRow{
		Date: at.Format(apiclient.DateFormat), Timestamp: float64(at.UnixMilli()),
		Logger: logger, Level: level, Message: msg,
	}
}

func fixture() []apiclient.LogRow {
	return []apiclient.LogRow{
		row(0, "INFO", "freqtrade.worker", "Bot heartbeat. PID=4242, version='2024.4', state='RUNNING'"),
		row(1, "DEBUG", "freqtrade.freqtradebot", "Found no enter signals for whitelisted currencies. Trying again..."),
		row(2, "INFO", "freqtrade.freqtradebot", "Long signal found: about create a new trade for BTC/USDT with stake_amount: 100.0"),
		row(3, "WARNING", "freqtrade.exchange.exchange", "Order book for ETH/USDT is empty"),
		row(4, "ERROR", "freqtrade.rpc.api_server.webserver", "Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: boom"),
		row(5, "INFO", "freqtrade.freqtradebot", "Exit for BTC/USDT detected. Reason: roi"),
		row(6, "CRITICAL", "freqtrade", "Fatal exception! btc feed lost"),
	}
}

func newPane(tb testing.TB, w, h int, opts ...Option) *Model {
	tb.Helper()
	m := New(common(tb, termenv.Ascii), DefaultKeyMap(), opts...)
	m.SetSize(w, h)
	m.Focus()
	return m
}

// typeText types into the search box one rune at a time.
func typeText(m *Model, text string) {
	for _, r := range text {
		m.HandleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func TestView(t *testing.T) {
	t.Parallel()
	cases := map[string]func(m *Model){
		"empty":  func(*Model) {},
		"normal": func(m *Model) { m.Update(panes.LogsMsg{Rows: fixture()}) },
		"dropped": func(m *Model) {
			m.Update(panes.LogsMsg{Rows: fixture()[:2]})
			m.Update(panes.LogsMsg{Rows: fixture()[2:4], Dropped: 37})
		},
		"filter_warning": func(m *Model) {
			m.Update(panes.LogsMsg{Rows: fixture()})
			panestest.Press(m, "L", "L")
		},
		"filter_empty": func(m *Model) {
			m.Update(panes.LogsMsg{Rows: fixture()[:3]})
			panestest.Press(m, "L", "L", "L")
		},
		"search_typing": func(m *Model) {
			m.Update(panes.LogsMsg{Rows: fixture()})
			panestest.Press(m, "/")
			typeText(m, "btc")
		},
		"search_applied": func(m *Model) {
			m.Update(panes.LogsMsg{Rows: fixture()})
			panestest.Press(m, "/")
			typeText(m, "BTC")
			panestest.Press(m, "enter", "N")
		},
		"scrolled_up": func(m *Model) {
			m.Update(panes.LogsMsg{Rows: fixture()})
			panestest.Press(m, "g")
		},
	}
	for name, setup := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := newPane(t, 100, 8)
			setup(m)
			golden.RequireEqual(t, []byte(ansi.Strip(m.View())))
		})
	}
}

func TestViewNarrow(t *testing.T) {
	t.Parallel()
	for _, w := range []int{34, 50} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			t.Parallel()
			m := newPane(t, w, 9)
			m.Update(panes.LogsMsg{Rows: fixture()})
			golden.RequireEqual(t, []byte(ansi.Strip(m.View())))
		})
	}
}

func TestLineFormat(t *testing.T) {
	t.Parallel()
	m := newPane(t, 140, 12)
	m.Update(panes.LogsMsg{Rows: fixture()})
	v := ansi.Strip(m.View())
	for _, want := range []string{
		"12:00:02 INFO     freqtradebot   Long signal found",
		"WARNING  exchange ",
		"Traceback (most recent call last): (+2 lines)",
		"webserver",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "freqtrade.freqtradebot") || strings.Contains(v, "ValueError") {
		t.Errorf("logger not shortened or later lines shown:\n%s", v)
	}
}

func TestRingKeepsNewestAndCountsDrops(t *testing.T) {
	t.Parallel()
	m := newPane(t, 80, 6)
	var rows []apiclient.LogRow
	for i := range DefaultCapacity + 500 {
		rows = append(rows, row(i, "INFO", "freqtrade", fmt.Sprintf("line %d", i)))
	}
	m.Update(panes.LogsMsg{Rows: rows[:100]})
	m.Update(panes.LogsMsg{Rows: rows[100:], Dropped: 3})
	// 10,500 rows plus one gap marker went in.
	if m.Len() != DefaultCapacity || m.Evicted() != 501 || m.Dropped() != 3 {
		t.Fatalf("Len %d Evicted %d Dropped %d", m.Len(), m.Evicted(), m.Dropped())
	}
	v := ansi.Strip(m.View())
	if !strings.Contains(v, fmt.Sprintf("line %d", DefaultCapacity+499)) {
		t.Fatalf("newest line missing:\n%s", v)
	}
	panestest.Press(m, "g")
	v = ansi.Strip(m.View())
	if !strings.Contains(v, "line 500") || strings.Contains(v, "line 499") {
		t.Fatalf("oldest kept line should be 500:\n%s", v)
	}
	if len(m.visible.seqs) > 2*DefaultCapacity {
		t.Fatalf("filtered index grew to %d", len(m.visible.seqs))
	}
}

func TestSmallRingEvictsOldest(t *testing.T) {
	t.Parallel()
	m := newPane(t, 80, 10, WithCapacity(3))
	m.Update(panes.LogsMsg{Rows: fixture()})
	v := ansi.Strip(m.View())
	for _, gone := range []string{"heartbeat", "Order book"} {
		if strings.Contains(v, gone) {
			t.Errorf("evicted line %q still shown", gone)
		}
	}
	if m.Len() != 3 || m.Evicted() != 4 {
		t.Fatalf("Len %d Evicted %d", m.Len(), m.Evicted())
	}
}

func TestLevelFilterCycles(t *testing.T) {
	t.Parallel()
	m := newPane(t, 120, 12)
	m.Update(panes.LogsMsg{Rows: fixture()})
	want := []struct {
		level   string
		shows   string
		notShow string
	}{
		{"INFO", "heartbeat", "no enter signals"},
		{"WARNING", "Order book", "heartbeat"},
		{"ERROR", "Traceback", "Order book"},
		{"DEBUG", "no enter signals", ""},
	}
	for _, w := range want {
		panestest.Press(m, "L")
		v := ansi.Strip(m.View())
		if m.MinLevel() != w.level || !strings.Contains(v, w.shows) ||
			(w.notShow != "" && strings.Contains(v, w.notShow)) {
			t.Fatalf("level %s (want %s):\n%s", m.MinLevel(), w.level, v)
		}
	}
	// Rows arriving while filtered are filtered too.
	panestest.Press(m, "L", "L", "L") // ERROR
	m.Update(panes.LogsMsg{Rows: []apiclient.LogRow{row(9, "INFO", "x", "quiet"), row(10, "ERROR", "x", "loud")}})
	if v := ansi.Strip(m.View()); strings.Contains(v, "quiet") || !strings.Contains(v, "loud") {
		t.Fatalf("new rows not filtered:\n%s", v)
	}
}

func TestFollow(t *testing.T) {
	t.Parallel()
	m := newPane(t, 80, 5) // 3 visible lines
	m.Update(panes.LogsMsg{Rows: fixture()})
	if !m.Following() {
		t.Fatal("follow is on by default")
	}
	panestest.Press(m, "up")
	if m.Following() {
		t.Fatal("scrolling up did not turn follow off")
	}
	before := ansi.Strip(m.View())
	m.Update(panes.LogsMsg{Rows: []apiclient.LogRow{row(20, "INFO", "x", "brand new")}})
	if after := ansi.Strip(m.View()); after != before {
		t.Fatalf("window moved while not following:\n%s\n%s", before, after)
	}
	panestest.Press(m, "G")
	if !m.Following() || !strings.Contains(ansi.Strip(m.View()), "brand new") {
		t.Fatal("G did not follow to the bottom")
	}
	panestest.Press(m, "f")
	if m.Following() {
		t.Fatal("f did not turn follow off")
	}
	m.Update(panes.LogsMsg{Rows: []apiclient.LogRow{row(21, "INFO", "x", "newer still")}})
	if strings.Contains(ansi.Strip(m.View()), "newer still") {
		t.Fatal("paused view moved")
	}
	panestest.Press(m, "f")
	if !m.Following() || !strings.Contains(ansi.Strip(m.View()), "newer still") {
		t.Fatal("f did not turn follow back on")
	}
	panestest.Press(m, "pgup", "pgup", "pgup")
	if !strings.Contains(ansi.Strip(m.View()), "heartbeat") {
		t.Fatal("page up did not reach the top")
	}
}

func TestSearch(t *testing.T) {
	t.Parallel()
	m := newPane(t, 120, 5) // 3 visible lines
	m.Update(panes.LogsMsg{Rows: fixture()})
	panestest.Press(m, "/")
	if !m.Capturing() {
		t.Fatal("search box open but not capturing")
	}
	typeText(m, "btc")
	if m.search.query != "" {
		t.Fatal("search applied before Enter")
	}
	panestest.Press(m, "enter")
	if m.Capturing() {
		t.Fatal("still capturing after Enter")
	}
	if m.search.count != 3 {
		t.Fatalf("count %d, want 3 (BTC/USDT twice, btc feed)", m.search.count)
	}
	current := func() string { return m.ring.get(m.search.current).text }
	if !strings.Contains(current(), "btc feed") {
		t.Fatalf("Enter should jump to the newest match, at %q", current())
	}
	panestest.Press(m, "N")
	if !strings.HasPrefix(current(), "Exit for BTC") {
		t.Fatalf("N: at %q", current())
	}
	panestest.Press(m, "N")
	if !strings.HasPrefix(current(), "Long signal") {
		t.Fatalf("N N: at %q", current())
	}
	if !strings.Contains(ansi.Strip(m.View()), "Long signal") {
		t.Fatal("current match not scrolled into view")
	}
	if got := panestest.Press(m, "N"); got != (panes.NoticeMsg{Text: "no older match"}) {
		t.Fatalf("N at the oldest: %#v", got)
	}
	panestest.Press(m, "n")
	if !strings.HasPrefix(current(), "Exit for BTC") {
		t.Fatalf("n: at %q", current())
	}
	if !strings.Contains(m.frameTitle(), "/btc (3)") {
		t.Fatalf("title %q", m.frameTitle())
	}
	m.Update(panes.LogsMsg{Rows: []apiclient.LogRow{row(30, "INFO", "x", "BTC again")}})
	if m.search.count != 4 {
		t.Fatalf("count %d after a matching row arrived", m.search.count)
	}
	panestest.Press(m, "esc")
	if m.search.query != "" || m.search.current != -1 || strings.Contains(m.frameTitle(), "/") {
		t.Fatal("esc did not clear the search")
	}
	if got := panestest.Press(m, "n"); got == nil {
		t.Fatal("n without a search should say so")
	}
}

func TestSearchHighlightsMatches(t *testing.T) {
	t.Parallel()
	m := New(common(t, termenv.TrueColor), DefaultKeyMap())
	m.SetSize(120, 12)
	m.Update(panes.LogsMsg{Rows: fixture()})
	panestest.Press(m, "/")
	typeText(m, "usdt")
	panestest.Press(m, "enter")
	v := m.View()
	if !strings.Contains(v, m.Styles().Match.Render("USDT")) {
		t.Fatalf("match not highlighted:\n%q", v)
	}
}

func TestSearchNoMatchAndCancel(t *testing.T) {
	t.Parallel()
	m := newPane(t, 80, 8)
	m.Update(panes.LogsMsg{Rows: fixture()})
	panestest.Press(m, "/")
	typeText(m, "zebra")
	if got := panestest.Press(m, "enter"); got != (panes.NoticeMsg{Text: `no match for "zebra"`}) {
		t.Fatalf("no match: %#v", got)
	}
	panestest.Press(m, "/")
	typeText(m, "x")
	panestest.Press(m, "esc")
	if m.Capturing() || m.search.query != "" {
		t.Fatal("esc while typing should close and clear")
	}
	// While typing, keys are text: "q", "L" and "G" do not act.
	panestest.Press(m, "/")
	typeText(m, "LG")
	if m.MinLevel() != "DEBUG" || m.search.input.Value() != "LG" {
		t.Fatalf("keys leaked out of the search box: level %s value %q", m.MinLevel(), m.search.input.Value())
	}
}

func TestSizeInvariants(t *testing.T) {
	t.Parallel()
	wide := []apiclient.LogRow{row(1, "INFO", "a.b", strings.Repeat("wide 表 text\t", 50))}
	for w := 30; w <= 200; w += 17 {
		for h := 8; h <= 60; h += 13 {
			m := newPane(t, w, h)
			panestest.AssertSize(t, m.View(), w, h)
			m.Update(panes.LogsMsg{Rows: append(fixture(), wide...), Dropped: 5})
			panestest.AssertSize(t, m.View(), w, h)
			panestest.Press(m, "/")
			typeText(m, strings.Repeat("long query ", 30))
			panestest.AssertSize(t, m.View(), w, h)
			panestest.Press(m, "enter", "g")
			panestest.AssertSize(t, m.View(), w, h)
		}
	}
}

func benchPane(b *testing.B) *Model {
	m := New(common(b, termenv.TrueColor), DefaultKeyMap())
	m.SetSize(200, 60)
	m.Focus()
	levels := []string{"DEBUG", "INFO", "INFO", "WARNING", "ERROR"}
	rows := make([]apiclient.LogRow, DefaultCapacity)
	for i := range rows {
		rows[i] = row(i, levels[i%len(levels)], "freqtrade.freqtradebot",
			fmt.Sprintf("Bot heartbeat %d. PID=4242, version='2024.4', state='RUNNING' pair BTC/USDT", i))
	}
	m.Update(panes.LogsMsg{Rows: rows})
	return m
}

// BenchmarkLogsView renders the pane holding 10,000 lines at 200x60 while
// lines keep arriving (each iteration appends one, as a live feed does).
func BenchmarkLogsView(b *testing.B) {
	m := benchPane(b)
	next := []apiclient.LogRow{row(0, "INFO", "freqtrade.worker", "new line")}
	b.ReportAllocs()
	for b.Loop() {
		m.Update(panes.LogsMsg{Rows: next})
		_ = m.View()
	}
}

// BenchmarkLogsViewSearch renders with a search active and the view
// scrolled into the middle of the ring.
func BenchmarkLogsViewSearch(b *testing.B) {
	m := benchPane(b)
	panestest.Press(m, "/")
	typeText(m, "btc")
	panestest.Press(m, "enter", "pgup", "pgup", "pgup")
	b.ReportAllocs()
	for b.Loop() {
		m.gen++ // defeat the line cache: worst case, every line re-rendered
		_ = m.View()
	}
}

func FuzzLogLine(f *testing.F) {
	f.Add("2024-05-01 12:00:00", "freqtrade.worker", "INFO", "plain", 80, 8)
	f.Add("x", "..", "CRITICAL", "multi\nline\r\nmessage\t表", 31, 9)
	f.Add("", "", "", "\x1b]0;title\x07\xa8\u009b", 200, 60)
	st := common(f, termenv.TrueColor)
	f.Fuzz(func(t *testing.T, date, logger, level, msg string, w, h int) {
		if w < 0 || h < 0 || w > 250 || h > 80 {
			return
		}
		m := New(st, DefaultKeyMap(), WithCapacity(4))
		m.SetSize(w, h)
		m.Update(panes.LogsMsg{Rows: []apiclient.LogRow{{Date: date, Logger: logger, Level: level, Message: msg}}, Dropped: 1})
		panestest.Press(m, "/")
		typeText(m, msg)
		panestest.Press(m, "enter")
		v := m.View()
		if h == 0 {
			return
		}
		panestest.AssertSize(t, v, w, h)
	})
}

// TestSlashStartsNewSearch: "/" opens an empty box, so a second search is
// not appended to the first; the first stays applied until enter.
func TestSlashStartsNewSearch(t *testing.T) {
	t.Parallel()
	m := newPane(t, 120, 8)
	m.Update(panes.LogsMsg{Rows: fixture()})
	panestest.Press(m, "/")
	typeText(m, "btc")
	panestest.Press(m, "enter")
	panestest.Press(m, "/")
	if v := m.search.input.Value(); v != "" {
		t.Fatalf("the box opened with %q", v)
	}
	if m.search.query != "btc" {
		t.Fatalf("the applied search %q was dropped by opening the box", m.search.query)
	}
	typeText(m, "usdt")
	panestest.Press(m, "enter")
	if m.search.query != "usdt" {
		t.Fatalf("query %q, want a new search for usdt", m.search.query)
	}
}

// TestReadLine: r asks for the selected line in full, the whole row
// (every line of a multi-line message): the bottom line of the window, or
// the current search match. The selection is marked.
func TestReadLine(t *testing.T) {
	t.Parallel()
	m := newPane(t, 60, 5) // 3 visible lines
	rows := fixture()
	m.Update(panes.LogsMsg{Rows: rows})
	if got := panestest.Press(m, "r"); got != (panes.LogLineRequestedMsg{Row: rows[6]}) {
		t.Fatalf("r while following: %#v", got)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "│▸12:00:06") || strings.Contains(v, "▸12:00:05") {
		t.Fatalf("the bottom line is not the one marked:\n%s", v)
	}
	panestest.Press(m, "k")
	panestest.Press(m, "k")
	if got := panestest.Press(m, "r"); got != (panes.LogLineRequestedMsg{Row: rows[4]}) {
		t.Fatalf("r after scrolling up two lines: %#v", got)
	}
	panestest.Press(m, "/")
	typeText(m, "order book")
	panestest.Press(m, "enter")
	if got := panestest.Press(m, "r"); got != (panes.LogLineRequestedMsg{Row: rows[3]}) {
		t.Fatalf("r on a search match: %#v", got)
	}
	empty := newPane(t, 60, 5)
	if got := panestest.Press(empty, "r"); got != (panes.NoticeMsg{Text: "no log line selected"}) {
		t.Fatalf("r without lines: %#v", got)
	}
}
