package server

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

func TestIsLoopback(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "localhost:8080": true, "[::1]:8080": true, "127.1.2.3:1": true,
		"0.0.0.0:8080": false, ":8080": false, "[::]:8080": false, "192.168.1.5:8080": false,
		"example.com:8080": false, "10.0.0.1": false,
	} {
		if got := IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v", addr, got)
		}
	}
}

// TestCheckListen: exposed addresses need strong secrets; the error names
// the setting.
func TestCheckListen(t *testing.T) {
	t.Parallel()
	strong := Config{Password: "k3#pL9!vQz", JWTSecret: "9f8e7d6c5b4a39281706f5e4d3c2b1a0", WSTokens: []string{"tok-8h3k2j"}}
	if w, err := CheckListen(strong, "0.0.0.0:8080"); err != nil || len(w) == 0 || !strings.Contains(w[0], "SECURITY WARNING") {
		t.Fatalf("strong exposed: %v %v", w, err)
	}
	if w, err := CheckListen(Config{}, "127.0.0.1:8080"); err != nil || len(w) != 1 {
		t.Fatalf("loopback without password: %v %v", w, err)
	}
	cases := map[string]struct {
		mutate func(*Config)
		want   string
	}{
		"empty password":   {func(c *Config) { c.Password = "" }, "password"},
		"example password": {func(c *Config) { c.Password = "SuperSecret1!" }, "password"},
		"empty jwt":        {func(c *Config) { c.JWTSecret = "" }, "jwt_secret_key"},
		"default jwt":      {func(c *Config) { c.JWTSecret = "super-secret" }, "jwt_secret_key"},
		"example jwt":      {func(c *Config) { c.JWTSecret = "somethingrandom" }, "jwt_secret_key"},
		"changeme jwt":     {func(c *Config) { c.JWTSecret = " CHANGEME " }, "jwt_secret_key"},
		"example ws token": {func(c *Config) { c.WSTokens = []string{"ok-strong-1", "sercet_Ws_t0ken"} }, "ws_token"},
		"empty ws token":   {func(c *Config) { c.WSTokens = []string{""} }, "ws_token"},
	}
	for name, tc := range cases {
		cfg := strong
		tc.mutate(&cfg)
		for _, addr := range []string{"0.0.0.0:8080", ":8080", "192.168.1.5:80"} {
			_, err := CheckListen(cfg, addr)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s on %s: %v, want an error naming %s", name, addr, err, tc.want)
			}
		}
	}
}

// TestListenAndServeRefuses: the refusal happens before anything listens.
func TestListenAndServeRefuses(t *testing.T) {
	t.Parallel()
	s, err := New(rpctest.New(), Config{Password: "", JWTSecret: ""})
	if err != nil {
		t.Fatal(err)
	}
	called := false
	err = s.ListenAndServe(context.Background(), "0.0.0.0:0", func(net.Addr) { called = true })
	if err == nil || called {
		t.Fatalf("ListenAndServe on 0.0.0.0 with no secrets: err %v, ready called %v", err, called)
	}
}

// TestListenAndServeLifecycle: serve on 127.0.0.1:0, answer, stop on ctx.
func TestListenAndServeLifecycle(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, done := listenLocal(ctx, t, s)
	c, err := apiclient.New("http://"+addr.String(), apiclient.WithBasicAuth(testUser, testPass))
	if err != nil {
		t.Fatal(err)
	}
	if v, err := c.Version(ctx); err != nil || v.Version != "0.1.0-test" {
		t.Fatalf("version %v %v", v, err)
	}
	conn := dialWS(t, "http://"+addr.String(), testWS)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ListenAndServe did not return after cancel")
	}
	// The WebSocket was closed by the shutdown, with "going away".
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, _, err = conn.ReadMessage()
	if !isCloseCode(err, 1001) {
		t.Fatalf("websocket after shutdown: %v, want close 1001", err)
	}
	if _, err := c.Version(context.Background()); err == nil || errors.Is(err, context.Canceled) {
		t.Fatalf("server still answering after shutdown: %v", err)
	}
}

// TestShutdownClosesSilentConnections: a client that connected but never
// sent a request must not turn a clean stop into an error; net/http waits on
// such connections until they are five seconds old.
func TestShutdownClosesSilentConnections(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig(), WithShutdownGrace(50*time.Millisecond))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, done := listenLocal(ctx, t, s)
	silent, err := net.Dial("tcp", addr.String())
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	// A request on a second connection proves the server has accepted and
	// is tracking connections before the stop.
	c, err := apiclient.New("http://"+addr.String(), apiclient.WithBasicAuth(testUser, testPass))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("stop with a silent connection open: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ListenAndServe did not return")
	}
	// The silent connection was closed by the server.
	_ = silent.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := silent.Read(make([]byte, 1)); err == nil {
		t.Fatal("silent connection still open after the stop")
	}
}

// listenLocal runs s.ListenAndServe on 127.0.0.1:0 until ctx ends and
// returns the address once the server is ready, and the channel that
// receives ListenAndServe's result.
func listenLocal(ctx context.Context, t *testing.T, s *Server) (net.Addr, <-chan error) {
	t.Helper()
	addrs := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- s.ListenAndServe(ctx, "127.0.0.1:0", func(a net.Addr) { addrs <- a }) }()
	select {
	case addr := <-addrs:
		return addr, done
	case err := <-done:
		t.Fatalf("ListenAndServe: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("server never became ready")
	}
	return nil, done
}
