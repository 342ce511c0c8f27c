package dryrun

import (
	"context"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// reboundPrices make the strategy signal an entry ("rsi_rebound"): a long
// slide drives RSI down, then a steady climb lifts it back over rsi_buy.
func reboundPrices() []float64 {
	var out []float64
	p := 100.0
	for range 40 {
		p *= 0.995
		out = append(out, p)
	}
	for range 30 {
		p *= 1.004
		out = append(out, p)
	}
	return out
}

// playRebound feeds reboundPrices to AAA and returns the step of the first
// entry on it, or -1.
func playRebound(h *harness) int {
	for i, p := range reboundPrices() {
		h.step(map[string]float64{"AAA/USDT": p})
		if len(h.b.open) > 0 {
			return i
		}
	}
	return -1
}

func TestStrategySignalsAnEntry(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	if at := playRebound(h); at < 40 {
		t.Fatalf("entry at step %d, want one after the slide", at)
	}
	if tag := apiclient.Deref(h.b.openTrades()[0].EnterTag); tag != "rsi_rebound" {
		t.Fatalf("enter_tag %q", tag)
	}
}

func TestStateMachineMessages(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	ctx := h.ctx
	steps := []struct {
		do    func(context.Context) (apiclient.StatusResponse, error)
		want  string
		state rpc.State
	}{
		{h.b.Start, "already running", rpc.StateRunning},
		{h.b.Pause, "paused, no more entries will occur from now. Run /start to enable entries.", rpc.StatePaused},
		{h.b.Pause, "paused, no more entries will occur from now. Run /start to enable entries.", rpc.StatePaused},
		{h.b.Start, "starting trader ...", rpc.StateRunning},
		{h.b.Stop, "stopping trader ...", rpc.StateStopped},
		{h.b.Stop, "already stopped", rpc.StateStopped},
		{h.b.Pause, "starting bot with trader in paused state, no entries will occur. Run /start to enable entries.", rpc.StatePaused},
		{h.b.Start, "starting trader ...", rpc.StateRunning},
	}
	for i, s := range steps {
		res, err := s.do(ctx)
		if err != nil || res.Status != s.want {
			t.Fatalf("step %d: %q, %v; want %q", i, res.Status, err, s.want)
		}
		if sc, _ := h.b.ShowConfig(ctx); sc.State != string(s.state) {
			t.Fatalf("step %d: state %q, want %q", i, sc.State, s.state)
		}
	}
	var states []string
	for _, m := range h.find(apiclient.MsgStatus) {
		states = append(states, m.(apiclient.StatusMsg).Status)
	}
	want := []string{"paused", "running", "stopped", "paused", "running"}
	if len(states) != len(want) {
		t.Fatalf("status events %v, want %v", states, want)
	}
	for i := range want {
		if states[i] != want[i] {
			t.Fatalf("status events %v, want %v", states, want)
		}
	}
}

func TestPauseStopsEntriesUntilStart(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	h.step(map[string]float64{"AAA/USDT": 100, "BBB/USDT": 100})
	tr := h.forceEnter("BBB/USDT")
	if _, err := h.b.Pause(h.ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := h.b.ForceEnter(h.ctx, apiclient.ForceEnterRequest{Pair: "AAA/USDT"}); rpcMsg(err) != "trader is not running" {
		t.Fatalf("force entry while paused: %v", err)
	}
	for _, p := range reboundPrices() {
		h.step(map[string]float64{"AAA/USDT": p, "BBB/USDT": 100})
	}
	if h.b.openBy["AAA/USDT"] != nil {
		t.Fatal("the strategy entered while paused")
	}
	h.step(map[string]float64{"BBB/USDT": 105}) // paused bots still exit
	if h.trade(tr.TradeID).IsOpen {
		t.Fatal("no ROI exit while paused")
	}
	if _, err := h.b.Start(h.ctx); err != nil {
		t.Fatal(err)
	}
	if at := playRebound(h); at < 0 {
		t.Fatal("no entry after start")
	}
}

func TestStoppedBotManagesNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	h.step(map[string]float64{"AAA/USDT": 100})
	tr := h.forceEnter("AAA/USDT")
	if _, err := h.b.Stop(h.ctx); err != nil {
		t.Fatal(err)
	}
	h.types()
	h.step(map[string]float64{"AAA/USDT": 110})
	if !h.trade(tr.TradeID).IsOpen {
		t.Fatal("a stopped bot exited a trade")
	}
	if _, err := h.b.Count(h.ctx); rpcMsg(err) != "trader is not running" {
		t.Fatalf("count while stopped: %v", err)
	}
	_, err := h.b.ForceExit(h.ctx, apiclient.ForceExitRequest{TradeID: "1"})
	if rpcMsg(err) != "trader is not running" {
		t.Fatalf("force exit while stopped: %v", err)
	}
	if len(h.find(apiclient.MsgAnalyzedDF)) != 0 {
		t.Fatal("a stopped bot published analyzed_df")
	}
}

func TestReloadConfig(t *testing.T) {
	t.Parallel()
	next := testConfig()
	next.MaxOpenTrades = 1
	next.StakeAmount = FixedStake(50)
	next.Blacklist = []string{"BBB/.*"}
	reloads := 0
	h := newHarness(t, testConfig(), WithReload(func(context.Context) (Config, error) {
		reloads++
		return next, nil
	}))
	res, err := h.b.ReloadConfig(h.ctx)
	if err != nil || res.Status != "Reloading config ..." {
		t.Fatalf("reload: %+v, %v", res, err)
	}
	if sc, _ := h.b.ShowConfig(h.ctx); sc.State != "reload_config" {
		t.Fatalf("state %q, want reload_config", sc.State)
	}
	h.step(map[string]float64{"AAA/USDT": 100, "BBB/USDT": 100})
	sc, _ := h.b.ShowConfig(h.ctx)
	if reloads != 1 || sc.State != "running" || sc.MaxOpenTrades != 1 || sc.StakeAmount != "50" {
		t.Fatalf("after reload: calls %d state %q max %d stake %q", reloads, sc.State, sc.MaxOpenTrades, sc.StakeAmount)
	}
	var statuses []string
	for _, m := range h.find(apiclient.MsgStatus) {
		statuses = append(statuses, m.(apiclient.StatusMsg).Status)
	}
	if len(statuses) != 2 || statuses[0] != "reload_config" || statuses[1] != "running after config reloaded" {
		t.Fatalf("status events %v", statuses)
	}
	wl := h.find(apiclient.MsgWhitelist)
	if len(wl) != 1 || len(wl[0].(apiclient.WhitelistMsg).Data) != 1 {
		t.Fatalf("whitelist events %+v", wl)
	}
	tr := h.forceEnter("AAA/USDT")
	if tr.StakeAmount != 50 {
		t.Fatalf("stake after reload %v, want 50", tr.StakeAmount)
	}
	if _, err := h.b.ForceEnter(h.ctx, apiclient.ForceEnterRequest{Pair: "BBB/USDT"}); rpcMsg(err) != "Maximum number of trades is reached." {
		t.Fatalf("second entry with max_open_trades 1: %v", err)
	}
}

func TestReloadKeepsConfigOnError(t *testing.T) {
	t.Parallel()
	bad := testConfig()
	bad.Stoploss = 0.5
	h := newHarness(t, testConfig(), WithReload(func(context.Context) (Config, error) { return bad, nil }))
	if _, err := h.b.ReloadConfig(h.ctx); err != nil {
		t.Fatal(err)
	}
	if err := h.b.Tick(h.ctx); err != nil {
		t.Fatal(err)
	}
	sc, _ := h.b.ShowConfig(h.ctx)
	if sc.State != "running" || *sc.Stoploss != -0.05 {
		t.Fatalf("state %q stoploss %v", sc.State, *sc.Stoploss)
	}
	logs, _ := h.b.Logs(h.ctx, 0)
	found := false
	for _, r := range logs.Logs {
		if r.Level == "ERROR" && r.Logger == logConfig {
			found = true
		}
	}
	if !found {
		t.Fatal("a failed reload was not logged")
	}
}

func TestHealthTimes(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testConfig())
	hl, _ := h.b.Health(h.ctx)
	if hl.LastProcess != nil || hl.BotStartup == nil || !hl.BotStartup.Equal(wall) || hl.BotStart == nil {
		t.Fatalf("before the first loop: %+v", hl)
	}
	h.clock.add(3 * time.Second)
	if err := h.b.Tick(h.ctx); err != nil {
		t.Fatal(err)
	}
	now := wall.Add(3 * time.Second)
	hl, _ = h.b.Health(h.ctx)
	if hl.LastProcess == nil || !hl.LastProcess.Equal(now) || *hl.LastProcessTS != now.Unix() {
		t.Fatalf("after a loop: %+v", hl)
	}
}
