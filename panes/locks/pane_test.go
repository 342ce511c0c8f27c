package locks

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
	"github.com/freqdeck/freqdeck/panes/panestest"
	"github.com/freqdeck/freqdeck/themes"
)

var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func common(tb testing.TB) panes.Common {
	tb.Helper()
	return panestest.Common(tb, themes.Default, termenv.Ascii, t0)
}

func reason(s string) *string { return &s }

func lock(id int, pair, side string, left time.Duration, why string) apiclient.Lock {
	end := t0.Add(left)
	l := apiclient.Lock{
		ID: id, Active: true, Pair: pair, Side: side,
		LockEndTime: apiclient.FormatDate(end), LockEndTimestamp: end.UnixMilli(),
		LockTime: apiclient.FormatDate(t0.Add(-time.Hour)), LockTimestamp: t0.Add(-time.Hour).UnixMilli(),
	}
	if why != "" {
		l.Reason = reason(why)
	}
	return l
}

func fixture() []apiclient.Lock {
	return []apiclient.Lock{
		lock(3, "BTC/USDT", "long", 25*time.Minute, "cooldown after exit"),
		lock(5, "*", "*", 2*time.Hour+10*time.Minute, "StoplossGuard: 4 stoplosses in 60 min"),
		lock(9, "ETH/USDT", "short", -time.Minute, ""),
	}
}

func newPane(tb testing.TB, w, h int, locks []apiclient.Lock) *Model {
	tb.Helper()
	m := New(common(tb), DefaultKeyMap())
	m.SetSize(w, h)
	m.Focus()
	if locks != nil {
		m.Update(panes.LocksMsg{Locks: locks})
	}
	return m
}

func TestView(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		w, h  int
		locks []apiclient.Lock
		keys  []string
	}{
		"empty":     {80, 6, []apiclient.Lock{}, nil},
		"normal":    {90, 7, fixture(), nil},
		"narrow":    {34, 7, fixture(), nil},
		"selection": {90, 7, fixture(), []string{"j"}},
		"scrolled":  {90, 5, fixture(), []string{"G"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := newPane(t, tc.w, tc.h, tc.locks)
			panestest.Press(m, tc.keys...)
			golden.RequireEqual(t, []byte(ansi.Strip(m.View())))
		})
	}
}

func TestTimeLeftFollowsTheClock(t *testing.T) {
	t.Parallel()
	m := newPane(t, 120, 8, fixture())
	v := ansi.Strip(m.View())
	for _, want := range []string{"Locks (3)", "25m", "2h 10m", "expired", "* (all)", "both", "05-01 12:25"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	m.Update(panes.ClockMsg{Now: t0.Add(30 * time.Minute)})
	v = ansi.Strip(m.View())
	if strings.Contains(v, "25m") || strings.Count(v, "expired") != 2 || !strings.Contains(v, "1h 40m") {
		t.Errorf("clock did not move time left:\n%s", v)
	}
}

func TestIntents(t *testing.T) {
	t.Parallel()
	if got := panestest.Press(newPane(t, 80, 8, fixture()), "a"); !reflect.DeepEqual(got, panes.LockRequestedMsg{}) {
		t.Errorf("a: got %#v", got)
	}
	if got := panestest.Press(newPane(t, 80, 8, fixture()), "j", "d"); !reflect.DeepEqual(got, panes.DeleteLockRequestedMsg{Lock: fixture()[1]}) {
		t.Errorf("j d: got %#v", got)
	}
	if got := panestest.Press(newPane(t, 80, 8, nil), "d"); got != (panes.NoticeMsg{Text: "no lock selected"}) {
		t.Errorf("d with no locks: got %#v", got)
	}
	if got := panestest.Press(newPane(t, 80, 8, nil), "a"); !reflect.DeepEqual(got, panes.LockRequestedMsg{}) {
		t.Errorf("a with no locks: got %#v", got)
	}
}

func TestSelectionSticksToLockID(t *testing.T) {
	t.Parallel()
	m := newPane(t, 80, 8, fixture())
	panestest.Press(m, "G") // lock 9
	data := fixture()
	m.Update(panes.LocksMsg{Locks: []apiclient.Lock{data[2], data[0], data[1]}})
	if got, _ := m.Selected(); got.ID != 9 {
		t.Fatalf("selected %d after reorder, want 9", got.ID)
	}
	m.Update(panes.LocksMsg{Locks: data[:2]})
	if got, _ := m.Selected(); got.ID != 3 {
		t.Fatalf("selected %d after lock 9 left, want 3 (same row)", got.ID)
	}
}

func TestSizeInvariants(t *testing.T) {
	t.Parallel()
	for _, data := range [][]apiclient.Lock{nil, fixture()} {
		for w := 30; w <= 200; w += 17 {
			for h := 8; h <= 60; h += 13 {
				m := newPane(t, w, h, data)
				panestest.Press(m, "G")
				panestest.AssertSize(t, m.View(), w, h)
			}
		}
	}
}

func TestNamedBindings(t *testing.T) {
	t.Parallel()
	k := DefaultKeyMap()
	names := map[string]bool{}
	for _, nb := range k.Named() {
		names[nb.Name] = true
		if nb.Name == "delete" {
			nb.Binding.SetKeys("x")
		}
	}
	if !names["add"] || !names["delete"] {
		t.Fatalf("names %v", names)
	}
	if !reflect.DeepEqual(k.Delete.Keys(), []string{"x"}) {
		t.Fatalf("rebinding through Named did not change the KeyMap: %v", k.Delete.Keys())
	}
}
