package server

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/server/dryrun"
	"github.com/gorilla/websocket"
)

// TestAnalyzedDFFloodLeavesRESTFast: 20 WebSockets flooding analyzed_df
// requests, each a thousand a second (at the default request rate, the excess dropped but the
// connections never closed, so the flood goes on) do not hold the bot's
// lock: the frames are served from the pairs' snapshots, and /count
// answers in under 20 ms (p95 of 50 requests) while the flood goes on,
// measured once every connection's burst has been answered (during the
// bursts, 3,200 frames of 1,500 rows are encoded on the machine's cores).
// Under -race only the answers and the lock are checked. (With no rate
// limit at all, 20 floods saturate 2 cores encoding frames and /count
// waits for CPU, not for the lock: the rate limit is what bounds that.)
func TestAnalyzedDFFloodLeavesRESTFast(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 12, 0, 17, 0, time.UTC)
	clock := func() time.Time { return now }
	watch := &holdWatch{}
	s, bot := dryRunServer(t, dryrun.DefaultConfig(), clock, []dryrun.Option{dryrun.WithLockWatch(watch.see)},
		WithWebSocketRequestLimit(DefaultWSRequestBurst, DefaultWSRequestRate, 1<<30))
	ts := liveServer(t, s)

	wl, err := bot.Whitelist(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Every connection's burst answered: one frame per pair each.
	burst := int64(20 * DefaultWSRequestBurst * wl.Length)
	// Under -race the frames are cut to 100 rows: encoding 3,200 frames of
	// 1,500 rows would take longer than the test may wait.
	frame := []byte(`{"type": "analyzed_df", "data": {"limit": 1500}}`)
	if raceEnabled {
		frame = []byte(`{"type": "analyzed_df", "data": {"limit": 100}}`)
	}
	var replies atomic.Int64
	stop, flooding := make(chan struct{}), make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	conns := make([]*websocket.Conn, 20)
	for i := range conns {
		c := dialWS(t, ts.URL, testWS)
		conns[i] = c
		wg.Add(2)
		go func() { // writer: a request every millisecond, 500 times the rate
			defer wg.Done()
			tick := time.NewTicker(time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
				}
				if c.WriteMessage(websocket.TextMessage, frame) != nil {
					return
				}
			}
		}()
		go func() { // reader
			defer wg.Done()
			for {
				if _, _, err := c.ReadMessage(); err != nil {
					return
				}
				if replies.Add(1) == burst {
					once.Do(func() { close(flooding) })
				}
			}
		}()
	}
	select { // the flood is under way, past its bursts
	case <-flooding:
	case <-time.After(3 * wsTimeout):
		t.Fatalf("only %d analyzed_df replies of %d", replies.Load(), burst)
	}
	took := make([]time.Duration, 0, 50)
	for range 50 {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/api/v1/count", nil)
		req.Header.Set("Authorization", basicAuth(testUser, testPass))
		began := time.Now()
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var n struct {
			Current int `json:"current"`
			Max     int `json:"max"`
		}
		if err := decodeBody(resp, &n); err != nil || n.Max != dryrun.DefaultConfig().MaxOpenTrades {
			t.Fatalf("/count: %+v, %v", n, err)
		}
		took = append(took, time.Since(began))
	}
	before := replies.Load()
	close(stop)
	for _, c := range conns {
		_ = c.Close()
	}
	wg.Wait()
	slices.Sort(took)
	p95, worst := took[len(took)*95/100-1], took[len(took)-1]
	t.Logf("/count during the flood: p95 %v, max %v; %d analyzed_df replies", p95, worst, before)
	if held := watch.take(); held > 50*time.Millisecond {
		t.Errorf("the bot's lock was held %v during the flood", held)
	}
	if !raceEnabled && p95 > 20*time.Millisecond {
		t.Errorf("/count p95 %v during an analyzed_df flood, want under 20 ms", p95)
	}
}
