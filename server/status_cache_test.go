package server

import (
	"encoding/json"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// versionedBot is the fake bot plus the optional rpc.StatusVersioner and
// rpc.Clock interfaces.
type versionedBot struct {
	*rpctest.Bot
	ver   atomic.Uint64
	clock time.Time
}

func (b *versionedBot) StatusVersion() uint64 { return b.ver.Load() }
func (b *versionedBot) Now() time.Time        { return b.clock }

func newVersionedServer(t *testing.T) (*Server, *versionedBot) {
	t.Helper()
	bot := &versionedBot{
		Bot:   rpctest.New(rpctest.WithClock(testNow)),
		clock: time.Date(2031, 2, 3, 4, 5, 6, 0, time.UTC),
	}
	s, err := New(bot, testConfig(), WithClock(testNow), WithSysInfo(bot.SysInfo))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, bot
}

func getStatus(t *testing.T, h http.Handler) []apiclient.OpenTrade {
	t.Helper()
	rec := request(t, h, http.MethodGet, "/api/v1/status", "", "Authorization", basicAuth(testUser, testPass))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != contentTypeJSON {
		t.Fatalf("GET /status = %d %q: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	var trades []apiclient.OpenTrade
	if err := json.Unmarshal(rec.Body.Bytes(), &trades); err != nil {
		t.Fatalf("decode /status: %v", err)
	}
	return trades
}

func TestStatusEncodedOncePerVersion(t *testing.T) {
	t.Parallel()
	s, bot := newVersionedServer(t)
	bot.Update(func(f *rpctest.Fixtures) { f.OpenTrades = rpctest.OpenTrades(3) })

	for range 5 {
		if got := getStatus(t, s); len(got) != 3 {
			t.Fatalf("got %d trades, want 3", len(got))
		}
	}
	if n := len(bot.CallsTo("Status")); n != 1 {
		t.Fatalf("bot.Status called %d times for one version, want 1", n)
	}

	// A new version: the server must ask the bot again and serve the change.
	bot.Update(func(f *rpctest.Fixtures) { f.OpenTrades = rpctest.OpenTrades(1) })
	bot.ver.Add(1)
	if got := getStatus(t, s); len(got) != 1 {
		t.Fatalf("after a version change got %d trades, want 1", len(got))
	}
	if n := len(bot.CallsTo("Status")); n != 2 {
		t.Fatalf("bot.Status called %d times over two versions, want 2", n)
	}
}

func TestStatusWithoutVersionerAsksEveryTime(t *testing.T) {
	t.Parallel()
	s, bot := newTestServer(t, testConfig())
	for range 3 {
		getStatus(t, s)
	}
	if n := len(bot.CallsTo("Status")); n != 3 {
		t.Fatalf("bot.Status called %d times, want 3 (no caching without a version)", n)
	}
}

func TestDateHeaderCarriesTheBotClock(t *testing.T) {
	t.Parallel()
	s, bot := newVersionedServer(t)
	rec := request(t, s, http.MethodGet, "/api/v1/ping", "")
	got, err := http.ParseTime(rec.Header().Get("Date"))
	if err != nil {
		t.Fatalf("Date header %q: %v", rec.Header().Get("Date"), err)
	}
	if !got.Equal(bot.clock) {
		t.Fatalf("Date = %v, want the bot clock %v", got, bot.clock)
	}
}
