package pairs

import (
	"fmt"
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

func f(v float64) *float64 { return &v }
func s(v string) *string   { return &v }

func whitelist(n int) apiclient.Whitelist {
	w := apiclient.Whitelist{Method: []string{"StaticPairList"}}
	w.Whitelist = append(w.Whitelist, "BTC/USDT", "ETH/USDT", "SOL/USDT", "XRP/USDT", "DOGE/USDT", "ADA/USDT")
	for i := range n {
		w.Whitelist = append(w.Whitelist, fmt.Sprintf("COIN%d/USDT", i))
	}
	w.Length = len(w.Whitelist)
	return w
}

func openTrades() []apiclient.OpenTrade {
	var a, b apiclient.OpenTrade
	a.TradeID, a.Pair, a.CurrentRate, a.ProfitRatio = 7, "BTC/USDT", f(64210.5), f(0.0123)
	b.TradeID, b.Pair, b.CurrentRate, b.ProfitRatio, b.IsShort = 9, "SOL/USDT", f(147.1), f(-0.004), true
	return []apiclient.OpenTrade{a, b}
}

func locks() []apiclient.Lock {
	end := t0.Add(25 * time.Minute)
	return []apiclient.Lock{{ID: 3, Active: true, Pair: "XRP/USDT", Side: "*", Reason: s("cooldown"),
		LockEndTimestamp: end.UnixMilli(), LockEndTime: apiclient.FormatDate(end)}}
}

func newWhitelist(tb testing.TB, w, h, extra int) *Whitelist {
	tb.Helper()
	m := NewWhitelist(panestest.Common(tb, themes.Default, termenv.Ascii, t0), DefaultWhitelistKeyMap())
	m.SetSize(w, h)
	m.Focus()
	m.Update(panes.TradesMsg{Trades: openTrades()})
	m.Update(panes.LocksMsg{Locks: locks()})
	m.Update(panes.ClosedTradesMsg{Trades: panestest.ClosedTrades(20, t0), Total: 20})
	m.Update(panes.WhitelistMsg{Whitelist: whitelist(extra)})
	return m
}

func blacklist() apiclient.Blacklist {
	return apiclient.Blacklist{
		Blacklist:         []string{"DOGE/USDT", "XRP/.*", "BNB/USDT", "(bad"},
		BlacklistExpanded: []string{"DOGE/USDT", "XRP/USDT", "XRP/BTC"},
		Method:            []string{"StaticPairList"}, Length: 4, Errors: map[string]apiclient.BlacklistError{},
	}
}

func newBlacklist(tb testing.TB, w, h int, b *apiclient.Blacklist) *Blacklist {
	tb.Helper()
	m := NewBlacklist(panestest.Common(tb, themes.Default, termenv.Ascii, t0), DefaultBlacklistKeyMap())
	m.SetSize(w, h)
	m.Focus()
	if b != nil {
		m.Update(panes.BlacklistMsg{Blacklist: *b})
	}
	return m
}

func TestWhitelistView(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ w, h, extra int }{
		"80x24": {80, 24, 0}, "160x48": {160, 48, 60}, "narrow": {30, 10, 0},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			v := newWhitelist(t, tc.w, tc.h, tc.extra).View()
			panestest.AssertSize(t, v, tc.w, tc.h)
			golden.RequireEqual(t, []byte(ansi.Strip(v)))
		})
	}
}

// TestWhitelistJoins: each pair shows its open trade and rate, its lock,
// and a closed trade's rate when no trade is open.
func TestWhitelistJoins(t *testing.T) {
	t.Parallel()
	v := ansi.Strip(newWhitelist(t, 120, 12, 0).View())
	for _, want := range []string{"Whitelist (6) · StaticPairList", "#7 L", "+1.23%", "64210.50", "#9 S", "25m  cooldown"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	line := func(pair string) string {
		for _, l := range strings.Split(v, "\n") {
			if strings.Contains(l, pair) {
				return l
			}
		}
		return ""
	}
	// ETH/USDT has no open trade: the rate of its newest closed trade.
	var eth *apiclient.RawTrade
	for _, tr := range panestest.ClosedTrades(20, t0) {
		if tr.Pair == "ETH/USDT" {
			eth = &tr
			break
		}
	}
	if !strings.Contains(line("ETH/USDT"), panes.FormatPrice(*eth.CloseRate)) {
		t.Errorf("ETH line %q lacks the last close rate %s", line("ETH/USDT"), panes.FormatPrice(*eth.CloseRate))
	}
	if f := strings.Fields(strings.Trim(line("ADA/USDT"), "│")); !reflect.DeepEqual(f, []string{"ADA/USDT", "-"}) {
		t.Errorf("ADA line %q", line("ADA/USDT"))
	}
	m := newWhitelist(t, 120, 12, 0)
	m.Update(panes.LocksMsg{Locks: append(locks(), apiclient.Lock{ID: 4, Pair: "*", Side: "*", LockEndTimestamp: t0.Add(time.Hour).UnixMilli()})})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "every pair locked") {
		t.Errorf("global lock not shown:\n%s", v)
	}
}

func TestWhitelistIntents(t *testing.T) {
	t.Parallel()
	m := newWhitelist(t, 100, 12, 0)
	if got := panestest.Press(m, "j", "l"); !reflect.DeepEqual(got, panes.LockRequestedMsg{Pair: "ETH/USDT"}) {
		t.Fatalf("l: %#v", got)
	}
	if got := panestest.Press(m, "B"); !reflect.DeepEqual(got, panes.BlacklistAddRequestedMsg{Pattern: "ETH/USDT"}) {
		t.Fatalf("B: %#v", got)
	}
	if p, ok := m.SelectedPair(); !ok || p != "ETH/USDT" {
		t.Fatalf("SelectedPair %q %v", p, ok)
	}
	empty := NewWhitelist(panestest.Common(t, themes.Default, termenv.Ascii, t0), DefaultWhitelistKeyMap())
	if got := panestest.Press(empty, "B"); got != (panes.NoticeMsg{Text: "no pair selected"}) {
		t.Fatalf("B on nothing: %#v", got)
	}
}

func TestBlacklistView(t *testing.T) {
	t.Parallel()
	b := blacklist()
	failed := blacklist()
	failed.Errors = map[string]apiclient.BlacklistError{"XRP/[": {ErrorMsg: "Pair XRP/[ is not a valid wildcard."}}
	cases := map[string]struct {
		w, h int
		b    *apiclient.Blacklist
	}{
		"80x24": {80, 24, &b}, "160x48": {160, 48, &b}, "errors": {90, 8, &failed}, "empty": {40, 5, &apiclient.Blacklist{}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			v := newBlacklist(t, tc.w, tc.h, tc.b).View()
			panestest.AssertSize(t, v, tc.w, tc.h)
			golden.RequireEqual(t, []byte(ansi.Strip(v)))
		})
	}
}

func TestBlacklistMatchesAndIntents(t *testing.T) {
	t.Parallel()
	b := blacklist()
	got := entries(b)
	want := []entry{{"DOGE/USDT", 1}, {"XRP/.*", 2}, {"BNB/USDT", 0}, {"(bad", -1}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("entries %v", got)
	}
	m := newBlacklist(t, 80, 10, &b)
	if got := panestest.Press(m, "j", "d"); got != (panes.BlacklistDeleteRequestedMsg{Pattern: "XRP/.*"}) {
		t.Fatalf("d: %#v", got)
	}
	if got := panestest.Press(m, "a"); got != (panes.BlacklistAddRequestedMsg{}) {
		t.Fatalf("a: %#v", got)
	}
	if got := panestest.Press(newBlacklist(t, 80, 10, nil), "d"); got != (panes.NoticeMsg{Text: "no blacklist entry selected"}) {
		t.Fatalf("d on nothing: %#v", got)
	}
}

func TestSizeInvariants(t *testing.T) {
	t.Parallel()
	b := blacklist()
	panestest.EachSize(func(w, h int) {
		wl := newWhitelist(t, w, h, 40)
		panestest.Press(wl, "G")
		panestest.AssertSize(t, wl.View(), w, h)
		bl := newBlacklist(t, w, h, &b)
		panestest.Press(bl, "G")
		panestest.AssertSize(t, bl.View(), w, h)
	})
}

func TestHealth(t *testing.T) {
	t.Parallel()
	wl := newWhitelist(t, 80, 8, 0)
	wl.Update(panes.HealthMsg{Stale: true, Answered: true, Age: 20 * time.Second})
	b := blacklist()
	bl := newBlacklist(t, 80, 8, &b)
	bl.Update(panes.HealthMsg{Stale: true, Answered: true, Age: 20 * time.Second})
	for _, v := range []string{ansi.Strip(wl.View()), ansi.Strip(bl.View())} {
		if !strings.Contains(v, "stale 20s · ") {
			t.Fatalf("not marked stale:\n%s", v)
		}
	}
}

// TestWhitelistLongLockReason: a lock's long reason, as freqtrade's
// protections write them, gives way before the lock itself does: the pane
// of the pairs screen at 160x48 (72 wide) still shows how long it lasts.
func TestWhitelistLongLockReason(t *testing.T) {
	t.Parallel()
	m := newWhitelist(t, 72, 12, 0)
	l := locks()
	l[0].Reason = s("Cooldown period for 2 candles, then StoplossGuard.")
	m.Update(panes.LocksMsg{Locks: l})
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "Lock") || !strings.Contains(v, "25m") {
		t.Errorf("the lock is gone at 72 wide:\n%s", v)
	}
	m.SetSize(120, 12)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Cooldown period for 2 candles") {
		t.Errorf("the reason is gone at 120 wide:\n%s", v)
	}
}
