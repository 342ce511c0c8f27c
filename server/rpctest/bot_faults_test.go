package rpctest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// within returns a context that ends the test's waits after a generous
// limit; it only fires on failure.
func within(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestFailNextThenAnswers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := New()
	b.FailNext("Count", 2, rpc.Errorf("busy"))
	for i := range 2 {
		if _, err := b.Count(ctx); err == nil || err.Error() != "busy" {
			t.Fatalf("call %d: err %v, want busy", i, err)
		}
	}
	if _, err := b.Count(ctx); err != nil {
		t.Fatalf("third call: %v", err)
	}
	b.FailNext("Count", 0, rpc.Errorf("never")) // nothing to fail
	if _, err := b.Count(ctx); err != nil {
		t.Fatalf("after FailNext(0): %v", err)
	}
}

func TestFailAllAndNewestFaultWins(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := New()
	down := rpc.NotFound("gone")
	b.FailAll(down)
	if _, err := b.Health(ctx); !errors.Is(err, down) {
		t.Fatalf("Health: %v, want the FailAll error", err)
	}
	b.FailNext("Health", 1, rpc.Errorf("first"))
	if _, err := b.Health(ctx); err == nil || err.Error() != "first" {
		t.Fatalf("Health: %v, want the newer FailNext error", err)
	}
	if _, err := b.Balance(ctx); !errors.Is(err, down) {
		t.Fatalf("Balance: %v, want the FailAll error", err)
	}
	b.FailAll(nil)
	if _, err := b.Balance(ctx); err != nil {
		t.Fatalf("Balance after FailAll(nil): %v", err)
	}
	b.SetError("Balance", rpc.Errorf("x"))
	b.ClearFaults()
	if _, err := b.Balance(ctx); err != nil {
		t.Fatalf("Balance after ClearFaults: %v", err)
	}
}

func TestHoldUntilReleaseOrContext(t *testing.T) {
	t.Parallel()
	b := New()
	release := b.Hold("Status")
	got := make(chan error, 1)
	go func() {
		_, err := b.Status(context.Background())
		got <- err
	}()
	// The held call is recorded before it waits.
	if err := b.Wait(within(t), func() bool { return len(b.CallsTo("Status")) == 1 }); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Health(context.Background()); err != nil {
		t.Fatalf("another method is not held: %v", err)
	}
	select {
	case err := <-got:
		t.Fatalf("the held call answered before release: %v", err)
	default:
	}
	release()
	if err := <-got; err != nil {
		t.Fatalf("after release: %v", err)
	}

	defer b.Hold("")()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := b.Health(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("a held call whose context ended: %v", err)
	}
}

func TestWaitSeesFixtureChanges(t *testing.T) {
	t.Parallel()
	b := New()
	go b.Update(func(f *Fixtures) { f.Count.Max = 42 })
	if err := b.Wait(within(t), func() bool { return b.Fixtures().Count.Max == 42 }); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := b.Wait(ctx, func() bool { return false }); !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait with a cancelled context: %v", err)
	}
}

// event returns the next published message.
func event(t *testing.T, b *Bot) apiclient.Message {
	t.Helper()
	select {
	case m := <-b.Events():
		return m
	default:
		t.Fatal("nothing was published")
		return nil
	}
}

func TestPublishHooksChangeStateThenAnnounce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	b := New(WithClock(func() time.Time { return now }))
	if !b.Now().Equal(now) {
		t.Errorf("Now = %v, want the injected clock", b.Now())
	}

	trade := OpenTrades(2)[1] // id 2, C2/BTC, open at 0.1 (the fixture's rate)
	if err := b.OpenTrade(ctx, trade); err != nil {
		t.Fatal(err)
	}
	entry, ok := event(t, b).(apiclient.EntryMsg)
	if st, _ := b.Status(ctx); !ok || entry.Type != apiclient.MsgEntryFill || entry.TradeID != 2 ||
		entry.Pair != "C2/BTC" || len(st) != 2 || b.Fixtures().Count.Current != 2 {
		t.Fatalf("after OpenTrade: message %+v, %d open trades", entry, len(st))
	}

	open := trade.OpenRate
	if err := b.CloseTrade(ctx, 2, open*1.1); err != nil {
		t.Fatal(err)
	}
	exit, ok := event(t, b).(apiclient.ExitMsg)
	closed, _ := b.Trades(ctx, apiclient.TradesQuery{})
	last := closed.Trades[len(closed.Trades)-1]
	if !ok || exit.Type != apiclient.MsgExitFill || exit.TradeID != 2 || exit.Gain != "profit" || !exit.IsFinalExit ||
		last.TradeID != 2 || last.IsOpen || last.CloseTimestamp == nil || *last.CloseTimestamp != apiclient.Millis(now) {
		t.Fatalf("after CloseTrade: message %+v, last closed trade %+v", exit, last.TradeCore)
	}
	if r := apiclient.Deref(last.CloseProfit); r < 0.0999 || r > 0.1001 {
		t.Errorf("close profit %v, want 0.1", r)
	}
	if err := b.CloseTrade(ctx, 2, 1); err == nil {
		t.Error("closing a trade that is not open succeeded")
	}

	lock, err := b.AddLock(ctx, rpc.LockSpec{Pair: "*", Side: "*", Until: now.Add(time.Hour), Reason: "cooldown"})
	if err != nil {
		t.Fatal(err)
	}
	prot, ok := event(t, b).(apiclient.ProtectionMsg)
	if locks, _ := b.Locks(ctx); !ok || prot.Type != apiclient.MsgProtectionTriggerGlobal || prot.ID != lock.ID ||
		locks.LockCount != 2 || apiclient.Deref(lock.Reason) != "cooldown" {
		t.Fatalf("after AddLock: message %+v, locks %+v", prot, locks)
	}

	if err := b.SetState(ctx, rpc.StateStopped); err != nil {
		t.Fatal(err)
	}
	if m, ok := event(t, b).(apiclient.StatusMsg); !ok || m.Status != "stopped" {
		t.Fatalf("after SetState: %+v", m)
	}
	if _, err := b.Count(ctx); err == nil {
		t.Error("Count answered while stopped")
	}

	row := apiclient.LogRow{Message: "hello"}
	if err := b.AddLogs(ctx, row); err != nil {
		t.Fatal(err)
	}
	logs, _ := b.Logs(ctx, 1)
	if m, ok := event(t, b).(apiclient.LogMsg); !ok || len(m.Data) != 1 || logs.Logs[0].Message != "hello" {
		t.Fatalf("after AddLogs: %+v, /logs %+v", m, logs)
	}
	if n := len(b.Calls()); n != 5 {
		t.Errorf("%d calls recorded, want only the test's own 5 reads", n)
	}
}
