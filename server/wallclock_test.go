package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun"
)

// movingClock is a wall clock the test moves.
type movingClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *movingClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *movingClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// TestDryRunBotKeepsTheWallClock runs the built-in bot behind the server
// for an hour of an injected wall clock, ticking every second as it does
// when it runs, and checks what clients see: the Date header, trade dates
// and the candle in progress all follow the wall clock, and a lock "until
// 2030-01-01 00:00Z" ends at 00:05, the next 5m candle, as in freqtrade.
func TestDryRunBotKeepsTheWallClock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &movingClock{t: time.Date(2024, 5, 1, 12, 0, 17, 0, time.UTC)}
	cfg := dryrun.DefaultConfig()
	cfg.Timeframe = "5m"
	bot, err := dryrun.New(ctx, cfg, dryrun.WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	defer bot.Close()
	go func() {
		for range bot.Events() {
		}
	}()
	s, err := New(bot, testConfig(), WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for range 3600 {
		clock.add(time.Second)
		if err := bot.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	clock.add(400 * time.Millisecond) // between two ticks
	now := clock.now()

	rec := authed(t, s, http.MethodGet, "/api/v1/status", "")
	var open []apiclient.OpenTrade
	wantJSON(t, rec, http.StatusOK, &open)
	date, err := http.ParseTime(rec.Header().Get("Date"))
	if err != nil || now.Sub(date) < 0 || now.Sub(date) >= time.Second {
		t.Fatalf("Date %q after an hour, wall clock %v", rec.Header().Get("Date"), now)
	}
	var trades apiclient.TradesResponse
	wantJSON(t, authed(t, s, http.MethodGet, "/api/v1/trades", ""), http.StatusOK, &trades)
	if len(open)+trades.TotalTrades == 0 {
		t.Fatal("no trade in an hour")
	}
	for _, tr := range open {
		if at := apiclient.FromMillis(tr.OpenTimestamp); at.After(now) || now.Sub(at) > time.Hour {
			t.Fatalf("open trade %d opened at %v, wall clock %v", tr.TradeID, at, now)
		}
	}
	for _, tr := range trades.Trades {
		if at := apiclient.FromMillis(*tr.CloseTimestamp); at.After(now) || now.Sub(at) > time.Hour {
			t.Fatalf("trade %d closed at %v, wall clock %v", tr.TradeID, at, now)
		}
	}
	var ph apiclient.PairHistory
	wantJSON(t, authed(t, s, http.MethodGet, "/api/v1/pair_candles?pair=BTC/USDT&timeframe=5m&limit=3", ""), http.StatusOK, &ph)
	if want := now.Truncate(5 * time.Minute); ph.Length != 3 || ph.DataStopTS != want.UnixMilli() {
		t.Fatalf("the newest candle opens at %d, want the one in progress (%v)", ph.DataStopTS, want)
	}

	var locks apiclient.Locks
	wantJSON(t, authed(t, s, http.MethodPost, "/api/v1/locks", `[{"pair": "ETH/USDT", "until": "2030-01-01 00:00:00Z", "reason": "r"}]`),
		http.StatusOK, &locks)
	for _, l := range locks.Locks {
		if l.Pair != "ETH/USDT" || apiclient.Deref(l.Reason) != "r" {
			continue // the bot's own cooldown locks
		}
		if l.LockEndTime != "2030-01-01 00:05:00" || l.LockTimestamp != now.UnixMilli() {
			t.Fatalf("lock %+v, want it to end 2030-01-01 00:05:00, locked now", l)
		}
		return
	}
	t.Fatalf("the lock is not listed: %+v", locks)
}

// clockBody is a request body that moves clock by step when it is read, as
// a slow upload takes the wall clock with it.
type clockBody struct {
	r     io.Reader
	clock *movingClock
	step  time.Duration
}

func (b *clockBody) Read(p []byte) (int, error) {
	b.clock.add(b.step)
	return b.r.Read(p)
}

// TestDateHeaderIsTheAnswersTime: the Date header is the time the answer
// goes out, not the time the request began: a body that took 30 s to come
// is not answered 30 s in the past.
func TestDateHeaderIsTheAnswersTime(t *testing.T) {
	t.Parallel()
	clock := &movingClock{t: time.Date(2024, 5, 1, 12, 0, 17, 0, time.UTC)}
	s, _ := dryRunServer(t, dryrun.DefaultConfig(), clock.now, nil)
	body := &clockBody{r: strings.NewReader(`[{"pair": "ETH/USDT", "until": "2030-01-01T00:00:00Z"}]`), clock: clock, step: 30 * time.Second}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/locks", body)
	req.Header.Set("Authorization", basicAuth(testUser, testPass))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	wantJSON(t, rec, http.StatusOK, nil)
	date, err := http.ParseTime(rec.Header().Get("Date"))
	if now := clock.now(); err != nil || now.Sub(date) < 0 || now.Sub(date) >= time.Second {
		t.Fatalf("Date %q, answered at %v", rec.Header().Get("Date"), now)
	}
}
