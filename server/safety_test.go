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

// TestCheckListen: exposed addresses need strong, distinct secrets; the
// error names each setting and why; a strong config gets one warning line
// that names the SSH tunnel.
func TestCheckListen(t *testing.T) {
	t.Parallel()
	strong := Config{Username: "op", Password: "k3#pL9!vQz&Wm2", JWTSecret: "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
		WSTokens: []string{"tok-8h3k2j-Xq7mR4"}}
	w, err := CheckListen(strong, "0.0.0.0:8080")
	if err != nil || len(w) != 1 || !strings.Contains(w[0], "SECURITY WARNING") || !strings.Contains(w[0], "ssh -N -L 8080:127.0.0.1:8080") {
		t.Fatalf("strong exposed: %q %v", w, err)
	}
	if w, err := CheckListen(Config{}, "127.0.0.1:8080"); err != nil || len(w) != 1 {
		t.Fatalf("loopback without password: %v %v", w, err)
	}
	cases := map[string]struct {
		mutate func(*Config)
		want   string
	}{
		"empty password":           {func(c *Config) { c.Password = "" }, "password (--password or FREQDECK_PASSWORD): empty"},
		"password a":               {func(c *Config) { c.Password = "a" }, "password (--password or FREQDECK_PASSWORD): shorter"},
		"password 123456":          {func(c *Config) { c.Password = "123456" }, "password (--password or FREQDECK_PASSWORD): a common"},
		"password password1":       {func(c *Config) { c.Password = "password1" }, "password (--password or FREQDECK_PASSWORD): a common"},
		"example password":         {func(c *Config) { c.Password = "SuperSecret1!" }, "password (--password or FREQDECK_PASSWORD): a common"},
		"password = username":      {func(c *Config) { c.Username, c.Password = "k3#pL9!vQz&Wm2", "k3#pL9!vQz&Wm2" }, "password (--password or FREQDECK_PASSWORD): equal to the username"},
		"password on the username": {func(c *Config) { c.Username, c.Password = "operator", "operator2024!" }, "password (--password or FREQDECK_PASSWORD): too predictable"},
		"jwt x":                    {func(c *Config) { c.JWTSecret = "x" }, "jwt_secret_key (--jwt-secret): shorter than 24"},
		"default jwt":              {func(c *Config) { c.JWTSecret = "super-secret" }, "jwt_secret_key (--jwt-secret): a common"},
		"example jwt":              {func(c *Config) { c.JWTSecret = "somethingrandom" }, "jwt_secret_key (--jwt-secret): a common"},
		"changeme jwt":             {func(c *Config) { c.JWTSecret = " CHANGEME " }, "jwt_secret_key (--jwt-secret): a common"},
		"jwt = password":           {func(c *Config) { c.Password = c.JWTSecret }, "jwt_secret_key (--jwt-secret): equal to the password"},
		"ws token a":               {func(c *Config) { c.WSTokens = []string{"a"} }, "ws_token (--ws-token): shorter"},
		"example ws token":         {func(c *Config) { c.WSTokens = []string{"tok-8h3k2j-Xq7mR4", "sercet_Ws_t0ken"} }, "ws_token (--ws-token) #2: a common"},
		"empty ws token":           {func(c *Config) { c.WSTokens = []string{""} }, "ws_token (--ws-token): empty"},
		"ws token = password":      {func(c *Config) { c.WSTokens = []string{c.Password} }, "ws_token (--ws-token): equal to the password"},
		"ws token = jwt":           {func(c *Config) { c.WSTokens = []string{c.JWTSecret} }, "ws_token (--ws-token): equal to the JWT secret"},
	}
	for name, tc := range cases {
		cfg := strong
		tc.mutate(&cfg)
		for _, addr := range []string{"0.0.0.0:8080", ":8080", "192.168.1.5:80", "[::]:8080"} {
			_, err := CheckListen(cfg, addr)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s on %s: %v, want an error naming %q", name, addr, err, tc.want)
			}
		}
		if _, err := CheckListen(cfg, "127.0.0.1:8080"); err != nil {
			t.Errorf("%s on loopback: %v", name, err)
		}
	}
	// A strong password with no JWT secret (random per run) and no ws_token
	// is accepted.
	if _, err := CheckListen(Config{Username: "op", Password: strong.Password}, "0.0.0.0:8080"); err != nil {
		t.Fatalf("strong password, random JWT secret: %v", err)
	}
}

// TestCheckExposure: the pure check over the config reads Config.Listen
// (DefaultListen when empty, which is loopback).
func TestCheckExposure(t *testing.T) {
	t.Parallel()
	weak := Config{Username: "op", Password: "password1"}
	if err := CheckExposure(weak); err != nil {
		t.Fatalf("default listen: %v", err)
	}
	weak.Listen = "0.0.0.0:8080"
	if err := CheckExposure(weak); err == nil || !strings.Contains(err.Error(), "0.0.0.0:8080") {
		t.Fatalf("exposed weak: %v", err)
	}
	weak.Password = "k3#pL9!vQz&Wm2"
	if err := CheckExposure(weak); err != nil {
		t.Fatalf("exposed strong: %v", err)
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
