package balance

import (
	"fmt"
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

func fixture(n int) apiclient.Balances {
	b := apiclient.Balances{
		Total: 1013.06, TotalBot: 1000, Symbol: "USD", Value: 1098.12, ValueBot: 1084, Stake: "USDT",
		Note: "Simulated balances", StartingCapital: 1000, StartingCapitalRatio: 0.01306, StartingCapitalPct: 1.31,
	}
	b.Currencies = append(b.Currencies, apiclient.Balance{
		Currency: "USDT", Free: 713.06, Balance: 713.06, EstStake: 713.06, EstStakeBot: f(700), Stake: "USDT", Side: "long",
	})
	for i := range n {
		b.Currencies = append(b.Currencies, apiclient.Balance{
			Currency: fmt.Sprintf("COIN%d", i), Free: 0, Used: 1.5 + float64(i), Balance: 1.5 + float64(i),
			EstStake: 100 + float64(i), EstStakeBot: f(100 + float64(i)), Stake: "USDT", Side: "long",
		})
	}
	b.Currencies = append(b.Currencies, apiclient.Balance{
		Currency: "BTC/USDT:USDT", IsPosition: true, Side: "short", Position: 0.01, EstStake: 64, Stake: "USDT",
	})
	return b
}

func newPane(tb testing.TB, w, h int, b *apiclient.Balances) *Model {
	tb.Helper()
	m := New(panestest.Common(tb, themes.Default, termenv.Ascii, t0), DefaultKeyMap())
	m.SetSize(w, h)
	if b != nil {
		m.Update(panes.BalanceMsg{Balance: *b})
	}
	return m
}

func TestView(t *testing.T) {
	t.Parallel()
	b, many := fixture(3), fixture(40)
	cases := map[string]struct {
		w, h int
		b    *apiclient.Balances
		keys []string
	}{
		"80x24":    {80, 24, &b, nil},
		"160x48":   {160, 48, &many, nil},
		"waiting":  {60, 6, nil, nil},
		"narrow":   {34, 12, &b, nil},
		"scrolled": {80, 12, &many, []string{"j", "j", "G"}},
		"short":    {80, 4, &b, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := newPane(t, tc.w, tc.h, tc.b)
			panestest.Press(m, tc.keys...)
			v := m.View()
			panestest.AssertSize(t, v, tc.w, tc.h)
			golden.RequireEqual(t, []byte(ansi.Strip(v)))
		})
	}
}

func TestSummaryFields(t *testing.T) {
	t.Parallel()
	b := fixture(1)
	v := ansi.Strip(newPane(t, 100, 12, &b).View())
	for _, want := range []string{"1013.06 USDT", "≈ 1098.12 USD", "Bot      1000.00 USDT", "+1.31%", "Simulated balances", "In USDT", "BTC/USDT:USDT (short)"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	b.Symbol, b.Value = "", 0
	if v := ansi.Strip(newPane(t, 100, 12, &b).View()); strings.Contains(v, "≈") {
		t.Errorf("fiat shown without a fiat value:\n%s", v)
	}
}

func TestSizeInvariants(t *testing.T) {
	t.Parallel()
	b := fixture(30)
	panestest.EachSize(func(w, h int) {
		m := newPane(t, w, h, &b)
		panestest.Press(m, "j", "G")
		panestest.AssertSize(t, m.View(), w, h)
	})
}

func TestHealth(t *testing.T) {
	t.Parallel()
	m := newPane(t, 60, 6, nil)
	m.Update(panes.HealthMsg{Stale: true, Problem: "offline: no route to host"})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "offline: no route to host") {
		t.Fatalf("no data:\n%s", v)
	}
	b := fixture(1)
	m.Update(panes.BalanceMsg{Balance: b})
	m.Update(panes.HealthMsg{Stale: true, Answered: true, Age: time.Hour})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "stale 1h · Balance") || strings.Contains(v, "no route") {
		t.Fatalf("stale:\n%s", v)
	}
}
