package sshdial_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

const (
	botUser, botPass, botWS = "op", "pw", "ws-token"
)

// freqdeckBot serves the freqdeck API over a fake bot on 127.0.0.1.
func freqdeckBot(t testing.TB) (*httptest.Server, *rpctest.Bot) {
	t.Helper()
	bot := rpctest.New()
	s, err := server.New(bot, server.Config{Username: botUser, Password: botPass, WSTokens: []string{botWS}})
	if err != nil {
		t.Fatal(err)
	}
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
		_ = s.Close()
	})
	return ts, bot
}

// TestAPIClientThroughSSH: an apiclient.Client makes REST calls and keeps
// a WebSocket stream through the pool, to a bot on the far host's loopback,
// over one SSH connection.
func TestAPIClientThroughSSH(t *testing.T) {
	t.Parallel()
	e, srv := agentBox(t)
	ts, bot := freqdeckBot(t)
	h := host(t, e.pool(), "box")
	var afterREST int64
	useBot(t, h, ts, bot, func() { afterREST = srv.Tunnels() })
	if afterREST < 1 {
		t.Fatal("REST did not go through SSH")
	}
	if n := srv.Tunnels(); n <= afterREST {
		t.Fatal("the WebSocket did not go through SSH")
	}
	if c := srv.Conns(); c != 1 {
		t.Fatalf("%d SSH connections, want 1 for REST and the WebSocket", c)
	}
}

// useBot calls the bot's REST API and streams its WebSocket through h:
// ping, status, a whitelist request answered on the socket, then a push.
// afterREST (if not nil) runs between the two.
func useBot(t *testing.T, h *sshdial.Host, ts *httptest.Server, bot *rpctest.Bot, afterREST func()) {
	t.Helper()
	c, err := apiclient.New(ts.URL, apiclient.WithBasicAuth(botUser, botPass),
		apiclient.WithWSToken(botWS), apiclient.WithDialContext(h.DialContext))
	if err != nil {
		t.Fatal(err)
	}
	ctx := ctxT(t)
	if p, err := c.Ping(ctx); err != nil || p.Status != "pong" {
		t.Fatalf("ping: %+v %v", p, err)
	}
	if _, err := c.Status(ctx); err != nil {
		t.Fatalf("status: %v", err)
	}
	if afterREST != nil {
		afterREST()
	}
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	stream := c.Stream(sctx, apiclient.StreamOptions{})
	waitEvent(t, stream, func(e apiclient.Event) bool { return e.Kind == apiclient.EventConnected })
	if err := stream.RequestWhitelist(ctx); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, stream, func(e apiclient.Event) bool {
		return e.Kind == apiclient.EventMessage && e.Msg.MessageType() == apiclient.MsgWhitelist
	})
	// The reply came after the subscription was handled: a push arrives.
	if err := bot.Publish(ctx, apiclient.StatusMsg{Type: apiclient.MsgStatus, Status: "through the tunnel"}); err != nil {
		t.Fatal(err)
	}
	waitEvent(t, stream, func(e apiclient.Event) bool {
		m, ok := e.Msg.(apiclient.StatusMsg)
		return ok && m.Status == "through the tunnel"
	})
}

// waitEvent reads events until match accepts one.
func waitEvent(t *testing.T, s *apiclient.Stream, match func(apiclient.Event) bool) {
	t.Helper()
	ctx := ctxT(t)
	for {
		select {
		case e, ok := <-s.Events():
			if !ok {
				t.Fatal("stream ended")
			}
			if e.Kind == apiclient.EventDisconnected || e.Kind == apiclient.EventAuthFailed {
				t.Fatalf("stream: %s: %v", e.Kind, e.Err)
			}
			if match(e) {
				return
			}
		case <-ctx.Done():
			t.Fatal("timed out waiting for a stream event")
		}
	}
}
