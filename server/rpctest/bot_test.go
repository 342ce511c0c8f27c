package rpctest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

func TestFixturesLoad(t *testing.T) {
	t.Parallel()
	f, err := loadFixtures()
	if err != nil {
		t.Fatal(err)
	}
	if len(f.OpenTrades) != 1 || f.OpenTrades[0].TradeID != 1 || len(f.OpenTrades[0].Orders) != 1 ||
		f.OpenTrades[0].CurrentRate == nil || *f.OpenTrades[0].CurrentRate != 0.1099 {
		t.Fatalf("open trade fixture %+v", f.OpenTrades)
	}
	if f.Profit.ProfitFactor != nil || f.Profit.TradeCount != 6 || f.ShowConfig.APIVersion != 2.48 ||
		len(f.Logs.Logs) != 2 || f.Health.BotStartTS == nil || f.ForceEnter.Trade == nil ||
		f.Whitelist.Length != 4 || len(f.Blacklist.BlacklistExpanded) != 3 || len(f.AnalyzedDF) != 1 ||
		len(f.ClosedTrades) != 1 || f.ClosedTrades[0].TradeDuration == nil {
		t.Fatalf("fixtures incomplete: %+v", f)
	}
	// Each call returns a fresh copy: changing one does not change another.
	a, b := DefaultFixtures(), DefaultFixtures()
	a.OpenTrades[0].Pair = "X"
	if b.OpenTrades[0].Pair != "ETH/BTC" {
		t.Fatal("fixtures share memory")
	}
}

func TestOpenTrades(t *testing.T) {
	t.Parallel()
	ts := OpenTrades(50)
	if len(ts) != 50 || ts[49].TradeID != 50 || ts[49].Pair != "C50/BTC" || ts[49].Orders[0].Pair != "C50/BTC" {
		t.Fatalf("trades %+v", ts[49])
	}
	*ts[0].CurrentRate = 9
	if *ts[1].CurrentRate != 0.1099 {
		t.Fatal("trades share memory")
	}
}

func TestCallsAndErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := New()
	if _, err := b.Logs(ctx, 1); err != nil {
		t.Fatal(err)
	}
	b.SetError("Count", rpc.Errorf("boom"))
	var re *rpc.Error
	if _, err := b.Count(ctx); !errors.As(err, &re) || re.Msg != "boom" {
		t.Fatalf("Count error %v", err)
	}
	b.SetError("Count", nil)
	if _, err := b.Count(ctx); err != nil {
		t.Fatal(err)
	}
	if c := b.CallsTo("Logs"); len(c) != 1 || c[0].Args[0] != 1 {
		t.Fatalf("calls %v", b.Calls())
	}
	if _, err := b.Trade(ctx, 99); err == nil {
		t.Fatal("unknown trade found")
	}
	if _, err := b.ForceExit(ctx, apiclient.ForceExitRequest{TradeID: "x"}); err == nil {
		t.Fatal("force exit of a bad id succeeded")
	}
}

func TestStateAndLocks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	b := New(WithClock(func() time.Time { return now }))
	steps := []struct {
		do   func(context.Context) (apiclient.StatusResponse, error)
		want string
	}{
		{b.Start, "already running"},
		{b.Stop, "stopping trader ..."},
		{b.Stop, "already stopped"},
		{b.Pause, "starting bot with trader in paused state, no entries will occur. Run /start to enable entries."},
		{b.Start, "starting trader ..."},
	}
	for i, s := range steps {
		if got, err := s.do(ctx); err != nil || got.Status != s.want {
			t.Fatalf("step %d: %q %v", i, got.Status, err)
		}
	}
	l, _ := b.AddLocks(ctx, []rpc.LockSpec{{Pair: "A/B", Side: "*", Until: now.Add(time.Hour)}})
	if l.LockCount != 2 || l.Locks[1].ID != 2 || l.Locks[1].LockTime != "2024-05-01 12:00:00" || l.Locks[1].Reason != nil {
		t.Fatalf("locks %+v", l)
	}
	l, _ = b.DeleteLocks(ctx, apiclient.DeleteLocksRequest{Pair: apiclient.Ptr("A/B")})
	if l.LockCount != 1 || l.Locks[0].ID != 1 {
		t.Fatalf("locks %+v", l)
	}
}

func TestPublish(t *testing.T) {
	t.Parallel()
	b := New(WithEventBuffer(1))
	msg := apiclient.StatusMsg{Type: apiclient.MsgStatus, Status: "running"}
	if !b.TryPublish(msg) || b.TryPublish(msg) {
		t.Fatal("TryPublish with a buffer of 1")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := b.Publish(ctx, msg); !errors.Is(err, context.Canceled) {
		t.Fatalf("Publish on a full buffer: %v", err)
	}
	if got := <-b.Events(); got != msg {
		t.Fatalf("event %+v", got)
	}
}

// TestTradesOrder: /trades pages the closed trades by id, or newest close
// first with order_by_id=false.
func TestTradesOrder(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	closed := func(id int, at time.Time) apiclient.RawTrade {
		var tr apiclient.RawTrade
		tr.TradeID, tr.CloseTimestamp = id, apiclient.Ptr(at.UnixMilli())
		return tr
	}
	b := New(WithFixtures(Fixtures{ClosedTrades: []apiclient.RawTrade{
		closed(1, t0.Add(time.Hour)), closed(2, t0), closed(3, t0.Add(2*time.Hour)),
	}}))
	ids := func(r apiclient.TradesResponse) []int {
		var out []int
		for _, tr := range r.Trades {
			out = append(out, tr.TradeID)
		}
		return out
	}
	byID, err := b.Trades(t.Context(), apiclient.TradesQuery{Limit: 2})
	if err != nil || !slices.Equal(ids(byID), []int{1, 2}) || byID.TotalTrades != 3 {
		t.Fatalf("by id: %v %v", ids(byID), err)
	}
	byClose, err := b.Trades(t.Context(), apiclient.TradesQuery{Limit: 2, Offset: 1, OrderByID: apiclient.Ptr(false)})
	if err != nil || !slices.Equal(ids(byClose), []int{1, 2}) {
		t.Fatalf("by close, from 1: %v %v", ids(byClose), err)
	}
	first, _ := b.Trades(t.Context(), apiclient.TradesQuery{Limit: 1, OrderByID: apiclient.Ptr(false)})
	if !slices.Equal(ids(first), []int{3}) {
		t.Fatalf("newest close first: %v", ids(first))
	}
}
