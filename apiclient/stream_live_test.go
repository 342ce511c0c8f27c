package apiclient

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/gorilla/websocket"
)

// streamClock is a settable clock shared by a test's client and bot.
type streamClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *streamClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *streamClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// jwtIssuer serves /token/login and /token/refresh with freqtrade-shaped
// HS256 tokens ({identity: {u}, exp, iat, type}); n makes every token unique.
type jwtIssuer struct {
	clock  *streamClock
	issued atomic.Int64
}

func (j *jwtIssuer) sign(t *testing.T, typ string, life time.Duration) string {
	now := j.clock.Now()
	claims := jwt.MapClaims{
		"identity": map[string]string{"u": "u"}, "type": typ,
		"iat": now.Unix(), "exp": now.Add(life).Unix(), "n": j.issued.Add(1),
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte("k"))
	if err != nil {
		t.Error(err)
	}
	return s
}

func (j *jwtIssuer) routes(t *testing.T) botOption {
	return func(_ *fakeBot, mux *http.ServeMux) {
		mux.HandleFunc("POST /api/v1/token/login", func(w http.ResponseWriter, _ *http.Request) {
			_ = json.NewEncoder(w).Encode(Tokens{AccessToken: j.sign(t, "access", 15*time.Minute), RefreshToken: j.sign(t, "refresh", 720*time.Hour)})
		})
		mux.HandleFunc("POST /api/v1/token/refresh", func(w http.ResponseWriter, _ *http.Request) {
			_ = json.NewEncoder(w).Encode(Tokens{AccessToken: j.sign(t, "access", 15*time.Minute)})
		})
	}
}

func jwtIssuedAt(t *testing.T, token string) time.Time {
	t.Helper()
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(token, claims); err != nil {
		t.Fatalf("token %q is not a JWT: %v", token, err)
	}
	iat, err := claims.GetIssuedAt()
	if err != nil || iat == nil {
		t.Fatalf("token has no iat: %v", err)
	}
	return iat.UTC()
}

func newJWTStreamClient(t *testing.T, bot *fakeBot, clock *streamClock) *Client {
	t.Helper()
	c, err := New(bot.srv.URL, WithHTTPClient(bot.srv.Client()), WithBasicAuth("u", "p"), WithJWT(), WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestStreamRefreshesExpiredTokenBeforeReconnect(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	clock := &streamClock{now: t0}
	issuer := &jwtIssuer{clock: clock}
	bot := newFakeBot(t, "", false, issuer.routes(t))
	s := startStream(t, newJWTStreamClient(t, bot, clock), fastOpts())
	first := bot.accept(t)
	nextKind(t, s, EventConnected)

	clock.advance(20 * time.Minute) // the first access token has expired
	_ = first.ws.Close()
	bot.accept(t)
	tokens := bot.seenTokens()
	if len(tokens) != 2 || tokens[0] == tokens[1] {
		t.Fatalf("tokens = %q, want two different ones", tokens)
	}
	wantField(t, "first iat", jwtIssuedAt(t, tokens[0]), t0)
	wantField(t, "second iat", jwtIssuedAt(t, tokens[1]), t0.Add(20*time.Minute))
}

func TestStreamRenewsRefusedJWT(t *testing.T) {
	t.Parallel()
	clock := &streamClock{now: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)}
	issuer := &jwtIssuer{clock: clock}
	bot := newFakeBot(t, "", false, issuer.routes(t))
	var first atomic.Value
	bot.setRefuse(func(token string) int {
		if first.CompareAndSwap(nil, token) {
			return http.StatusForbidden // e.g. the bot restarted with a new secret
		}
		return 0
	})
	s := startStream(t, newJWTStreamClient(t, bot, clock), fastOpts())
	nextKind(t, s, EventAuthFailed)
	nextKind(t, s, EventConnected)
	tokens := bot.seenTokens()
	if len(tokens) != 2 || tokens[0] == tokens[1] {
		t.Errorf("tokens = %q, want the refused one replaced", tokens)
	}
}

func TestStreamKeepaliveDropsSilentConnection(t *testing.T) {
	t.Parallel()
	bot := newFakeBot(t, "", false, func(b *fakeBot, _ *http.ServeMux) { b.noPong = true })
	opts := fastOpts()
	opts.PingInterval, opts.PongTimeout = 10*time.Millisecond, 40*time.Millisecond
	s := startStream(t, bot.client(t, ""), opts)
	sc := bot.accept(t)
	e := nextKind(t, s, EventDisconnected)
	if !errors.Is(e.Err, ErrKeepalive) {
		t.Fatalf("disconnect reason = %v, want ErrKeepalive", e.Err)
	}
	if sc.pings.Load() == 0 {
		t.Error("the server saw no ping")
	}
	bot.accept(t)
	nextKind(t, s, EventConnected)
}

func TestStreamKeepaliveKeepsAnsweringConnection(t *testing.T) {
	t.Parallel()
	bot := newFakeBot(t, "", false)
	opts := fastOpts()
	opts.PingInterval, opts.PongTimeout = 3*time.Millisecond, 250*time.Millisecond
	s := startStream(t, bot.client(t, ""), opts)
	sc := bot.accept(t)
	// 120 pings take at least 360 ms, past the 253 ms silence limit: only the
	// pongs keep this data-less connection up.
	pollUntil(t, "120 pings", func() bool { return sc.pings.Load() >= 120 })
	select {
	case <-sc.done:
		t.Fatal("the connection was dropped")
	default:
	}
	if n := s.Stats().Connects; n != 1 {
		t.Errorf("connects = %d, want 1", n)
	}
}

func TestStreamSlowConsumer(t *testing.T) {
	t.Parallel()
	const flood, buffer = 2000, 16
	bot := newFakeBot(t, "", false)
	opts := fastOpts()
	opts.Buffer = buffer
	s := startStream(t, bot.client(t, ""), opts)
	sc := bot.accept(t)
	// Read the subscribe frame first: closing a socket with unread input
	// sends a reset, which can discard the flood in the client's buffer.
	sc.frame(t)
	for i := range flood {
		sc.send(t, []byte(`{"type":"status","status":"`+strconv.Itoa(i)+`"}`))
	}
	_ = sc.ws.Close()
	bot.accept(t).send(t, []byte(`{"type":"status","status":"final"}`))
	pollUntil(t, "every frame read", func() bool { return s.Stats().Frames == flood+1 })
	if n := s.queue.len(); n > buffer {
		t.Fatalf("queue holds %d events, more than its %d", n, buffer)
	}

	var kinds []EventKind
	var statuses []string
	dropped := 0
	for len(statuses) == 0 || statuses[len(statuses)-1] != "final" {
		e := nextEvent(t, s)
		dropped += e.Dropped
		kinds = append(kinds, e.Kind)
		if e.Kind == EventMessage {
			statuses = append(statuses, asMsg[StatusMsg](t, e.Msg).Status)
		}
	}
	if len(kinds) > buffer+1 {
		t.Errorf("delivered %d events, want at most the buffer plus one in hand (%d)", len(kinds), buffer+1)
	}
	wantField(t, "dropped + delivered messages", dropped+len(statuses), flood+1)
	wantField(t, "Stats().Dropped", s.Stats().Dropped, uint64(dropped))
	var states []EventKind
	for _, k := range kinds {
		if k.IsState() {
			states = append(states, k)
		}
	}
	wantField(t, "state events", states, []EventKind{EventConnecting, EventConnected, EventDisconnected, EventConnecting, EventConnected})
	// The newest flood messages survive, in order, right before "final".
	tail := statuses[len(statuses)-4 : len(statuses)-1]
	wantField(t, "newest kept", tail, []string{strconv.Itoa(flood - 3), strconv.Itoa(flood - 2), strconv.Itoa(flood - 1)})
}

// streamGoroutines lists the goroutines running this package's stream code.
func streamGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var found []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "apiclient.(*Stream)") || strings.Contains(g, "apiclient.(*session)") {
			found = append(found, g)
		}
	}
	return found
}

// TestStreamShutdownLeavesNoGoroutines is not parallel: it counts the
// process's goroutines.
func TestStreamShutdownLeavesNoGoroutines(t *testing.T) {
	cases := map[string]func(t *testing.T, bot *fakeBot, s *Stream){
		"connected": func(t *testing.T, bot *fakeBot, s *Stream) {
			sc := bot.accept(t)
			nextKind(t, s, EventConnected)
			if err := s.RequestWhitelist(context.Background()); err != nil {
				t.Fatal(err)
			}
			sc.send(t, loadWSFixture(t, "status"))
			t.Cleanup(func() {
				<-sc.done
				wantField(t, "close code", sc.closed.Load(), int64(websocket.CloseNormalClosure))
			})
		},
		"waiting to retry, consumer not reading": func(t *testing.T, bot *fakeBot, s *Stream) {
			bot.setRefuse(func(string) int { return http.StatusBadGateway })
			pollUntil(t, "a refused attempt", func() bool { return len(bot.seenTokens()) > 0 })
		},
	}
	for name, setup := range cases {
		t.Run(name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			func() {
				bot := newFakeBot(t, "", false)
				defer bot.srv.Close()
				opts := fastOpts()
				opts.MinBackoff, opts.MaxBackoff = time.Hour, time.Hour
				ctx, cancel := context.WithCancel(context.Background())
				s := bot.client(t, "").Stream(ctx, opts)
				setup(t, bot, s)
				if len(streamGoroutines()) == 0 {
					t.Fatal("the goroutine check does not see a running stream")
				}
				cancel()
				drainClosed(t, s)
			}()
			pollUntil(t, "stream goroutines to end", func() bool { return len(streamGoroutines()) == 0 })
			pollUntil(t, "the goroutine count to return", func() bool { return runtime.NumGoroutine() <= before })
		})
	}
}
