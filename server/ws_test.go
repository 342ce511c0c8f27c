package server

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// wsTimeout only fires when a test is failing.
const wsTimeout = 10 * time.Second

func wsURL(base, token string) string {
	return "ws" + strings.TrimPrefix(base, "http") + "/api/v1/message/ws?token=" + url.QueryEscape(token)
}

// dialWS opens a WebSocket to base with token.
func dialWS(t *testing.T, base, token string) *websocket.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wsTimeout)
	defer cancel()
	conn, resp, err := websocket.DefaultDialer.DialContext(ctx, wsURL(base, token), nil)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	resp.Body.Close()
	t.Cleanup(func() { conn.Close() })
	return conn
}

// liveServer starts s over httptest with its hub running until the test ends.
func liveServer(t *testing.T, s *Server) *httptest.Server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Run(ctx)
	}()
	ts := httptest.NewServer(s)
	t.Cleanup(func() {
		cancel()
		<-done
		ts.Close()
	})
	return ts
}

func send(t *testing.T, c *websocket.Conn, frame string) {
	t.Helper()
	if err := c.WriteMessage(websocket.TextMessage, []byte(frame)); err != nil {
		t.Fatalf("write %s: %v", frame, err)
	}
}

// next reads one message and decodes it with the apiclient decoder.
func next(t *testing.T, c *websocket.Conn) apiclient.Message {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(wsTimeout))
	_, data, err := c.ReadMessage()
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	msg, err := apiclient.DecodeMessage(data)
	if err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	return msg
}

// syncWS makes sure every frame sent before it has been handled: the reader
// handles frames in order, so the whitelist reply comes after them.
func syncWS(t *testing.T, c *websocket.Conn) {
	t.Helper()
	send(t, c, `{"type": "whitelist"}`)
	if m := next(t, c); m.MessageType() != apiclient.MsgWhitelist {
		t.Fatalf("sync got %T %+v", m, m)
	}
}

func publish(t *testing.T, bot *rpctest.Bot, msg apiclient.Message) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wsTimeout)
	defer cancel()
	if err := bot.Publish(ctx, msg); err != nil {
		t.Fatalf("publish: %v", err)
	}
}

func isCloseCode(err error, code int) bool {
	var ce *websocket.CloseError
	return errors.As(err, &ce) && ce.Code == code
}

func statusMsg(s string) apiclient.StatusMsg {
	return apiclient.StatusMsg{Type: apiclient.MsgStatus, Status: s}
}

func entryMsg(id int) apiclient.EntryMsg {
	return apiclient.EntryMsg{Type: apiclient.MsgEntry, EntryFields: apiclient.EntryFields{TradeID: id, Pair: "ETH/BTC"}}
}

// TestWSRefusedBeforeAccept: bad tokens get HTTP 403 and no upgrade.
func TestWSRefusedBeforeAccept(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	ts := liveServer(t, s)
	access, refresh := login(t, s)
	for name, tok := range map[string]string{"none": "", "wrong": "nope", "refresh jwt": refresh, "basic creds": testPass} {
		ctx, cancel := context.WithTimeout(context.Background(), wsTimeout)
		conn, resp, err := websocket.DefaultDialer.DialContext(ctx, wsURL(ts.URL, tok), nil)
		cancel()
		if err == nil {
			conn.Close()
			t.Fatalf("%s: upgraded", name)
		}
		if resp == nil || resp.StatusCode != http.StatusForbidden || resp.Header.Get("Upgrade") != "" {
			t.Fatalf("%s: %v %v", name, resp, err)
		}
		resp.Body.Close()
	}
	for _, tok := range []string{testWS, "ws-token-two", access} {
		c := dialWS(t, ts.URL, tok)
		syncWS(t, c)
	}
	wantDetail(t, request(t, s, get, "/api/v1/message/ws?token="+testWS, ""), http.StatusNotFound, "Not Found")
}

// TestWSSubscribe: subscribe replaces the list, only when every type is
// valid; empty and null lists change nothing; invalid frames are ignored.
func TestWSSubscribe(t *testing.T) {
	t.Parallel()
	s, bot := newTestServer(t, testConfig())
	c := dialWS(t, liveServer(t, s).URL, testWS)

	// Not subscribed: the status is not delivered, the entry is.
	publish(t, bot, statusMsg("before"))
	send(t, c, `{"type": "subscribe", "data": ["entry"]}`)
	syncWS(t, c)
	publish(t, bot, statusMsg("running"))
	publish(t, bot, entryMsg(1))
	if m, ok := next(t, c).(apiclient.EntryMsg); !ok || m.TradeID != 1 {
		t.Fatalf("got %+v, want entry 1", m)
	}

	for _, ignored := range []string{
		`{"type": "subscribe", "data": ["status", "bogus"]}`, `{"type": "subscribe", "data": []}`,
		`{"type": "subscribe", "data": null}`, `{"type": "subscribe"}`, `{"type": "subscribe", "data": "status"}`,
		`{"type": "subscribe", "data": [1]}`, `not json`, `{"type": "bogus"}`, `[]`,
	} {
		send(t, c, ignored)
	}
	syncWS(t, c)
	publish(t, bot, statusMsg("still ignored"))
	publish(t, bot, entryMsg(2))
	if m, ok := next(t, c).(apiclient.EntryMsg); !ok || m.TradeID != 2 {
		t.Fatalf("got %+v, want entry 2", m)
	}

	send(t, c, `{"type": "subscribe", "data": ["status", "freqdeck_log"]}`)
	syncWS(t, c)
	publish(t, bot, entryMsg(3))
	publish(t, bot, apiclient.LogMsg{Type: apiclient.MsgLog, Data: []apiclient.LogRow{{Date: "d", Logger: "l", Level: "INFO", Message: "hi"}}})
	publish(t, bot, statusMsg("paused"))
	if m, ok := next(t, c).(apiclient.LogMsg); !ok || m.Data[0].Message != "hi" {
		t.Fatalf("got %+v, want the log line", m)
	}
	if m, ok := next(t, c).(apiclient.StatusMsg); !ok || m.Status != "paused" {
		t.Fatalf("got %+v, want status paused", m)
	}
}

// TestWSRequests: whitelist and analyzed_df replies, limits, errors.
func TestWSRequests(t *testing.T) {
	t.Parallel()
	s, bot := newTestServer(t, testConfig())
	c := dialWS(t, liveServer(t, s).URL, testWS)

	send(t, c, `{"type": "whitelist"}`)
	if m, ok := next(t, c).(apiclient.WhitelistMsg); !ok || strings.Join(m.Data, ",") != "ETH/BTC,LTC/BTC,XRP/BTC,NEO/BTC" {
		t.Fatalf("whitelist reply %+v", m)
	}
	cases := []struct {
		data, pair string
		limit      int
	}{
		{`{"limit": 1, "pair": "ETH/BTC"}`, "ETH/BTC", 1},
		{`{"limit": 100000}`, "", 1500},
		{`{"pair": "ETH/BTC"}`, "ETH/BTC", 1500},
		{`{}`, "", 0},
		{`null`, "", 0},
	}
	for i, tc := range cases {
		send(t, c, `{"type": "analyzed_df", "data": `+tc.data+`}`)
		m, ok := next(t, c).(apiclient.AnalyzedDFMsg)
		if !ok || m.Data.Key.Pair() != "ETH/BTC" {
			t.Fatalf("%s: reply %+v", tc.data, m)
		}
		if tc.limit == 1 && len(m.Data.DF.Data) != 1 {
			t.Fatalf("limit 1 gave %d rows", len(m.Data.DF.Data))
		}
		calls := bot.CallsTo("AnalyzedDF")
		if got := calls[i].Args; got[0] != tc.pair || got[1] != tc.limit {
			t.Fatalf("%s: bot called with %v, want %q %d", tc.data, got, tc.pair, tc.limit)
		}
	}
	send(t, c, `{"type": "analyzed_df", "data": {"limit": "x"}}`) // invalid: ignored
	syncWS(t, c)
	if n := len(bot.CallsTo("AnalyzedDF")); n != len(cases) {
		t.Fatalf("invalid analyzed_df reached the bot (%d calls)", n)
	}

	bot.SetError("Whitelist", rpc.Errorf("exchange down"))
	send(t, c, `{"type": "whitelist"}`)
	if m, ok := next(t, c).(apiclient.ExceptionMsg); !ok || m.Data != "Error processing request" {
		t.Fatalf("error reply %+v", m)
	}
}

// countingMsg counts how often it is encoded.
type countingMsg struct{ n *atomic.Int32 }

func (m countingMsg) MessageType() apiclient.MessageType { return apiclient.MsgStrategyMsg }

func (m countingMsg) MarshalJSON() ([]byte, error) {
	m.n.Add(1)
	return json.Marshal(apiclient.StrategyMsg{Type: apiclient.MsgStrategyMsg, Msg: "once"})
}

// TestWSEncodesOnce: a broadcast is encoded once for all subscribers, and
// only subscribers of its type get it.
func TestWSEncodesOnce(t *testing.T) {
	t.Parallel()
	s, bot := newTestServer(t, testConfig())
	base := liveServer(t, s).URL
	var subs []*websocket.Conn
	for range 3 {
		c := dialWS(t, base, testWS)
		send(t, c, `{"type": "subscribe", "data": ["strategy_msg", "entry"]}`)
		syncWS(t, c)
		subs = append(subs, c)
	}
	other := dialWS(t, base, testWS)
	send(t, other, `{"type": "subscribe", "data": ["entry"]}`)
	syncWS(t, other)

	var n atomic.Int32
	publish(t, bot, countingMsg{&n})
	publish(t, bot, entryMsg(9))
	for _, c := range subs {
		if m, ok := next(t, c).(apiclient.StrategyMsg); !ok || m.Msg != "once" {
			t.Fatalf("got %+v", m)
		}
		next(t, c)
	}
	if m, ok := next(t, other).(apiclient.EntryMsg); !ok || m.TradeID != 9 {
		t.Fatalf("non-subscriber got %+v first", m)
	}
	if n.Load() != 1 {
		t.Fatalf("encoded %d times, want 1", n.Load())
	}
}

// TestWSSlowClientDropped: a client that stops reading is disconnected
// while a fast one keeps receiving every message, in order.
func TestWSSlowClientDropped(t *testing.T) {
	t.Parallel()
	s, bot := newTestServer(t, testConfig(), WithWebSocketLimits(4, 2*time.Second))
	dropped := make(chan string, 1)
	s.hub.onDrop = func(_ *client, reason string) { dropped <- reason }
	base := liveServer(t, s).URL

	stalled := dialSmallBuffer(t, base)
	send(t, stalled, `{"type": "subscribe", "data": ["strategy_msg"]}`)
	syncWS(t, stalled)
	fast := dialWS(t, base, testWS)
	send(t, fast, `{"type": "subscribe", "data": ["strategy_msg"]}`)
	syncWS(t, fast)

	big := strings.Repeat("x", 64<<10)
	sent := 0
	for {
		publish(t, bot, apiclient.StrategyMsg{Type: apiclient.MsgStrategyMsg, Msg: big})
		sent++
		if m, ok := next(t, fast).(apiclient.StrategyMsg); !ok || len(m.Msg) != len(big) {
			t.Fatalf("fast client got %T after %d", m, sent)
		}
		select {
		case reason := <-dropped:
			if !strings.Contains(reason, "slow consumer") && !strings.Contains(reason, "timed out") {
				t.Fatalf("drop reason %q", reason)
			}
		default:
			if sent > 5000 {
				t.Fatal("stalled client never dropped")
			}
			continue
		}
		break
	}
	t.Logf("dropped after %d messages", sent)
	// The fast client keeps receiving after the drop. Entries published
	// before it subscribes to them are not delivered: the marker behind them
	// proves the hub has broadcast them before the subscription changes.
	for i := range 3 {
		publish(t, bot, entryMsg(100+i))
	}
	publish(t, bot, apiclient.StrategyMsg{Type: apiclient.MsgStrategyMsg, Msg: "marker"})
	if m, ok := next(t, fast).(apiclient.StrategyMsg); !ok || m.Msg != "marker" {
		t.Fatalf("fast client got %+v, want the marker", m)
	}
	send(t, fast, `{"type": "subscribe", "data": ["entry"]}`)
	syncWS(t, fast)
	publish(t, bot, entryMsg(200))
	if m, ok := next(t, fast).(apiclient.EntryMsg); !ok || m.TradeID != 200 {
		t.Fatalf("fast client after drop got %+v", m)
	}
	// The stalled client, reading at last, finds its connection closed
	// before it has seen every message.
	got := 0
	for {
		_ = stalled.SetReadDeadline(time.Now().Add(wsTimeout))
		_, _, err := stalled.ReadMessage()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatalf("stalled client still connected after %d messages", got)
			}
			break
		}
		got++
	}
	if got >= sent {
		t.Fatalf("stalled client received all %d messages", got)
	}
}

// dialSmallBuffer dials with a fixed 128 KiB receive buffer (no
// autotuning), so a client that does not read stalls after a few MiB, yet
// can still drain what was sent quickly once it reads again.
func dialSmallBuffer(t *testing.T, base string) *websocket.Conn {
	t.Helper()
	d := websocket.Dialer{
		NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			conn, err := (&net.Dialer{}).DialContext(ctx, network, addr)
			if tc, ok := conn.(*net.TCPConn); ok {
				_ = tc.SetReadBuffer(128 << 10)
			}
			return conn, err
		},
	}
	ctx, cancel := context.WithTimeout(context.Background(), wsTimeout)
	defer cancel()
	conn, resp, err := d.DialContext(ctx, wsURL(base, testWS), nil)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	resp.Body.Close()
	t.Cleanup(func() { conn.Close() })
	return conn
}

// TestWSShutdown: cancelling Run closes every connection with 1001, stops
// its goroutines, and refuses later connections.
func TestWSShutdown(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan struct{})
	go func() {
		defer close(ran)
		s.Run(ctx)
	}()
	ts := httptest.NewServer(s)
	defer ts.Close()
	conns := []*websocket.Conn{dialWS(t, ts.URL, testWS), dialWS(t, ts.URL, testWS)}
	for _, c := range conns {
		syncWS(t, c)
	}
	cancel()
	select {
	case <-ran:
	case <-time.After(wsTimeout):
		t.Fatal("Run did not return")
	}
	for _, c := range conns {
		_ = c.SetReadDeadline(time.Now().Add(wsTimeout))
		if _, _, err := c.ReadMessage(); !isCloseCode(err, websocket.CloseGoingAway) {
			t.Fatalf("after shutdown: %v", err)
		}
	}
	s.hub.mu.Lock()
	left := len(s.hub.clients)
	s.hub.mu.Unlock()
	if left != 0 {
		t.Fatalf("%d clients left", left)
	}
	late := dialWS(t, ts.URL, testWS)
	_ = late.SetReadDeadline(time.Now().Add(wsTimeout))
	if _, _, err := late.ReadMessage(); !isCloseCode(err, websocket.CloseGoingAway) {
		t.Fatalf("late connection: %v", err)
	}
}
