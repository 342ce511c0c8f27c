package panes

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// item is a row of the test list: an id and when it started.
type item struct {
	id    int
	start time.Time
}

var listT0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func ageText(it item, now time.Time) string { return FormatDuration(now.Sub(it.start)) }

func newTestList(t *testing.T, now time.Time) *List[item] {
	t.Helper()
	c := Common{Styles: testStyles(t, "dark", termenv.Ascii), Now: func() time.Time { return now }}
	spec := ListSpec[item]{
		Title:   "Items",
		Empty:   " None",
		Columns: []Column{{Title: "ID", Right: true}, {Title: "Age", Right: true}},
		ID:      func(it item) int { return it.id },
		Cells:   func(it item, now time.Time) []string { return []string{fmt.Sprint(it.id), ageText(it, now)} },
		Paint:   func(*RowPaints, *item, []string, int) *Paint { return nil },
	}
	l := NewList(c, noHelp{}, spec)
	l.SetSize(30, 6) // three rows under the header
	return &l
}

func items(ids ...int) []item {
	out := make([]item, len(ids))
	for i, id := range ids {
		out[i] = item{id: id, start: listT0.Add(-time.Duration(id) * time.Second)}
	}
	return out
}

func selectedID(t *testing.T, l *List[item]) int {
	t.Helper()
	it, ok := l.Selected()
	if !ok {
		t.Fatal("nothing selected")
	}
	return it.id
}

func TestListSelectionFollowsID(t *testing.T) {
	t.Parallel()
	l := newTestList(t, listT0)
	if _, ok := l.Selected(); ok {
		t.Fatal("selection in an empty list")
	}
	if v := ansi.Strip(l.View()); !strings.Contains(v, "Items ─") || !strings.Contains(v, "Waiting for data…") {
		t.Fatalf("view before data:\n%s", v)
	}
	l.SetRows(nil)
	if v := ansi.Strip(l.View()); !strings.Contains(v, "Items (0)") || !strings.Contains(v, "None") {
		t.Fatalf("empty view:\n%s", v)
	}
	l.SetRows(items(1, 2, 3, 4, 5))
	nav := DefaultNavKeys()
	for _, k := range []tea.KeyMsg{{Type: tea.KeyDown}, {Type: tea.KeyDown}} {
		if !l.Navigate(k, nav) {
			t.Fatalf("%v is a navigation key", k)
		}
	}
	if got := selectedID(t, l); got != 3 {
		t.Fatalf("after two downs selected %d", got)
	}
	l.SetRows(items(5, 3, 1))
	if got := selectedID(t, l); got != 3 {
		t.Fatalf("after reorder selected %d, want 3", got)
	}
	l.SetRows(items(5, 1))
	if got := selectedID(t, l); got != 1 {
		t.Fatalf("after 3 left selected %d, want the row now at its place", got)
	}
	l.Navigate(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g")}, nav)
	if got := selectedID(t, l); got != 5 {
		t.Fatalf("top selected %d", got)
	}
	if l.Navigate(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}, nav) {
		t.Fatal("x is not a navigation key")
	}
}

func TestListPagesAndScrolls(t *testing.T) {
	t.Parallel()
	l := newTestList(t, listT0)
	l.SetRows(items(1, 2, 3, 4, 5, 6, 7, 8))
	nav := DefaultNavKeys()
	l.Navigate(tea.KeyMsg{Type: tea.KeyPgDown}, nav)
	if got := selectedID(t, l); got != 3 {
		t.Fatalf("a page of three rows moves two: selected %d", got)
	}
	l.Navigate(tea.KeyMsg{Type: tea.KeyEnd}, nav)
	if got := selectedID(t, l); got != 8 || l.cursor.Offset != 5 {
		t.Fatalf("bottom selected %d with the window from row %d", got, l.cursor.Offset)
	}
	if paging := nav.WithoutPaging(); l.Navigate(tea.KeyMsg{Type: tea.KeyPgUp}, paging) {
		t.Fatal("pgup moved a list without paging")
	}
}

func TestListTickRedrawsChangedCells(t *testing.T) {
	t.Parallel()
	rows := items(1, 2, 3)
	l := newTestList(t, listT0)
	l.SetRows(rows)
	// Same-width and outgrowing cells render as a fresh list would.
	for _, later := range []time.Duration{time.Second, 50 * time.Hour} {
		now := listT0.Add(later)
		l.Tick(now, 1, ageText)
		fresh := newTestList(t, now)
		fresh.SetRows(rows)
		if got, want := l.View(), fresh.View(); got != want {
			t.Fatalf("%v later: ticked\n%s\nfresh\n%s", later, got, want)
		}
	}
	// Narrower cells keep the layout but still show the new text.
	l.Tick(listT0.Add(time.Minute), 1, ageText)
	if v := ansi.Strip(l.View()); strings.Count(v, "1m") != 3 || strings.Contains(v, "2d") {
		t.Fatalf("a minute later:\n%s", v)
	}
}

func TestNavKeysNamedPointIntoKeys(t *testing.T) {
	t.Parallel()
	k := DefaultNavKeys()
	var names []string
	for _, nb := range k.Named() {
		names = append(names, nb.Name)
		if nb.Name == "bottom" {
			nb.Binding.SetKeys("B")
		}
	}
	if want := []string{"up", "down", "page_up", "page_down", "top", "bottom"}; !slices.Equal(names, want) {
		t.Fatalf("names %v, want %v", names, want)
	}
	if !slices.Equal(k.Bottom.Keys(), []string{"B"}) {
		t.Fatalf("rebinding through Named did not change the keys: %v", k.Bottom.Keys())
	}
	short := DefaultNavKeys().WithoutPaging()
	if n, h := len(short.Named()), len(short.Help()); n != 4 || h != 4 {
		t.Fatalf("without paging: %d names, %d help entries", n, h)
	}
	if len(k.Help()) != 6 {
		t.Fatalf("with paging: %d help entries", len(k.Help()))
	}
}

// noHelp is a key map without help.
type noHelp struct{}

func (noHelp) ShortHelp() []key.Binding  { return nil }
func (noHelp) FullHelp() [][]key.Binding { return nil }

func TestBaseResizeAndInner(t *testing.T) {
	t.Parallel()
	b := NewBase(Common{}, noHelp{})
	if !b.Resize(10, 5) || b.Resize(10, 5) {
		t.Fatal("Resize reports only a change")
	}
	if w, h := b.Inner(); w != 8 || h != 3 {
		t.Fatalf("inner %dx%d", w, h)
	}
	b.Resize(1, 1)
	if w, h := b.Inner(); w != 0 || h != 0 {
		t.Fatalf("inner of a 1x1 pane %dx%d", w, h)
	}
	if b.Now().IsZero() {
		t.Fatal("no Common clock: Now should fall back to the wall clock")
	}
}

// TestListHealth: a list that never had data says why instead of looking
// empty; stale data stays, marked with its age in the title; fresh data
// is not marked.
func TestListHealth(t *testing.T) {
	t.Parallel()
	l := newTestList(t, listT0)
	l.SetHealth(HealthMsg{Stale: true, Problem: "offline: connection refused (retrying in 3s)"})
	v := ansi.Strip(l.View())
	if !strings.Contains(v, "offline: connection refused") || strings.Contains(v, "None") || strings.Contains(v, "(0)") {
		t.Fatalf("never reached:\n%s", v)
	}
	l.SetRows(items(1, 2))
	l.SetHealth(HealthMsg{Stale: true, Answered: true, Age: 12 * time.Second, Problem: "failing: 500"})
	v = ansi.Strip(l.View())
	if !strings.Contains(v, "stale 12s · Items (2)") || strings.Contains(v, "failing") {
		t.Fatalf("stale data:\n%s", v)
	}
	l.SetHealth(HealthMsg{})
	if v = ansi.Strip(l.View()); strings.Contains(v, "stale") || !strings.Contains(v, "Items (2)") {
		t.Fatalf("fresh again:\n%s", v)
	}
}

// TestListColumnsDoNotFlap: a column dropped when a wide value came stays
// dropped when values narrow again, so the table does not jump as prices
// move; a narrow start keeps it.
func TestListColumnsDoNotFlap(t *testing.T) {
	t.Parallel()
	c := Common{Styles: testStyles(t, "dark", termenv.Ascii), Now: func() time.Time { return listT0 }}
	spec := ListSpec[string]{
		Title:   "Prices",
		Columns: []Column{{Title: "Price", Right: true}, {Title: "Note", Drop: 1}},
		ID:      func(string) int { return 0 },
		Cells:   func(p string, _ time.Time) []string { return []string{p, "note"} },
		Paint:   func(*RowPaints, *string, []string, int) *Paint { return nil },
	}
	l := NewList(c, noHelp{}, spec)
	l.SetSize(17, 5) // 15 cells inside
	header := func() string { return strings.Split(ansi.Strip(l.View()), "\n")[1] }
	l.SetRows([]string{"1.00"})
	if !strings.Contains(header(), "Note") {
		t.Fatalf("narrow prices should leave room for the note: %q", header())
	}
	l.SetRows([]string{"123456789.00"})
	if strings.Contains(header(), "Note") {
		t.Fatalf("a wide price should push the note out: %q", header())
	}
	for _, p := range []string{"1.00", "12.00", "123456789.00", "1.00"} {
		l.SetRows([]string{p})
		if strings.Contains(header(), "Note") {
			t.Fatalf("at %s the note came back: %q", p, header())
		}
	}
}
