package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// fleetBots are three fake freqtrades: alpha (USDT, two open trades),
// beta (BTC, one) and gamma, which is down.
type fleetBots struct {
	alpha, beta, gamma *actBot
}

// newFleetBots serves the three bots until the test ends; gamma is down
// from the start.
func newFleetBots(t *testing.T, clock *rpctest.Clock) fleetBots {
	t.Helper()
	f := fleetBots{alpha: newActBot(t, clock, rpctest.OpenTrades(2)...), beta: newActBot(t, clock, rpctest.OpenTrades(1)...),
		gamma: newActBot(t, clock)}
	periodic := func(v float64) apiclient.PeriodicProfit {
		return apiclient.PeriodicProfit{Data: []apiclient.PeriodProfit{{Date: "2024-05-01", AbsProfit: v}}}
	}
	f.alpha.bot.Update(func(fx *rpctest.Fixtures) {
		fx.ShowConfig.BotName, fx.ShowConfig.StakeCurrency, fx.ShowConfig.MaxOpenTrades = "alpha", "USDT", 5
		fx.Profit.ProfitClosedCoin = 50
		fx.Periodic = periodic(5)
		for i := range fx.OpenTrades {
			fx.OpenTrades[i].ProfitAbs = apiclient.F(1.5)
		}
	})
	f.beta.bot.Update(func(fx *rpctest.Fixtures) {
		fx.ShowConfig.BotName, fx.ShowConfig.StakeCurrency, fx.ShowConfig.MaxOpenTrades = "beta", "BTC", 3
		fx.Profit.ProfitClosedCoin = 0.0123
		fx.Periodic = periodic(0.0004)
		fx.OpenTrades[0].ProfitAbs = apiclient.F(-0.0002)
	})
	f.gamma.faults.Down()
	return f
}

// overview starts a console on the three bots (see console) and shows
// its overview once the first bot's trades are in; it waits until the
// overview shows every one of also too.
func (f fleetBots) overview(t *testing.T, also ...string) (*teatest.TestModel, Options) {
	t.Helper()
	tm, opts := f.console(t)
	waitText(t, tm, "Open trades (2)")
	keys(tm, "o")
	waitText(t, tm, append([]string{"Overview (3 bots)", "Σ BTC"}, also...)...)
	return tm, opts
}

// console is a console on the three bots, started at 160×48.
func (f fleetBots) console(t *testing.T) (*teatest.TestModel, Options) {
	t.Helper()
	var bots []Bot
	for _, ab := range []*actBot{f.alpha, f.beta, f.gamma} {
		c, err := apiclient.New(ab.srv.URL, apiclient.WithBasicAuth(actUser, actPass), apiclient.WithWSToken(actWSToken))
		if err != nil {
			t.Fatal(err)
		}
		bots = append(bots, Bot{API: c})
	}
	bots[2].Name = "gamma"
	opts := testOptions(t, bots...)
	opts.Clock = f.alpha.clock.Now
	opts.CheckEvery = 20 * time.Millisecond
	tm := teatest.NewTestModel(t, newModel(t, opts), teatest.WithInitialTermSize(160, 48))
	t.Cleanup(func() {
		_ = tm.Quit()
		tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	})
	return tm, opts
}

// TestOverviewRowsAndTotals: the overview shows a row per bot, the one that
// is down with its reason, and a totals row per stake currency (USDT and
// BTC never added together); enter shows the selected bot's desk.
func TestOverviewRowsAndTotals(t *testing.T) {
	t.Parallel()
	f := newFleetBots(t, rpctest.NewClock(fixedClock()))
	tm, _ := f.overview(t, "Σ USDT", "offline    -", "+0.00040", "+5.00")
	view := finalView(t, tm)
	squashed := squash(view)
	for _, want := range []string{
		"▸ alpha online running dry 2/5 +3.00 +5.00 +5.00 +50.00",
		"beta online running dry 1/3 -0.00020 +0.00040 +0.00040 +0.012",
		"gamma offline - - - - - - - connection",
		"Σ BTC 1/1 online 1/3 -0.00020 +0.00040 +0.00040 +0.012",
		"Σ USDT 1/1 online 2/5 +3.00 +5.00 +5.00 +50.00",
	} {
		if !strings.Contains(squashed, want) {
			t.Errorf("the overview lacks %q:\n%s", want, view)
		}
	}
	if n := f.alpha.faults.Hits("GET /daily") + f.alpha.faults.Hits("GET /weekly"); n != 2 {
		t.Errorf("alpha was asked %d times for its periods, want /daily and /weekly once", n)
	}
}

// squash collapses the runs of spaces of s, so rows compare whatever the
// column widths.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestOverviewEnterShowsDesk: enter on a row shows that bot's trade desk.
func TestOverviewEnterShowsDesk(t *testing.T) {
	t.Parallel()
	f := newFleetBots(t, rpctest.NewClock(fixedClock()))
	tm, _ := f.overview(t)
	keys(tm, "j", "enter") // sorted by name: alpha, beta, gamma
	waitText(t, tm, "[2/3] beta", "Open trades (1)")
}

// TestFleetPause: pause entries on every bot: alpha pauses, beta refuses
// with its own message, gamma is down and skipped. One confirmation lists
// all three; the result table shows each outcome; each bot sent to has its
// own audit lines, with one batch id.
func TestFleetPause(t *testing.T) {
	t.Parallel()
	f := newFleetBots(t, rpctest.NewClock(fixedClock()))
	f.beta.faults.Fail("POST /pause", rpctest.RPCError("POST /pause", "Bot is in maintenance"))
	tm, opts := f.overview(t)
	keys(tm, "*", "p")
	waitText(t, tm, "Pause entries on 3 bots", "alpha  running → paused", "beta   running → paused",
		"gamma  skipped: offline: connection")
	keys(tm, "y")
	waitText(t, tm, "Pause entries · batch ", "1 done, 1 refused, 1 skipped",
		"paused", "Error querying /api/v1/pause: Bot is in maintenance")
	view := finalView(t, tm)
	if !strings.Contains(view, "alpha  done") || !strings.Contains(view, "beta   refused") || !strings.Contains(view, "gamma  skipped") {
		t.Fatalf("result table:\n%s", view)
	}
	if f.alpha.faults.Hits("POST /pause") != 1 || f.beta.faults.Hits("POST /pause") != 1 {
		t.Fatal("each bot that was not skipped gets one POST /pause")
	}
	lines := readAudit(t, opts.AuditPath)
	if len(lines) != 4 {
		t.Fatalf("audit has %d lines, want an attempt and a result for alpha and beta: %+v", len(lines), lines)
	}
	batch, ids := lines[0].Batch, map[string]string{}
	for _, e := range lines {
		if e.Batch == "" || e.Batch != batch || e.Action != "pause" {
			t.Fatalf("audit line %+v: want batch %q", e, batch)
		}
		if prev, ok := ids[e.Bot]; ok && prev != e.ID {
			t.Fatalf("bot %s has two request ids", e.Bot)
		}
		ids[e.Bot] = e.ID
		if e.Phase == action.PhaseResult {
			want := map[string]action.Outcome{"alpha": action.Done, "beta": action.Refused}[e.Bot]
			if e.Outcome != want {
				t.Fatalf("%s: outcome %s, want %s", e.Bot, e.Outcome, want)
			}
		}
	}
	if len(ids) != 2 || ids["alpha"] == ids["beta"] {
		t.Fatalf("request ids %v: want one per bot", ids)
	}
}

// TestFleetUnknownReconciled: stop on two bots; alpha's answer never comes
// (the connection is cut), so its outcome is unknown until its state
// tells: it is still running, so the stop did not happen. The table says
// so, and the reconciled audit line carries the batch id.
func TestFleetUnknownReconciled(t *testing.T) {
	t.Parallel()
	clock := rpctest.NewClock(fixedClock())
	f := newFleetBots(t, clock)
	f.alpha.faults.FailNext("POST /stop", 1, rpctest.HangUp())
	tm, opts := f.overview(t)
	keys(tm, " ", " ", "S") // mark alpha and beta
	waitText(t, tm, "Stop bot on 2 bots", "alpha  running → stopped", "beta   running → stopped")
	keys(tm, "y")
	waitText(t, tm, "1 done, 1 unknown")
	// The check asks alpha for its state until "nothing changed" has held
	// for the settle time (5 s, the request timeout, on the test clock):
	// the clock moves a second at each look at the screen until it tells.
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		clock.Advance(time.Second)
		return bytes.Contains(b, []byte("1 done, 1 refused")) && bytes.Contains(b, []byte("refused (checked)")) &&
			bytes.Contains(b, []byte("the bot is still running"))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	_ = finalView(t, tm)
	var reconciled []action.Entry
	for _, e := range readAudit(t, opts.AuditPath) {
		if e.Phase == action.PhaseReconciled {
			reconciled = append(reconciled, e)
		}
	}
	if len(reconciled) != 1 || reconciled[0].Bot != "alpha" || reconciled[0].Batch == "" || reconciled[0].Outcome != action.Refused {
		t.Fatalf("reconciled lines %+v", reconciled)
	}
}

// TestFleetDialogFitsShortTerminal: on a terminal too short for every bot's
// line, the confirmation cuts the list ("… and 1 more") and keeps the
// field to type "all" in and its keys in sight.
func TestFleetDialogFitsShortTerminal(t *testing.T) {
	t.Parallel()
	f := newFleetBots(t, rpctest.NewClock(fixedClock()))
	tm, _ := f.overview(t)
	tm.Send(tea.WindowSizeMsg{Width: 160, Height: 11})
	keys(tm, "*", "X")
	waitText(t, tm, "Force exit all on 3 bots", "… and 2 more")
	view := finalView(t, tm)
	for _, want := range []string{"alpha  exit 2 trades", "… and 2 more", "Confirm", "enter confirm · esc cancel"} {
		if !strings.Contains(view, want) {
			t.Errorf("the dialog lacks %q:\n%s", want, view)
		}
	}
}

// TestFleetResultFitsShortTerminal: on a terminal too short for a row per
// bot, the result table names the bots done on one line and keeps a row for
// every other outcome, and its keys in sight.
func TestFleetResultFitsShortTerminal(t *testing.T) {
	t.Parallel()
	f := newFleetBots(t, rpctest.NewClock(fixedClock()))
	tm, _ := f.overview(t)
	keys(tm, "*", "p")
	waitText(t, tm, "Pause entries on 3 bots")
	tm.Send(tea.WindowSizeMsg{Width: 160, Height: 7})
	keys(tm, "y")
	waitText(t, tm, "Pause entries · batch ", "2 done, 1 skipped")
	view := finalView(t, tm)
	for _, want := range []string{"2 done: alpha, beta", "gamma  skipped", "n/esc close"} {
		if !strings.Contains(view, want) {
			t.Errorf("the result table lacks %q:\n%s", want, view)
		}
	}
}

// TestFleetStartStoppedBot: a stopped bot answers /count with 502 "trader
// is not running", as freqtrade does; it is still online, and start on every
// bot is sent to it, not skipped as failing.
func TestFleetStartStoppedBot(t *testing.T) {
	t.Parallel()
	f := newFleetBots(t, rpctest.NewClock(fixedClock()))
	f.beta.bot.Update(func(fx *rpctest.Fixtures) { fx.ShowConfig.State = "stopped" })
	tm, _ := f.overview(t, "beta   online     stopped")
	keys(tm, "*", "s")
	waitText(t, tm, "Start bot on 3 bots", "beta   stopped → running")
}
