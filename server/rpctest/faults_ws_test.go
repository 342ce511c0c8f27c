package rpctest_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// startStream opens a client stream that ends with the test.
func startStream(t *testing.T, c *apiclient.Client, opts apiclient.StreamOptions) *apiclient.Stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := c.Stream(ctx, opts)
	t.Cleanup(func() {
		cancel()
		for range s.Events() {
		}
	})
	return s
}

// fastStream are stream options with test-sized delays.
func fastStream() apiclient.StreamOptions {
	return apiclient.StreamOptions{
		Logs: true, MinBackoff: time.Millisecond, MaxBackoff: 20 * time.Millisecond,
		AuthRetry: 5 * time.Millisecond, StableAfter: time.Hour,
	}
}

func TestPublishHooksReachSubscribers(t *testing.T) {
	t.Parallel()
	f := serve(t)
	c := f.client(t)
	s := startStream(t, c, fastStream())
	waitFaults(t, f.faults, "the subscription", func() bool {
		return f.faults.Subscribed(apiclient.MsgEntryFill, apiclient.MsgLog)
	})
	st := f.faults.Streams()
	if len(st) != 1 || st[0].Token != wsToken || st[0].Path != "/api/v1/message/ws" || st[0].Handled != 2 ||
		!strings.Contains(st[0].Frames[1], `"freqdeck_log"`) {
		t.Fatalf("streams = %+v", st)
	}

	trade := rpctest.OpenTrades(7)[6]
	if err := f.bot.OpenTrade(within(t), trade); err != nil {
		t.Fatal(err)
	}
	msg := nextEvent(t, s, apiclient.EventMessage).Msg
	if m, ok := msg.(apiclient.EntryMsg); !ok || m.TradeID != 7 || m.Type != apiclient.MsgEntryFill {
		t.Fatalf("message %+v, want the entry_fill of trade 7", msg)
	}
	// The refetch the message triggers sees the new trade.
	open, err := c.Status(context.Background())
	if err != nil || len(open) != 2 || open[1].TradeID != 7 {
		t.Fatalf("Status after the entry: %d trades, %v", len(open), err)
	}
	if _, err := f.bot.AddLock(within(t), rpc.LockSpec{Pair: "C7/BTC", Side: "long", Until: f.clock.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if m, ok := nextEvent(t, s, apiclient.EventMessage).Msg.(apiclient.ProtectionMsg); !ok || m.Pair != "C7/BTC" {
		t.Fatalf("message %+v, want the protection trigger", m)
	}
}

func TestDropStreamsAndTheClientsCloseFrame(t *testing.T) {
	t.Parallel()
	f := serve(t)
	ctx, cancel := context.WithCancel(context.Background())
	s := f.client(t).Stream(ctx, fastStream())
	nextEvent(t, s, apiclient.EventConnected)
	f.faults.DropStreams()
	nextEvent(t, s, apiclient.EventDisconnected)
	nextEvent(t, s, apiclient.EventConnected)
	waitFaults(t, f.faults, "the second subscription", func() bool { return f.faults.Subscribed(apiclient.MsgStatus) })
	cancel()
	for range s.Events() {
	}
	waitFaults(t, f.faults, "the second stream to close", func() bool { return f.faults.OpenStreams() == 0 })
	st := f.faults.Streams()
	if len(st) != 2 || st[0].Open || st[0].CloseCode != 0 || st[1].CloseCode != 1000 || st[1].ID != 2 {
		t.Fatalf("streams = %+v; want the dropped one without a close frame, the second closed normally", st)
	}
}

func TestPauseStallsStreams(t *testing.T) {
	t.Parallel()
	f := serve(t)
	opts := fastStream()
	opts.PingInterval, opts.PongTimeout = 10*time.Millisecond, 40*time.Millisecond
	s := startStream(t, f.client(t), opts)
	nextEvent(t, s, apiclient.EventConnected)
	waitFaults(t, f.faults, "a ping read", func() bool {
		for _, st := range f.faults.Streams() { // under load the client may have reconnected
			if st.Pings > 0 {
				return true
			}
		}
		return false
	})
	f.faults.Pause()
	// The paused server answers no ping: the client gives the connection up.
	if e := nextEvent(t, s, apiclient.EventDisconnected); !errors.Is(e.Err, apiclient.ErrKeepalive) {
		t.Fatalf("disconnected: %v, want the keepalive timeout", e.Err)
	}
	f.faults.Resume()
	nextEvent(t, s, apiclient.EventConnected)
}
