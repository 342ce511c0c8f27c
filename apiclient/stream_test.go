package apiclient_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// The stream tests run against the real API server (testbot_test.go); the
// few that need a misbehaving server are in stream_raw_test.go.

// wsRoute is the WebSocket handshake's route in the request log.
const wsRoute = "GET /message/ws"

// frames waits until the id-th WebSocket connection (from 1) has sent n
// frames, and returns them.
func (b *testBot) frames(t *testing.T, id, n int) []string {
	t.Helper()
	var frames []string
	b.wait(t, "client frames", func() bool {
		st := b.faults.Streams()
		if len(st) < id {
			return false
		}
		frames = st[id-1].Frames
		return len(frames) >= n
	})
	return frames
}

// wsTokens returns the token of every WebSocket handshake, refused ones
// included.
func (b *testBot) wsTokens() []string {
	var out []string
	for _, r := range b.faults.Requests() {
		if r.Route == wsRoute {
			out = append(out, r.Query.Get("token"))
		}
	}
	return out
}

// publish waits until a client listens to msg's type, then publishes msg.
func (b *testBot) publish(t *testing.T, msg apiclient.Message) {
	t.Helper()
	b.wait(t, "a subscriber of "+string(msg.MessageType()), func() bool { return b.faults.Subscribed(msg.MessageType()) })
	if err := b.bot.Publish(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
}

// refuseWS makes every WebSocket handshake answer status.
func (b *testBot) refuseWS(status int) {
	b.faults.Fail(wsRoute, rpctest.Detail(status, "refused"))
}

func TestStreamSubscribes(t *testing.T) {
	t.Parallel()
	std := apiclient.StandardMessageTypes()
	cases := map[string]struct {
		opts apiclient.StreamOptions
		want []string
	}{
		"every standard type": {apiclient.StreamOptions{}, []string{apiclient.SubscribeFrame(t, std...)}},
		"chosen types": {
			apiclient.StreamOptions{Types: []apiclient.MessageType{apiclient.MsgEntry, apiclient.MsgExitFill}},
			[]string{apiclient.SubscribeFrame(t, apiclient.MsgEntry, apiclient.MsgExitFill)},
		},
		"log extension second": {apiclient.StreamOptions{Logs: true}, []string{
			apiclient.SubscribeFrame(t, std...),
			apiclient.SubscribeFrame(t, append(apiclient.StandardMessageTypes(), apiclient.MsgLog)...),
		}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			bot := newTestBot(t, newRestClock())
			s := apiclient.StartStream(t, bot.client(t), tc.opts)
			frames := bot.frames(t, 1, len(tc.want))
			for i, want := range tc.want {
				if got := frames[i]; got != want {
					t.Errorf("frame %d = %s, want %s", i, got, want)
				}
			}
			e := apiclient.NextEvent(t, s)
			if e.Kind != apiclient.EventConnecting || e.Attempt != 1 {
				t.Errorf("first event = %v attempt %d, want connecting attempt 1", e.Kind, e.Attempt)
			}
			if e := apiclient.NextEvent(t, s); e.Kind != apiclient.EventConnected {
				t.Errorf("second event = %v, want connected", e.Kind)
			}
			// A request is written after the subscribe frames, so no third
			// subscribe frame can be pending once it arrives.
			if err := s.RequestWhitelist(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got := bot.frames(t, 1, len(tc.want)+1)[len(tc.want)]; got != `{"type":"whitelist"}` {
				t.Errorf("frame after subscribing = %s, want the whitelist request", got)
			}
			if got := bot.wsTokens(); len(got) != 1 || got[0] != "secret" {
				t.Errorf("tokens = %q, want [secret]", got)
			}
		})
	}
}

func TestStreamRequests(t *testing.T) {
	t.Parallel()
	bot := newTestBot(t, newRestClock())
	bot.bot.Update(func(f *rpctest.Fixtures) { f.AnalyzedDF[0].Key = apiclient.PairKey{"BTC/USDT", "5m", "spot"} })
	s := apiclient.StartStream(t, bot.client(t), apiclient.StreamOptions{Types: []apiclient.MessageType{apiclient.MsgStatus}})
	bot.frames(t, 1, 1) // subscribe
	ctx := context.Background()
	if err := s.RequestAnalyzedDF(ctx, "BTC/USDT", 100); err != nil {
		t.Fatal(err)
	}
	if err := s.RequestAnalyzedDF(ctx, "", 0); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`{"type":"analyzed_df","data":{"limit":100,"pair":"BTC/USDT"}}`,
		`{"type":"analyzed_df","data":{"limit":1500}}`,
	}
	for i, w := range want {
		if got := bot.frames(t, 1, 3)[i+1]; got != w {
			t.Errorf("request frame = %s, want %s", got, w)
		}
	}
	// The server answers the first request.
	df := apiclient.AsMsg[apiclient.AnalyzedDFMsg](t, apiclient.NextMessage(t, s))
	apiclient.WantField(t, "reply pair", df.Data.Key.Pair(), "BTC/USDT")
}

func TestStreamRequestWaitsForAConnection(t *testing.T) {
	t.Parallel()
	bot := newTestBot(t, newRestClock())
	bot.refuseWS(http.StatusServiceUnavailable)
	s := apiclient.StartStream(t, bot.client(t), apiclient.FastOpts())
	apiclient.NextKind(t, s, apiclient.EventDisconnected)
	done := make(chan error, 1)
	go func() { done <- s.RequestWhitelist(context.Background()) }()
	bot.faults.ClearFaults()
	frames := bot.frames(t, 1, 2)
	if !strings.HasPrefix(frames[0], `{"type":"subscribe"`) {
		t.Errorf("first frame = %s, want subscribe", frames[0])
	}
	if frames[1] != `{"type":"whitelist"}` {
		t.Errorf("second frame = %s, want the queued whitelist request", frames[1])
	}
	if err := <-done; err != nil {
		t.Errorf("RequestWhitelist: %v", err)
	}
}

func TestStreamRequestRespectsContext(t *testing.T) {
	t.Parallel()
	bot := newTestBot(t, newRestClock())
	bot.refuseWS(http.StatusServiceUnavailable)
	s := apiclient.StartStream(t, bot.client(t), apiclient.FastOpts())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.RequestWhitelist(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestStreamRequestAfterShutdown(t *testing.T) {
	t.Parallel()
	bot := newTestBot(t, newRestClock())
	ctx, cancel := context.WithCancel(context.Background())
	s := bot.client(t).Stream(ctx, apiclient.FastOpts())
	bot.wait(t, "a connection", func() bool { return bot.faults.OpenStreams() == 1 })
	cancel()
	apiclient.DrainClosed(t, s)
	if err := s.RequestWhitelist(context.Background()); !errors.Is(err, apiclient.ErrStreamClosed) {
		t.Errorf("err = %v, want ErrStreamClosed", err)
	}
}

func TestStreamReconnects(t *testing.T) {
	t.Parallel()
	bot := newTestBot(t, newRestClock())
	s := apiclient.StartStream(t, bot.client(t), apiclient.FastOpts())
	bot.publish(t, apiclient.StatusMsg{Type: apiclient.MsgStatus, Status: "one"})
	apiclient.WantField(t, "first", apiclient.AsMsg[apiclient.StatusMsg](t, apiclient.NextMessage(t, s)).Status, "one")
	bot.faults.DropStreams() // without a close frame

	e := apiclient.NextKind(t, s, apiclient.EventDisconnected)
	if e.Err == nil || e.Retry <= 0 || e.Retry > 20e6 {
		t.Errorf("disconnected: err %v, retry %v; want a reason and 0 < retry <= 20ms", e.Err, e.Retry)
	}
	if e := apiclient.NextEvent(t, s); e.Kind != apiclient.EventConnecting || e.Attempt != 2 {
		t.Errorf("after drop: %v attempt %d, want connecting attempt 2", e.Kind, e.Attempt)
	}
	if got := bot.frames(t, 2, 1)[0]; !strings.HasPrefix(got, `{"type":"subscribe"`) {
		t.Errorf("new connection's first frame = %s, want subscribe", got)
	}
	bot.publish(t, apiclient.StatusMsg{Type: apiclient.MsgStatus, Status: "two"})
	if e := apiclient.NextEvent(t, s); e.Kind != apiclient.EventConnected {
		t.Errorf("event = %v, want connected", e.Kind)
	}
	apiclient.WantField(t, "after reconnect", apiclient.AsMsg[apiclient.StatusMsg](t, apiclient.NextMessage(t, s)).Status, "two")
	apiclient.WantField(t, "connects", s.Stats().Connects, uint64(2))
}

func TestStreamBackoffResetsAfterStableConnection(t *testing.T) {
	t.Parallel()
	for _, stable := range []bool{false, true} {
		opts := apiclient.FastOpts()
		wantAttempts := []int{1, 2, 3}
		if stable {
			opts.StableAfter = 1 // nanosecond: every connection counts as stable
			wantAttempts = []int{1, 1, 1}
		}
		bot := newTestBot(t, newRestClock())
		s := apiclient.StartStream(t, bot.client(t), opts)
		for i, want := range wantAttempts {
			e := apiclient.NextKind(t, s, apiclient.EventConnecting)
			if e.Attempt != want {
				t.Errorf("stable=%v: connecting #%d attempt = %d, want %d", stable, i, e.Attempt, want)
			}
			bot.frames(t, i+1, 1) // connected: the subscribe frame is out
			bot.faults.DropStreams()
		}
	}
}

func TestStreamOverTLSUnderBasePath(t *testing.T) {
	t.Parallel()
	bot := newTestBot(t, newRestClock(), underBase("/ftbot"), overTLS())
	c := bot.client(t)
	if !strings.HasPrefix(c.WSURL(), "wss://") {
		t.Fatalf("WSURL = %s, want wss://", c.WSURL())
	}
	s := apiclient.StartStream(t, c, apiclient.FastOpts())
	bot.publish(t, apiclient.StatusMsg{Type: apiclient.MsgStatus, Status: "running"})
	apiclient.WantField(t, "path", bot.faults.Streams()[0].Path, "/ftbot/api/v1/message/ws")
	apiclient.WantField(t, "status", apiclient.AsMsg[apiclient.StatusMsg](t, apiclient.NextMessage(t, s)).Status, "running")
}

func TestStreamStatsCountFrames(t *testing.T) {
	t.Parallel()
	bot := newTestBot(t, newRestClock())
	s := apiclient.StartStream(t, bot.client(t), apiclient.FastOpts())
	candle := apiclient.NewCandleMsg{Type: apiclient.MsgNewCandle, Data: apiclient.PairKey{"BTC/USDT", "5m", "spot"}}
	for range 3 {
		bot.publish(t, candle)
	}
	for range 3 {
		apiclient.AsMsg[apiclient.NewCandleMsg](t, apiclient.NextMessage(t, s))
	}
	apiclient.WantField(t, "frames", s.Stats().Frames, uint64(3))
}
