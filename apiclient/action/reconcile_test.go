package action_test

import (
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/action"
)

// trade is an open trade; entries is its number of filled entries.
func trade(id int, pair string, amount float64, entries int, orders ...apiclient.Order) apiclient.OpenTrade {
	var t apiclient.OpenTrade
	t.TradeID, t.Pair, t.Amount, t.NrOfSuccessfulEntries, t.Orders = id, pair, amount, entries, orders
	for _, o := range orders {
		t.HasOpenOrders = t.HasOpenOrders || o.IsOpen
	}
	return t
}

func openOrder(side string) apiclient.Order { return apiclient.Order{FtOrderSide: side, IsOpen: true} }

func trades(ts ...apiclient.OpenTrade) action.State {
	return action.State{Trades: ts, TradesKnown: true}
}

func locks(ls ...apiclient.Lock) action.State { return action.State{Locks: ls, LocksKnown: true} }

func blacklist(ps ...string) action.State { return action.State{Blacklist: ps, BlacklistKnown: true} }

func TestReconcile(t *testing.T) {
	t.Parallel()
	btc := trade(12, "BTC/USDT", 0.5, 1)
	unfilled := trade(12, "BTC/USDT", 0.5, 0, openOrder("buy"))
	eth := trade(13, "ETH/USDT", 2, 1)
	lock := apiclient.Lock{ID: 7, Pair: "XRP/USDT"}
	newLock := apiclient.Lock{ID: 8, Pair: "BTC/USDT"}
	exitAll := action.Attempt{Kind: action.ForceExitAll, Target: "all"}
	exit := action.Attempt{Kind: action.ForceExit, Target: "12"}
	addBL := action.Attempt{Kind: action.AddBlacklist, Target: "XRP/.*"}
	delBL := action.Attempt{Kind: action.DeleteBlacklist, Target: "XRP/.*"}
	cases := []struct {
		name        string
		a           action.Attempt
		before, now action.State
		settled     bool
		decided     bool
		want        action.Outcome
		text        string
	}{
		{"exit: not answered yet", exit, trades(btc), action.State{}, true, false, 0, ""},
		{"exit: trade closed", exit, trades(btc, eth), trades(eth), false, true, action.Done, "trade #12 is closed"},
		{"exit: unfilled entry cancelled", exit, trades(unfilled), trades(), false, true, action.Done, "entry order cancelled, trade removed"},
		{"exit: exit order open", exit, trades(btc), trades(trade(12, "BTC/USDT", 0.5, 1, openOrder("sell"))), false, true, action.Done, "exit order open for trade #12"},
		{"exit: partly", exit, trades(btc), trades(trade(12, "BTC/USDT", 0.2, 1)), false, true, action.Done, "trade #12 partly exited: amount 0.5 → 0.2"},
		{"exit: unchanged, too soon", exit, trades(btc), trades(btc), false, false, 0, ""},
		{"exit: unchanged, settled", exit, trades(btc), trades(btc), true, true, action.Refused, "trade #12 is still open with no exit order: not exited"},
		{"exit all: every one", exitAll, trades(btc, eth), trades(trade(13, "ETH/USDT", 2, 1, openOrder("sell"))), false, true, action.Done, "all 2 trades closed or exiting"},
		{"exit all: some, settled", exitAll, trades(btc, eth), trades(eth), true, true, action.Done, "1 of 2 trades closed or exiting"},
		{"exit all: some, too soon", exitAll, trades(btc, eth), trades(eth), false, false, 0, ""},
		{"exit all: none", exitAll, trades(btc, eth), trades(btc, eth), true, true, action.Refused, "no trade closed or exiting"},
		{"enter: new trade", action.Attempt{Kind: action.ForceEnter, Target: "ETH/USDT"}, trades(btc), trades(btc, eth), false, true, action.Done, "entered #13 ETH/USDT"},
		{"enter: none", action.Attempt{Kind: action.ForceEnter, Target: "ETH/USDT"}, trades(btc), trades(btc), true, true, action.Refused, "no new trade on ETH/USDT: not entered"},
		{"cancel: trade gone", action.Attempt{Kind: action.CancelOrder, Target: "12"}, trades(unfilled), trades(), false, true, action.Done, "entry order cancelled, trade removed"},
		{"cancel: no open order", action.Attempt{Kind: action.CancelOrder, Target: "12"}, trades(unfilled), trades(btc), false, true, action.Done, "order cancelled"},
		{"cancel: still open", action.Attempt{Kind: action.CancelOrder, Target: "12"}, trades(unfilled), trades(unfilled), true, true, action.Refused, "trade #12 still has an open order"},
		{"delete trade", action.Attempt{Kind: action.DeleteTrade, Target: "12"}, trades(btc), trades(), false, true, action.Done, "trade #12 deleted"},
		{"delete trade: still there", action.Attempt{Kind: action.DeleteTrade, Target: "12"}, trades(btc), trades(btc), true, true, action.Refused, "trade #12 is still there"},
		{"lock added", action.Attempt{Kind: action.AddLock, Target: "BTC/USDT"}, locks(lock), locks(lock, newLock), false, true, action.Done, "lock #8 on BTC/USDT active"},
		{"lock not added", action.Attempt{Kind: action.AddLock, Target: "BTC/USDT"}, locks(lock), locks(lock), true, true, action.Refused, "no new lock on BTC/USDT"},
		{"lock deleted", action.Attempt{Kind: action.DeleteLock, Target: "7"}, locks(lock), locks(), false, true, action.Done, "lock #7 deleted"},
		{"lock not answered", action.Attempt{Kind: action.DeleteLock, Target: "7"}, locks(lock), trades(), true, false, 0, ""},
		{"paused", action.Attempt{Kind: action.Pause}, action.State{BotState: "running"}, action.State{BotState: "paused"}, false, true, action.Done, "the bot is paused"},
		{"not stopped", action.Attempt{Kind: action.Stop}, action.State{BotState: "running"}, action.State{BotState: "running"}, true, true, action.Refused, "the bot is still running"},
		{"stop: too soon", action.Attempt{Kind: action.Stop}, action.State{BotState: "running"}, action.State{BotState: "running"}, false, false, 0, ""},
		{"reload: no trace", action.Attempt{Kind: action.Reload}, action.State{BotState: "running"}, action.State{BotState: "running"}, true, true, action.Unknown, "a reload leaves no trace in the bot's state: see its logs"},
		{"blacklisted", addBL, blacklist("A/B"), blacklist("A/B", "XRP/.*"), false, true, action.Done, "XRP/.* is on the blacklist"},
		{"blacklist: not answered", addBL, blacklist("A/B"), locks(), true, false, 0, ""},
		{"blacklist: too soon", addBL, blacklist("A/B"), blacklist("A/B"), false, false, 0, ""},
		{"not blacklisted", addBL, blacklist("A/B"), blacklist("A/B"), true, true, action.Refused, "XRP/.* is not on the blacklist"},
		{"blacklisted, several", action.Attempt{Kind: action.AddBlacklist, Target: "C/D E/F"}, blacklist(), blacklist("C/D", "E/F"), false, true, action.Done, "C/D E/F is on the blacklist"},
		{"blacklisted, one of several", action.Attempt{Kind: action.AddBlacklist, Target: "C/D E/F"}, blacklist(), blacklist("C/D"), true, true, action.Refused, "C/D E/F is not on the blacklist"},
		{"unblacklisted", delBL, blacklist("XRP/.*"), blacklist(), false, true, action.Done, "XRP/.* is off the blacklist"},
		{"still blacklisted", delBL, blacklist("XRP/.*"), blacklist("XRP/.*"), true, true, action.Refused, "XRP/.* is still on the blacklist"},
	}
	for _, c := range cases {
		r, decided := action.Reconcile(c.a, c.before, c.now, c.settled)
		if decided != c.decided || r.Outcome != c.want || r.Text != c.text {
			t.Errorf("%s: %+v decided %v, want %v %q decided %v", c.name, r, decided, c.want, c.text, c.decided)
		}
	}
}

// TestCheckSettles: "nothing changed" is believed only once the bot has
// answered for Settle; a change decides at once; the check gives up after
// its bound.
func TestCheckSettles(t *testing.T) {
	t.Parallel()
	btc := trade(12, "BTC/USDT", 0.5, 1)
	c := &action.Check{Attempt: action.Attempt{Kind: action.ForceExit, Target: "12"}, Before: trades(btc),
		Since: t0, Settle: 2 * time.Second}
	if _, ok := c.Observe(t0.Add(time.Second), locks()); ok {
		t.Fatal("decided on locks for a force exit")
	}
	if _, ok := c.Observe(t0.Add(2*time.Second), trades(btc)); ok {
		t.Fatal("decided on the first answer")
	}
	if _, ok := c.Observe(t0.Add(3*time.Second), trades(btc)); ok {
		t.Fatal("decided before the settle time")
	}
	if r, ok := c.Observe(t0.Add(4*time.Second), action.State{}); !ok || r.Outcome != action.Refused {
		t.Fatalf("after settling: %+v %v", r, ok)
	}

	closed := &action.Check{Attempt: action.Attempt{Kind: action.ForceExit, Target: "12"}, Before: trades(btc),
		Since: t0, Settle: time.Hour}
	if r, ok := closed.Observe(t0, trades()); !ok || r.Outcome != action.Done {
		t.Fatalf("closed trade: %+v %v", r, ok)
	}

	silent := &action.Check{Attempt: action.Attempt{Kind: action.Stop}, Since: t0, Settle: time.Second}
	if _, ok := silent.GiveUp(t0.Add(time.Minute), 2*time.Minute); ok {
		t.Fatal("gave up early")
	}
	r, ok := silent.GiveUp(t0.Add(2*time.Minute), 2*time.Minute)
	if !ok || r.Outcome != action.Unknown || r.Text != "still unknown after 2m0s: the bot has not answered since; check it before sending again" {
		t.Fatalf("give up: %+v %v", r, ok)
	}
}
