// Command wsfanout measures WebSocket broadcast latency: it starts the API
// server in-process on 127.0.0.1, connects N subscribers (plus, with
// -stalled, clients that subscribe and never read), publishes messages at a
// steady rate through the fake bot, and reports the publish → receive
// latency over every delivery.
//
//	go run ./bench/server/wsfanout -subs 200 -msgs 500 -stalled 1
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

const wsToken = "bench-ws-token"

func main() {
	subs := flag.Int("subs", 200, "subscribers that read")
	stalled := flag.Int("stalled", 0, "extra subscribers that never read")
	msgs := flag.Int("msgs", 500, "messages to publish")
	every := flag.Duration("every", 10*time.Millisecond, "time between messages")
	size := flag.Int("size", 600, "payload bytes per message (a trade event is ~700 bytes)")
	stalledBuf := flag.Int("stalledbuf", 4096, "receive buffer (SO_RCVBUF) of the stalled clients")
	flag.Parse()
	if err := run(*subs, *stalled, *msgs, *every, *size, *stalledBuf); err != nil {
		fmt.Fprintln(os.Stderr, "wsfanout:", err)
		os.Exit(1)
	}
}

func run(subs, stalled, msgs int, every time.Duration, size, stalledBuf int) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	bot := rpctest.New(rpctest.WithEventBuffer(1024))
	drops := &dropCounter{}
	srv, err := server.New(bot, server.Config{WSTokens: []string{wsToken}},
		server.WithLogger(slog.New(slog.NewTextHandler(drops, &slog.HandlerOptions{Level: slog.LevelWarn}))))
	if err != nil {
		return err
	}
	ready := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe(ctx, "127.0.0.1:0", func(a net.Addr) { ready <- a }) }()
	url := "ws://" + (<-ready).String() + "/api/v1/message/ws?token=" + wsToken
	lat, wait, closeAll, err := connect(url, subs, stalled, msgs, stalledBuf)
	defer closeAll()
	if err != nil {
		return err
	}
	pad := strings.Repeat("x", size)
	for range msgs {
		msg := apiclient.StrategyMsg{Type: apiclient.MsgStrategyMsg, Msg: strconv.FormatInt(time.Now().UnixNano(), 10) + " " + pad}
		if err := bot.Publish(ctx, msg); err != nil {
			return err
		}
		time.Sleep(every)
	}
	wait()
	report(subs, stalled, msgs, lat)
	fmt.Printf("subscribers dropped by the server (slow consumer): %d\n", drops.count())
	cancel()
	return <-done
}

// connect opens the stalled and the reading subscribers; each reader
// records msgs latencies into its slot of lat. wait blocks until every
// reader is done.
func connect(url string, subs, stalled, msgs, stalledBuf int) (lat [][]time.Duration, wait, closeAll func(), err error) {
	var conns []*websocket.Conn
	var wg sync.WaitGroup
	closeAll = func() {
		for _, c := range conns {
			c.Close()
		}
	}
	lat = make([][]time.Duration, subs)
	for i := range stalled + subs {
		buf := 0
		if i < stalled {
			buf = stalledBuf
		}
		c, err := subscribe(url, buf)
		if err != nil {
			return nil, wg.Wait, closeAll, err
		}
		conns = append(conns, c)
		if i < stalled {
			continue
		}
		wg.Add(1)
		go func(slot int) {
			defer wg.Done()
			lat[slot] = receive(c, msgs)
		}(i - stalled)
	}
	return lat, wg.Wait, closeAll, nil
}

// subscribe connects (with a fixed receive buffer when rcvbuf > 0),
// subscribes to strategy_msg and waits until the subscription is in effect
// (the whitelist reply follows it).
func subscribe(url string, rcvbuf int) (*websocket.Conn, error) {
	d := websocket.Dialer{NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if tc, ok := conn.(*net.TCPConn); ok && rcvbuf > 0 {
			_ = tc.SetReadBuffer(rcvbuf)
		}
		return conn, err
	}}
	c, resp, err := d.Dial(url, nil)
	if err != nil {
		return nil, fmt.Errorf("dial: %w", err)
	}
	resp.Body.Close()
	for _, f := range []string{`{"type":"subscribe","data":["strategy_msg"]}`, `{"type":"whitelist"}`} {
		if err := c.WriteMessage(websocket.TextMessage, []byte(f)); err != nil {
			return nil, fmt.Errorf("subscribe: %w", err)
		}
	}
	if _, _, err := c.ReadMessage(); err != nil {
		return nil, fmt.Errorf("subscribe: %w", err)
	}
	return c, nil
}

// receive reads n messages and returns their latencies.
func receive(c *websocket.Conn, n int) []time.Duration {
	out := make([]time.Duration, 0, n)
	for len(out) < n {
		_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
		_, data, err := c.ReadMessage()
		now := time.Now()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				fmt.Fprintln(os.Stderr, "wsfanout: a subscriber timed out")
			}
			return out
		}
		msg, err := apiclient.DecodeMessage(data)
		sm, ok := msg.(apiclient.StrategyMsg)
		if err != nil || !ok {
			continue
		}
		stamp, _, _ := strings.Cut(sm.Msg, " ")
		sent, _ := strconv.ParseInt(stamp, 10, 64)
		out = append(out, now.Sub(time.Unix(0, sent)))
	}
	return out
}

func report(subs, stalled, msgs int, lat [][]time.Duration) {
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	if len(all) == 0 {
		fmt.Println("no deliveries")
		return
	}
	slices.Sort(all)
	p := func(q float64) time.Duration { return all[int(q*float64(len(all)-1))] }
	fmt.Printf("subscribers %d (+%d stalled), messages %d, deliveries %d of %d\n",
		subs, stalled, msgs, len(all), subs*msgs)
	fmt.Printf("latency p50 %v  p95 %v  p99 %v  max %v\n", p(0.50), p(0.95), p(0.99), p(1))
}

// dropCounter counts the server's "subscriber dropped" warnings.
type dropCounter struct {
	mu sync.Mutex
	n  int
}

// Write implements io.Writer for the server's log handler.
func (d *dropCounter) Write(p []byte) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.n += strings.Count(string(p), "subscriber dropped")
	return len(p), nil
}

func (d *dropCounter) count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.n
}
