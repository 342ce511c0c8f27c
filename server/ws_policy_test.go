package server

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/freqdeck/freqdeck/apiclient"
)

// TestWSRequestFlood: a connection flooding requests gets its burst
// served, the excess dropped, and is then closed with 1008 "too many
// requests"; another connection keeps working. The clock is pinned, so
// nothing refills the bucket.
func TestWSRequestFlood(t *testing.T) {
	t.Parallel()
	s, bot := newTestServer(t, testConfig())
	base := liveServer(t, s).URL
	other := dialWS(t, base, testWS)
	syncWS(t, other) // one request
	flood := dialWS(t, base, testWS)

	const frames = DefaultWSRequestBurst + DefaultWSRequestExcess + 20
	writeErr := make(chan error, 1)
	go func() {
		for range frames {
			if err := flood.WriteMessage(websocket.TextMessage, []byte(`{"type": "whitelist"}`)); err != nil {
				writeErr <- err // the server closed the connection
				return
			}
		}
		writeErr <- nil
	}()
	replies := 0
	for {
		_ = flood.SetReadDeadline(time.Now().Add(wsTimeout))
		_, _, err := flood.ReadMessage()
		if err == nil {
			replies++
			continue
		}
		var ce *websocket.CloseError
		if !errors.As(err, &ce) || ce.Code != websocket.ClosePolicyViolation || ce.Text != closeTooManyRequests {
			t.Fatalf("flood ended with %v after %d replies, want close 1008 %q", err, replies, closeTooManyRequests)
		}
		break
	}
	<-writeErr
	served := len(bot.CallsTo("Whitelist")) - 1 // less the other connection's
	if served != DefaultWSRequestBurst || replies > served {
		t.Fatalf("served %d requests (%d replies read), want the burst of %d", served, replies, DefaultWSRequestBurst)
	}
	// The other connection is unaffected.
	syncWS(t, other)
}

// TestWSSubscribeOverRate: over the rate, whitelist requests are dropped
// unanswered but a subscribe still replaces the subscription list.
func TestWSSubscribeOverRate(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig(), WithWebSocketRequestLimit(1, 0, 2))
	subscribedAtClose := make(chan bool, 1)
	s.hub.onDrop = func(c *client, _ string) { subscribedAtClose <- c.subscribed(apiclient.MsgEntry) }
	base := liveServer(t, s).URL
	c := dialWS(t, base, testWS)
	syncWS(t, c)                                           // the burst of 1
	send(t, c, `{"type": "whitelist"}`)                    // dropped
	send(t, c, `{"type": "subscribe", "data": ["entry"]}`) // applied anyway
	send(t, c, `{"type": "whitelist"}`)                    // past the excess: closed
	_ = c.SetReadDeadline(time.Now().Add(wsTimeout))
	if _, data, err := c.ReadMessage(); !isCloseCode(err, websocket.ClosePolicyViolation) {
		t.Fatalf("got %q, %v; want no reply and close 1008", data, err)
	}
	if !<-subscribedAtClose {
		t.Fatal("the subscribe over the rate was not applied")
	}
}

// TestWSExemptFromHTTPTimeouts: the HTTP read and write timeouts end at
// the upgrade; the WebSocket lives on with its own pings.
func TestWSExemptFromHTTPTimeouts(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig(), WithTimeouts(50*time.Millisecond, 50*time.Millisecond),
		WithWebSocketKeepalive(10*time.Millisecond, 5*time.Second))
	addr, _ := serveWatched(t, s)
	conn := dialWS(t, "http://"+addr, testWS)
	pings := make(chan struct{}, 100)
	conn.SetPingHandler(func(data string) error {
		pings <- struct{}{}
		return conn.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(time.Second))
	})
	messages := make(chan error, 10)
	go func() {
		for {
			_, _, err := conn.ReadMessage()
			messages <- err
			if err != nil {
				return
			}
		}
	}()
	// 20 pings at 10 ms take well over both 50 ms HTTP timeouts.
	for i := range 20 {
		select {
		case <-pings:
		case err := <-messages:
			t.Fatalf("after %d pings: %v", i, err)
		case <-time.After(wsTimeout):
			t.Fatalf("ping %d never came", i+1)
		}
	}
	send(t, conn, `{"type": "whitelist"}`)
	select {
	case err := <-messages:
		if err != nil {
			t.Fatalf("request after the HTTP timeouts: %v", err)
		}
	case <-time.After(wsTimeout):
		t.Fatal("no reply after the HTTP timeouts")
	}
}

// TestWSSilentClientClosed: a client that answers nothing, not even the
// server's pings, is closed after the WebSocket read timeout.
func TestWSSilentClientClosed(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig(), WithWebSocketKeepalive(10*time.Millisecond, 100*time.Millisecond))
	addr, closed := serveWatched(t, s)
	d := websocket.Dialer{}
	var local string
	d.NetDialContext = func(ctx context.Context, network, a string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, a)
		if err == nil {
			local = c.LocalAddr().String()
		}
		return c, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), wsTimeout)
	defer cancel()
	conn, resp, err := d.DialContext(ctx, wsURL("http://"+addr, testWS), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	defer conn.Close()
	// Not reading means not answering pings.
	waitClosed(t, closed, local)
	for {
		_ = conn.SetReadDeadline(time.Now().Add(wsTimeout))
		if _, _, err := conn.ReadMessage(); err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatal("the connection is still open")
			}
			break
		}
	}
}

// TestRequestBucket: a burst, a refill at the rate, drops, then abuse.
func TestRequestBucket(t *testing.T) {
	t.Parallel()
	b := newRequestBucket(requestLimit{burst: 3, rate: 2, excess: 2})
	t0 := testNow()
	var got []string
	names := map[requestVerdict]string{requestServe: "serve", requestDrop: "drop", requestAbusive: "abusive"}
	// A second refills two tokens: one pays the dropped request's debt.
	for _, at := range []time.Duration{0, 0, 0, 0, time.Second, time.Second, time.Second, time.Second} {
		got = append(got, names[b.take(t0.Add(at))])
	}
	want := "serve serve serve drop serve drop drop abusive"
	if strings.Join(got, " ") != want {
		t.Fatalf("verdicts %v\nwant     %s", got, want)
	}
	// A quiet client earns its burst back, never more.
	b = newRequestBucket(requestLimit{burst: 2, rate: 1, excess: 0})
	b.take(t0)
	b.take(t0)
	if v := b.take(t0.Add(time.Hour)); v != requestServe {
		t.Fatalf("after an hour: %v", names[v])
	}
	if v := b.take(t0.Add(time.Hour)); v != requestServe {
		t.Fatalf("second after an hour: %v", names[v])
	}
	if v := b.take(t0.Add(time.Hour)); v != requestAbusive {
		t.Fatalf("third after an hour, no excess allowed: %v", names[v])
	}
}
