package server

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// benchServer is a server over 50 open trades with a real clock.
func benchServer(b *testing.B, opts ...Option) (*Server, *rpctest.Bot, string) {
	b.Helper()
	bot := rpctest.New(rpctest.WithEventBuffer(1024))
	bot.Update(func(f *rpctest.Fixtures) { f.OpenTrades = rpctest.OpenTrades(50) })
	s, err := New(bot, testConfig(), opts...)
	if err != nil {
		b.Fatal(err)
	}
	token, err := s.issueToken(testUser, tokenAccess)
	if err != nil {
		b.Fatal(err)
	}
	return s, bot, "Bearer " + token
}

// BenchmarkStatus50 is GET /api/v1/status with 50 open trades and Bearer
// auth, through the whole handler stack (CORS, auth, JWT check, encoding).
func BenchmarkStatus50(b *testing.B) {
	s, _, authz := benchServer(b)
	req := httptest.NewRequest(http.MethodGet, "/api/v1/status", nil)
	req.Header.Set("Authorization", authz)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	b.SetBytes(int64(rec.Body.Len()))
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req.Clone(req.Context()))
			if rec.Code != http.StatusOK {
				b.Errorf("status %d", rec.Code)
				return
			}
		}
	})
}

// BenchmarkFanout200 broadcasts to 200 WebSocket subscribers on loopback
// and reports the publish → receive latency over every delivery; one
// iteration is one broadcast received by all. The "stalled" case adds a
// subscriber that never reads.
func BenchmarkFanout200(b *testing.B) {
	for _, stalled := range []bool{false, true} {
		name := "healthy"
		if stalled {
			name = "with_stalled_subscriber"
		}
		b.Run(name, func(b *testing.B) { benchFanout(b, 200, stalled) })
	}
}

func benchFanout(b *testing.B, n int, stalled bool) {
	s, bot, _ := benchServer(b)
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan struct{})
	go func() { defer close(ran); s.Run(ctx) }()
	ts := httptest.NewServer(s)
	defer func() { cancel(); <-ran; ts.Close() }()

	if stalled {
		c := benchDial(b, ts.URL)
		subscribeAndSync(b, c)
		defer c.Close()
	}
	lat := make([][]time.Duration, n)
	var got sync.WaitGroup
	conns := make([]*websocket.Conn, n)
	for i := range conns {
		conns[i] = benchDial(b, ts.URL)
		subscribeAndSync(b, conns[i])
		defer conns[i].Close()
	}
	for i, c := range conns {
		go func() {
			for {
				_, data, err := c.ReadMessage()
				if err != nil {
					return
				}
				now := time.Now()
				msg, err := apiclient.DecodeMessage(data)
				if err != nil {
					continue
				}
				sent, _ := strconv.ParseInt(msg.(apiclient.StrategyMsg).Msg, 10, 64)
				lat[i] = append(lat[i], now.Sub(time.Unix(0, sent)))
				got.Done()
			}
		}()
	}
	b.ResetTimer()
	for range b.N {
		got.Add(n)
		msg := apiclient.StrategyMsg{Type: apiclient.MsgStrategyMsg, Msg: strconv.FormatInt(time.Now().UnixNano(), 10)}
		if err := bot.Publish(ctx, msg); err != nil {
			b.Fatal(err)
		}
		got.Wait()
	}
	b.StopTimer()
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	pct := func(p float64) float64 { return float64(all[int(p*float64(len(all)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(pct(1), "max-ms")
}

func benchDial(b *testing.B, base string) *websocket.Conn {
	b.Helper()
	d := websocket.Dialer{NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}
	c, resp, err := d.Dial(wsURL(base, testWS), nil)
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	return c
}

func subscribeAndSync(b *testing.B, c *websocket.Conn) {
	b.Helper()
	if err := c.WriteMessage(websocket.TextMessage, []byte(`{"type":"subscribe","data":["strategy_msg"]}`)); err != nil {
		b.Fatal(err)
	}
	if err := c.WriteMessage(websocket.TextMessage, []byte(`{"type":"whitelist"}`)); err != nil {
		b.Fatal(err)
	}
	if _, _, err := c.ReadMessage(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkStatus50Cache is GET /api/v1/status with 50 open trades through
// the encoded-body cache: "hit", the version unchanged; "invalidated", the
// version moved before every request (a tick between every two polls), so
// each request encodes the trades again and stores them.
func BenchmarkStatus50Cache(b *testing.B) {
	for _, bump := range []bool{false, true} {
		name := map[bool]string{false: "hit", true: "invalidated"}[bump]
		b.Run(name, func(b *testing.B) {
			bot := &versionedBot{Bot: rpctest.New(), clock: time.Now()}
			bot.Update(func(f *rpctest.Fixtures) { f.OpenTrades = rpctest.OpenTrades(50) })
			s, err := New(bot, testConfig())
			if err != nil {
				b.Fatal(err)
			}
			token, err := s.issueToken(testUser, tokenAccess)
			if err != nil {
				b.Fatal(err)
			}
			req := httptest.NewRequest(http.MethodGet, "/api/v1/status", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			b.ReportAllocs()
			for b.Loop() {
				if bump {
					bot.ver.Add(1)
				}
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, req.Clone(req.Context()))
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}
