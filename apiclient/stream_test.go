package apiclient

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
)

func subscribeFrame(t *testing.T, types ...MessageType) string {
	t.Helper()
	return string(jsonOf(t, WSRequest{Type: ReqSubscribe, Data: jsonOf(t, types)}))
}

func TestStreamSubscribes(t *testing.T) {
	t.Parallel()
	std := StandardMessageTypes()
	cases := map[string]struct {
		opts StreamOptions
		want []string
	}{
		"every standard type": {StreamOptions{}, []string{subscribeFrame(t, std...)}},
		"chosen types":        {StreamOptions{Types: []MessageType{MsgEntry, MsgExitFill}}, []string{subscribeFrame(t, MsgEntry, MsgExitFill)}},
		"log extension second": {StreamOptions{Logs: true}, []string{
			subscribeFrame(t, std...),
			subscribeFrame(t, append(StandardMessageTypes(), MsgLog)...),
		}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			bot := newFakeBot(t, "", false)
			s := startStream(t, bot.client(t, ""), tc.opts)
			sc := bot.accept(t)
			for i, want := range tc.want {
				if got := sc.frame(t); got != want {
					t.Errorf("frame %d = %s, want %s", i, got, want)
				}
			}
			e := nextEvent(t, s)
			if e.Kind != EventConnecting || e.Attempt != 1 {
				t.Errorf("first event = %v attempt %d, want connecting attempt 1", e.Kind, e.Attempt)
			}
			if e := nextEvent(t, s); e.Kind != EventConnected {
				t.Errorf("second event = %v, want connected", e.Kind)
			}
			// A request is written after the subscribe frames, so no third
			// subscribe frame can be pending once it arrives.
			if err := s.RequestWhitelist(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got := sc.frame(t); got != `{"type":"whitelist"}` {
				t.Errorf("frame after subscribing = %s, want the whitelist request", got)
			}
			if got := bot.seenTokens(); len(got) != 1 || got[0] != "secret" {
				t.Errorf("tokens = %q, want [secret]", got)
			}
		})
	}
}

func TestStreamDecodesEveryMessageType(t *testing.T) {
	t.Parallel()
	bot := newFakeBot(t, "", false)
	s := startStream(t, bot.client(t, ""), StreamOptions{Logs: true})
	sc := bot.accept(t)
	fixtures := wsFixtures()
	frames := make([][]byte, 0, len(fixtures)+1)
	for i, fx := range fixtures {
		if i == 3 {
			frames = append(frames, []byte(`{"type": "entry", "trade_id": "seven"}`))
		}
		frames = append(frames, loadWSFixture(t, fx.name))
	}
	go func() {
		for _, f := range frames {
			if err := sc.write(f); err != nil {
				t.Errorf("server write: %v", err)
				return
			}
		}
	}()
	for i, fx := range fixtures {
		if i == 3 {
			e := nextKind(t, s, EventBadFrame)
			if !errors.Is(e.Err, ErrBadMessage) {
				t.Errorf("bad frame error = %v, want ErrBadMessage", e.Err)
			}
		}
		e := nextEvent(t, s)
		for e.Kind.IsState() {
			e = nextEvent(t, s)
		}
		if e.Kind != EventMessage {
			t.Fatalf("%s: event %v (%v), want a message", fx.name, e.Kind, e.Err)
		}
		if e.Time.IsZero() {
			t.Errorf("%s: event has no receive time", fx.name)
		}
		t.Run(fx.name, func(t *testing.T) { fx.check(t, e.Msg) })
	}
	st := s.Stats()
	if st.BadFrames != 1 || st.Frames != uint64(len(fixtures)+1) || st.Connects != 1 {
		t.Errorf("stats = %+v, want 1 bad frame of %d and 1 connect", st, len(fixtures)+1)
	}
}

func TestStreamRequests(t *testing.T) {
	t.Parallel()
	bot := newFakeBot(t, "", false)
	s := startStream(t, bot.client(t, ""), StreamOptions{Types: []MessageType{MsgStatus}})
	sc := bot.accept(t)
	sc.frame(t) // subscribe
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
	for _, w := range want {
		if got := sc.frame(t); got != w {
			t.Errorf("request frame = %s, want %s", got, w)
		}
	}
	sc.send(t, loadWSFixture(t, "analyzed_df"))
	df := asMsg[AnalyzedDFMsg](t, nextMessage(t, s))
	wantField(t, "reply pair", df.Data.Key.Pair(), "BTC/USDT")
}

func TestStreamRequestWaitsForAConnection(t *testing.T) {
	t.Parallel()
	bot := newFakeBot(t, "", false)
	bot.setRefuse(func(string) int { return http.StatusServiceUnavailable })
	s := startStream(t, bot.client(t, ""), fastOpts())
	nextKind(t, s, EventDisconnected)
	done := make(chan error, 1)
	go func() { done <- s.RequestWhitelist(context.Background()) }()
	bot.setRefuse(nil)
	sc := bot.accept(t)
	if got := sc.frame(t); !strings.HasPrefix(got, `{"type":"subscribe"`) {
		t.Errorf("first frame = %s, want subscribe", got)
	}
	if got := sc.frame(t); got != `{"type":"whitelist"}` {
		t.Errorf("second frame = %s, want the queued whitelist request", got)
	}
	if err := <-done; err != nil {
		t.Errorf("RequestWhitelist: %v", err)
	}
}

func TestStreamRequestRespectsContext(t *testing.T) {
	t.Parallel()
	bot := newFakeBot(t, "", false)
	bot.setRefuse(func(string) int { return http.StatusServiceUnavailable })
	s := startStream(t, bot.client(t, ""), fastOpts())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.RequestWhitelist(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestStreamRequestAfterShutdown(t *testing.T) {
	t.Parallel()
	bot := newFakeBot(t, "", false)
	ctx, cancel := context.WithCancel(context.Background())
	s := bot.client(t, "").Stream(ctx, fastOpts())
	bot.accept(t)
	cancel()
	drainClosed(t, s)
	if err := s.RequestWhitelist(context.Background()); !errors.Is(err, ErrStreamClosed) {
		t.Errorf("err = %v, want ErrStreamClosed", err)
	}
}

func TestStreamReconnects(t *testing.T) {
	t.Parallel()
	bot := newFakeBot(t, "", false)
	s := startStream(t, bot.client(t, ""), fastOpts())
	sc := bot.accept(t)
	sc.send(t, []byte(`{"type": "status", "status": "one"}`))
	wantField(t, "first", asMsg[StatusMsg](t, nextMessage(t, s)).Status, "one")
	_ = sc.ws.Close() // drop without a close frame

	e := nextKind(t, s, EventDisconnected)
	if e.Err == nil || e.Retry <= 0 || e.Retry > 20e6 {
		t.Errorf("disconnected: err %v, retry %v; want a reason and 0 < retry <= 20ms", e.Err, e.Retry)
	}
	if e := nextEvent(t, s); e.Kind != EventConnecting || e.Attempt != 2 {
		t.Errorf("after drop: %v attempt %d, want connecting attempt 2", e.Kind, e.Attempt)
	}
	sc2 := bot.accept(t)
	if got := sc2.frame(t); !strings.HasPrefix(got, `{"type":"subscribe"`) {
		t.Errorf("new connection's first frame = %s, want subscribe", got)
	}
	sc2.send(t, []byte(`{"type": "status", "status": "two"}`))
	if e := nextEvent(t, s); e.Kind != EventConnected {
		t.Errorf("event = %v, want connected", e.Kind)
	}
	wantField(t, "after reconnect", asMsg[StatusMsg](t, nextMessage(t, s)).Status, "two")
	wantField(t, "connects", s.Stats().Connects, uint64(2))
}

func TestStreamBackoffResetsAfterStableConnection(t *testing.T) {
	t.Parallel()
	for _, stable := range []bool{false, true} {
		opts := fastOpts()
		wantAttempts := []int{1, 2, 3}
		if stable {
			opts.StableAfter = 1 // nanosecond: every connection counts as stable
			wantAttempts = []int{1, 1, 1}
		}
		bot := newFakeBot(t, "", false)
		s := startStream(t, bot.client(t, ""), opts)
		for i, want := range wantAttempts {
			e := nextKind(t, s, EventConnecting)
			if e.Attempt != want {
				t.Errorf("stable=%v: connecting #%d attempt = %d, want %d", stable, i, e.Attempt, want)
			}
			_ = bot.accept(t).ws.Close()
		}
	}
}

func TestStreamAuthFailed(t *testing.T) {
	t.Parallel()
	for _, code := range []int{http.StatusForbidden, http.StatusUnauthorized} {
		bot := newFakeBot(t, "", false)
		bot.setRefuse(func(string) int { return code })
		opts := fastOpts()
		opts.AuthRetry = 10e6 // 10ms
		s := startStream(t, bot.client(t, ""), opts)
		e := nextKind(t, s, EventAuthFailed)
		var authErr *AuthError
		var apiErr *APIError
		if !errors.As(e.Err, &authErr) || !errors.As(e.Err, &apiErr) || apiErr.Status != code {
			t.Fatalf("%d: err = %v, want *AuthError wrapping a %d *APIError", code, e.Err, code)
		}
		if e.Retry < 8e6 {
			t.Errorf("%d: retry = %v, want at least AuthRetry less jitter (8ms)", code, e.Retry)
		}
		// It keeps retrying, and recovers once the token is accepted.
		if e := nextEvent(t, s); e.Kind != EventConnecting || e.Attempt != 2 {
			t.Errorf("%d: after auth failure: %v attempt %d", code, e.Kind, e.Attempt)
		}
		bot.setRefuse(nil)
		nextKind(t, s, EventConnected)
	}
}

func TestStreamOtherHandshakeErrorIsDisconnect(t *testing.T) {
	t.Parallel()
	bot := newFakeBot(t, "", false)
	bot.setRefuse(func(string) int { return http.StatusServiceUnavailable })
	s := startStream(t, bot.client(t, ""), fastOpts())
	e := nextKind(t, s, EventDisconnected)
	var apiErr *APIError
	var authErr *AuthError
	if !errors.As(e.Err, &apiErr) || apiErr.Status != http.StatusServiceUnavailable || errors.As(e.Err, &authErr) {
		t.Errorf("err = %v, want a 503 *APIError and no *AuthError", e.Err)
	}
}

func TestStreamTokenSourceAuthError(t *testing.T) {
	t.Parallel()
	bot := newFakeBot(t, "", false, func(_ *fakeBot, mux *http.ServeMux) {
		mux.HandleFunc("POST /api/v1/token/login", func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, `{"detail": "Unauthorized"}`, http.StatusUnauthorized)
		})
	})
	c, err := New(bot.srv.URL, WithHTTPClient(bot.srv.Client()), WithBasicAuth("u", "wrong"), WithJWT())
	if err != nil {
		t.Fatal(err)
	}
	s := startStream(t, c, fastOpts())
	e := nextKind(t, s, EventAuthFailed)
	var authErr *AuthError
	if !errors.As(e.Err, &authErr) {
		t.Errorf("err = %v, want *AuthError", e.Err)
	}
	if got := bot.seenTokens(); len(got) != 0 {
		t.Errorf("the socket was dialled without a token: %q", got)
	}
}

func TestStreamOverTLSUnderBasePath(t *testing.T) {
	t.Parallel()
	bot := newFakeBot(t, "/ftbot", true)
	c := bot.client(t, "/ftbot")
	if !strings.HasPrefix(c.WSURL(), "wss://") {
		t.Fatalf("WSURL = %s, want wss://", c.WSURL())
	}
	s := startStream(t, c, fastOpts())
	sc := bot.accept(t)
	wantField(t, "path", sc.path, "/ftbot/api/v1/message/ws")
	sc.send(t, loadWSFixture(t, "status"))
	wantField(t, "status", asMsg[StatusMsg](t, nextMessage(t, s)).Status, "running")
}

func TestStreamStatsCountFrames(t *testing.T) {
	t.Parallel()
	bot := newFakeBot(t, "", false)
	s := startStream(t, bot.client(t, ""), fastOpts())
	sc := bot.accept(t)
	var frame json.RawMessage = loadWSFixture(t, "new_candle")
	for range 3 {
		sc.send(t, frame)
	}
	for range 3 {
		asMsg[NewCandleMsg](t, nextMessage(t, s))
	}
	wantField(t, "frames", s.Stats().Frames, uint64(3))
}
