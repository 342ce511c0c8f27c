package apiclient_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/gorilla/websocket"
)

// TestWithDialContextRoutesRESTAndWebSocket: every connection of the
// client, REST and WebSocket, goes through the given dial function, even
// when the http.Client names a proxy.
func TestWithDialContextRoutesRESTAndWebSocket(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/ping", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status": "pong"}`))
	})
	mux.HandleFunc("GET /api/v1/message/ws", func(w http.ResponseWriter, r *http.Request) {
		ws, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer ws.Close()
		for {
			if _, _, err := ws.ReadMessage(); err != nil {
				return
			}
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	var mu sync.Mutex
	var dialed []string
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		mu.Lock()
		dialed = append(dialed, network+" "+addr)
		mu.Unlock()
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}
	// A proxy nobody listens on: were it used, every request would fail.
	deadProxy, _ := url.Parse("http://127.0.0.1:1")
	hc := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{Proxy: http.ProxyURL(deadProxy)}}
	c, err := apiclient.New(srv.URL, apiclient.WithHTTPClient(hc), apiclient.WithWSToken("t"), apiclient.WithDialContext(dial))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if p, err := c.Ping(ctx); err != nil || p.Status != "pong" {
		t.Fatalf("ping: %+v %v", p, err)
	}
	s := c.Stream(ctx, apiclient.StreamOptions{})
	for e := range s.Events() {
		if e.Kind == apiclient.EventConnected {
			break
		}
		if e.Kind == apiclient.EventDisconnected {
			t.Fatalf("stream: %v", e.Err)
		}
	}
	cancel()
	host := strings.TrimPrefix(srv.URL, "http://")
	mu.Lock()
	defer mu.Unlock()
	if len(dialed) != 2 || dialed[0] != "tcp "+host || dialed[1] != "tcp "+host {
		t.Fatalf("dialed %v, want REST and WebSocket to %s", dialed, host)
	}
	if hc.Transport.(*http.Transport).DialContext != nil {
		t.Fatal("the caller's transport was changed")
	}
}

// roundTripFunc is a RoundTripper that is not an *http.Transport.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestWithDialContextNeedsATransport(t *testing.T) {
	t.Parallel()
	hc := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, nil })}
	dial := (&net.Dialer{}).DialContext
	_, err := apiclient.New("http://127.0.0.1:8080", apiclient.WithHTTPClient(hc), apiclient.WithDialContext(dial))
	if err == nil || !strings.Contains(err.Error(), "WithDialContext needs an *http.Transport") {
		t.Fatalf("New = %v", err)
	}
}
