package tui

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// TestHistoryPagesThroughClosedTrades: the history screen loads the
// newest 500 closed trades when shown, and each later page as the operator
// scrolls to the end: 1,200 trades take 3 requests, never one big one.
func TestHistoryPagesThroughClosedTrades(t *testing.T) {
	t.Parallel()
	sb := newScreenBot(t, 1200)
	tm, _ := sb.start(t)
	keys(tm, "h")
	waitText(t, tm, "Closed trades (500 of 1200)")
	keys(tm, "G")
	waitText(t, tm, "Closed trades (1000 of 1200)")
	keys(tm, "G")
	waitText(t, tm, "Closed trades (1200)")
	keys(tm, "G") // nothing more to load
	if n := sb.hits("GET /trades"); n != 3 {
		t.Fatalf("%d requests of /trades, want 3: %v", n, sb.queries("GET /trades"))
	}
	for i, q := range sb.queries("GET /trades") {
		offset := []string{"", "500", "1000"}[i]
		if q.Get("limit") != "500" || q.Get("offset") != offset || q.Get("order_by_id") != "false" {
			t.Errorf("request %d: %v", i, q)
		}
	}
	v := finalView(t, tm)
	if !strings.Contains(v, "Closed trades (1200)") || !strings.Contains(v, "▸    1 ") {
		t.Errorf("the last trade is not selected:\n%s", v)
	}
}

// TestClosedTradeDetail: enter on a closed trade opens its detail: the
// realised profit, the exit reason, the fees, the stoploss's history and
// every order with its time, price, amount and fee.
func TestClosedTradeDetail(t *testing.T) {
	t.Parallel()
	sb := newScreenBot(t, 30)
	tm, _ := sb.start(t)
	keys(tm, "h")
	waitText(t, tm, "Closed trades (30)")
	keys(tm, "j", "enter")
	waitText(t, tm, "Closed trade #29 DOGE/USDT")
	v := finalView(t, tm)
	for _, want := range []string{
		"Side        long, tag tag_1", "Opened      2024-05-01 10:15:00 at 112.000",
		"Closed      2024-05-01 11:16:00 at 115.360, after 1h 1m", "Profit      +3.00 USDT (+3.00%)",
		"Amount      0.892857 DOGE for 100.00 USDT", "Exit reason force_exit", "Fees        entry 0.1%, exit 0.1%",
		"Stoploss    started at 100.800 (-10.00%)", "            ended at 106.400 (-5.00%), last moved 05-01 10:45",
		"05-01 10:15 buy  market closed    0.892857   112.000   100.00 0.000892857",
		"05-01 11:16 sell market closed    0.892857   115.360   103.00 0.000892857",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("detail lacks %q:\n%s", want, v)
		}
	}
}

// TestBlacklistAddAndDelete: adding and deleting a blacklist entry asks
// for confirmation, goes through the action pipeline (the attempt and the
// result in the audit log), and shows the new blacklist; a pattern the bot
// refuses shows the bot's words.
func TestBlacklistAddAndDelete(t *testing.T) {
	t.Parallel()
	sb := newScreenBot(t, 10)
	tm, opts := sb.start(t)
	keys(tm, "w")
	waitText(t, tm, "Blacklist (4)")
	keys(tm, "2", "a")
	waitText(t, tm, "Add to blacklist")
	keys(tm, "B", "N", "B", "/", ".", "*", "enter")
	waitText(t, tm, "Add BNB/.* to the blacklist: 5 patterns on the blacklist", "Blacklist (5)")
	keys(tm, "G", "d")
	waitText(t, tm, "Delete from blacklist", "Pattern  BNB/.*")
	keys(tm, "y")
	waitText(t, tm, "Delete BNB/.* from the blacklist: 4 patterns left on the blacklist")
	keys(tm, "a", "D", "O", "G", "E", "/", "B", "T", "C", "enter")
	waitText(t, tm, "Add DOGE/BTC to the blacklist failed: Pair DOGE/BTC already in pairlist.")
	v := finalView(t, tm)
	if !strings.Contains(v, "Blacklist (4)") || strings.Contains(v, "BNB/.*") {
		t.Errorf("the blacklist after delete:\n%s", v)
	}
	if got := sb.bot.CallsTo("AddBlacklist"); len(got) != 2 || !slices.Equal(got[0].Args[0].([]string), []string{"BNB/.*"}) {
		t.Errorf("AddBlacklist calls %+v", got)
	}
	if got := sb.bot.CallsTo("DeleteBlacklist"); len(got) != 1 || !slices.Equal(got[0].Args[0].([]string), []string{"BNB/.*"}) {
		t.Errorf("DeleteBlacklist calls %+v", got)
	}
	entries, err := action.ReadFile(opts.AuditPath)
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, e := range entries {
		seen = append(seen, string(e.Phase)+" "+e.Action+" "+e.Target+" "+e.Outcome.String())
	}
	want := []string{
		"attempt add_blacklist BNB/.* ", "result add_blacklist BNB/.* done",
		"attempt delete_blacklist BNB/.* ", "result delete_blacklist BNB/.* done",
		"attempt add_blacklist DOGE/BTC ", "result add_blacklist DOGE/BTC refused",
	}
	if !slices.Equal(seen, want) {
		t.Errorf("audit log:\n%s\nwant\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
}

// TestChartSwitchesPair: v opens the chart on the selected trade's pair at
// the bot's timeframe, as many candles as it has columns; n moves to the
// next pair of the whitelist.
func TestChartSwitchesPair(t *testing.T) {
	t.Parallel()
	sb := newScreenBot(t, 10)
	tm, _ := sb.start(t)
	keys(tm, "v")
	waitText(t, tm, "Chart · ETH/BTC 5m", "─ open 0.123000")
	keys(tm, "n")
	waitText(t, tm, "Chart · BTC/USDT 5m")
	sb.wait("two candle requests answered", func() bool {
		return sb.hits("GET /pair_candles") == 2 && sb.answered("GET /pair_candles")
	})
	var pairs []string
	for _, q := range sb.queries("GET /pair_candles") {
		pairs = append(pairs, q.Get("pair"))
		if q.Get("timeframe") != "5m" || q.Get("limit") != "118" {
			t.Errorf("candles asked as %v", q)
		}
	}
	if !slices.Equal(pairs, []string{"ETH/BTC", "BTC/USDT"}) {
		t.Errorf("candles of %v", pairs)
	}
	_ = finalView(t, tm)
}

// TestHiddenScreensMakeNoRequests: a screen that is not shown asks nothing,
// whatever happens (trades close, candles come); shown, it fetches what it
// lacks once, and refetches on what changes it: the chart on its pair's new
// candles, the history when the bot's closed trades change.
func TestHiddenScreensMakeNoRequests(t *testing.T) {
	t.Parallel()
	sb := newScreenBot(t, 20)
	tm, _ := sb.start(t)
	ctx := context.Background()

	// Each step ends with a status message, whose refetch of /show_config
	// comes after the console handled what was published before it.
	settle := func(what string) {
		t.Helper()
		n := sb.hits("GET /show_config")
		if err := sb.bot.Publish(ctx, apiclient.StatusMsg{Type: apiclient.MsgStatus, Status: "tick"}); err != nil {
			t.Fatal(err)
		}
		sb.wait(what, func() bool { return sb.hits("GET /show_config") > n && sb.answered("GET /show_config") })
	}
	newCandle := func(pair string) {
		t.Helper()
		msg := apiclient.NewCandleMsg{Type: apiclient.MsgNewCandle, Data: apiclient.PairKey{pair, "5m", "spot"}}
		if err := sb.bot.Publish(ctx, msg); err != nil {
			t.Fatal(err)
		}
	}
	closeTrade := func(id int) {
		t.Helper()
		sb.bot.Update(func(f *rpctest.Fixtures) { f.Profit.ClosedTradeCount++ })
		if err := sb.bot.CloseTrade(ctx, id, 0.13); err != nil {
			t.Fatal(err)
		}
	}
	sb.wait("the stream", func() bool { return sb.faults.Subscribed(apiclient.MsgNewCandle) })

	closeTrade(1)
	newCandle("ETH/BTC")
	settle("the trade desk after a close and a candle")
	waitText(t, tm, "Open trades (0)")
	if h := sb.screenHits(); len(h) != 0 {
		t.Fatalf("hidden screens asked %v", h)
	}

	keys(tm, "v")
	waitText(t, tm, "Chart · ETH/BTC 5m")
	sb.wait("the chart's data", func() bool { return sb.hits("GET /pair_candles") == 1 && sb.hits("GET /trades") == 1 })
	newCandle("BTC/USDT")
	settle("another pair's candle")
	newCandle("ETH/BTC")
	sb.wait("the new candle's refetch", func() bool { return sb.hits("GET /pair_candles") == 2 })

	keys(tm, "t")
	newCandle("ETH/BTC")
	settle("a candle while the chart is hidden")
	keys(tm, "h")
	waitText(t, tm, "Profit by day")
	sb.wait("the history's data", func() bool { return sb.hits("GET /daily") == 1 && sb.hits("GET /performance") == 1 })
	want := map[string]int{"GET /trades": 1, "GET /pair_candles": 2, "GET /daily": 1, "GET /performance": 1}
	if h := sb.screenHits(); !maps.Equal(h, want) {
		t.Fatalf("screens asked %v, want %v", h, want)
	}

	// The bot's closed trades change: the shown history fetches again.
	var again apiclient.OpenTrade
	again.TradeID, again.Pair, again.OpenRate, again.Amount = 50, "ETH/BTC", 0.12, 1
	if err := sb.bot.OpenTrade(ctx, again); err != nil {
		t.Fatal(err)
	}
	closeTrade(50)
	sb.wait("the history's refetch", func() bool {
		return sb.hits("GET /trades") == 2 && sb.hits("GET /daily") == 2 && sb.hits("GET /performance") == 2
	})
	// The refresh asks for the trade that closed since, and a margin, not
	// a whole page.
	if q := sb.queries("GET /trades")[1]; q.Get("limit") != "11" || q.Get("offset") != "" {
		t.Errorf("the refresh asked %v", q)
	}
	_ = finalView(t, tm)
}

// TestBlacklistUnknownOutcomeReconciled: a blacklist change whose answer
// never came is checked against /blacklist like every action: a change the
// bot made is done, one it never got did not happen.
func TestBlacklistUnknownOutcomeReconciled(t *testing.T) {
	t.Parallel()
	sb := newScreenBot(t, 5)
	opts := testOptions(t, sb.cfg)
	// The console's own clock runs, so "nothing changed" can settle.
	opts.Clock, opts.Timeout, opts.CheckEvery = time.Now, 300*time.Millisecond, 20*time.Millisecond
	tm := startTUI(t, newModel(t, opts))
	waitText(t, tm, "Open trades (1)")
	keys(tm, "w", "2")
	waitText(t, tm, "Blacklist (4)")

	// The bot adds the pattern, but its answer never comes: the call is
	// held until the test ends.
	t.Cleanup(sb.bot.Hold("AddBlacklist"))
	keys(tm, "a", "B", "N", "B", "/", ".", "*", "enter")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := sb.bot.Wait(ctx, func() bool { return len(sb.bot.CallsTo("AddBlacklist")) == 1 }); err != nil {
		t.Fatal(err)
	}
	sb.bot.Update(func(f *rpctest.Fixtures) {
		f.Blacklist.Blacklist = append(slices.Clone(f.Blacklist.Blacklist), "BNB/.*")
	})
	waitText(t, tm, "Add BNB/.* to the blacklist: BNB/.* is on the blacklist", "Blacklist (5)")
	// The unanswered call made the console probe the bot: online again, an
	// action needs no extra confirmation.
	waitText(t, tm, "· online")

	// The bot never gets this one: a proxy answers instead.
	sb.faults.FailNext("DELETE /blacklist", 1, rpctest.HTML(502, "<html><title>502 Bad Gateway</title></html>"))
	keys(tm, "G", "d", "y")
	waitText(t, tm, "Delete BNB/.* from the blacklist did not happen: BNB/.* is still on the blacklist")
	entries, err := action.ReadFile(opts.AuditPath)
	if err != nil {
		t.Fatal(err)
	}
	var outcomes []string
	for _, e := range entries {
		outcomes = append(outcomes, string(e.Phase)+" "+e.Action+" "+e.Outcome.String())
	}
	want := []string{
		"attempt add_blacklist ", "result add_blacklist unknown", "reconciled add_blacklist done",
		"attempt delete_blacklist ", "result delete_blacklist unknown", "reconciled delete_blacklist refused",
	}
	if !slices.Equal(outcomes, want) {
		t.Errorf("audit log:\n%s\nwant\n%s", strings.Join(outcomes, "\n"), strings.Join(want, "\n"))
	}
	_ = finalView(t, tm)
}

// TestCandleDuringFetchRefetches: a new candle of the shown pair that
// comes while the chart's candles are on their way makes that answer out
// of date: the chart asks again at once, rather than keep an answer asked
// before the candle.
func TestCandleDuringFetchRefetches(t *testing.T) {
	t.Parallel()
	sb := newScreenBot(t, 3)
	release := sb.faults.Hold("GET /pair_candles")
	defer release()
	tm, _ := sb.start(t)
	ctx := context.Background()
	sb.wait("the stream", func() bool { return sb.faults.Subscribed(apiclient.MsgNewCandle) })
	keys(tm, "v")
	waitText(t, tm, "Chart · ETH/BTC 5m")
	sb.wait("the chart's request", func() bool { return sb.hits("GET /pair_candles") == 1 })
	msg := apiclient.NewCandleMsg{Type: apiclient.MsgNewCandle, Data: apiclient.PairKey{"ETH/BTC", "5m", "spot"}}
	if err := sb.bot.Publish(ctx, msg); err != nil {
		t.Fatal(err)
	}
	sb.wait("the refetch while the first is held", func() bool { return sb.hits("GET /pair_candles") == 2 })
	release()
	sb.wait("both answered", func() bool { return sb.answered("GET /pair_candles") })
	_ = finalView(t, tm)
	if n := sb.hits("GET /pair_candles"); n != 2 {
		t.Fatalf("%d candle requests, want 2", n)
	}
}
