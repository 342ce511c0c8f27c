package tui

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/freqdeck/freqdeck/apiclient"
)

// fakeBot is a small freqtrade look-alike for the console's tests: REST
// handlers serving the JSON fixtures of testdata/fake, a real WebSocket
// that the test publishes on, request counting, injectable errors, and a
// "down" switch that drops every connection.
type fakeBot struct {
	t        testing.TB
	srv      *httptest.Server
	upgrader websocket.Upgrader

	mu        sync.Mutex
	notify    chan struct{} // closed and replaced on every change
	config    apiclient.ShowConfig
	trades    []apiclient.OpenTrade
	count     apiclient.Count
	profit    json.RawMessage
	balance   json.RawMessage
	whitelist json.RawMessage
	locks     apiclient.Locks
	logs      []apiclient.LogRow
	hits      map[string]int
	bodies    map[string][]string
	fail      map[string]fakeError
	block     map[string]chan struct{}
	down      bool
	conns     map[*fakeConn]struct{}
	subs      [][]string
	nextLock  int
}

// fakeError is an injected error answer.
type fakeError struct {
	status int
	body   string
}

// fakeConn is one WebSocket client with its write lock.
type fakeConn struct {
	mu sync.Mutex
	c  *websocket.Conn
}

const (
	fakeUser    = "operator"
	fakePass    = "s3cret"
	fakeWSToken = "ws-secret"
)

func newFakeBot(t testing.TB) *fakeBot {
	t.Helper()
	f := &fakeBot{
		t: t, notify: make(chan struct{}), hits: map[string]int{}, bodies: map[string][]string{},
		fail: map[string]fakeError{}, block: map[string]chan struct{}{}, conns: map[*fakeConn]struct{}{},
		nextLock: 100,
	}
	load := func(name string, v any) { loadFake(t, name, v) }
	var logs apiclient.Logs
	load("show_config.json", &f.config)
	load("status.json", &f.trades)
	load("count.json", &f.count)
	load("profit.json", &f.profit)
	load("balance.json", &f.balance)
	load("whitelist.json", &f.whitelist)
	load("locks.json", &f.locks)
	load("logs.json", &logs)
	f.logs = logs.Logs
	f.srv = httptest.NewServer(f.routes())
	t.Cleanup(f.close)
	return f
}

// close drops the WebSocket clients and stops the server.
func (f *fakeBot) close() {
	f.dropStreams()
	f.srv.CloseClientConnections()
	f.srv.Close()
}

// client returns an API client for the fake, as the console builds one.
func (f *fakeBot) client() *apiclient.Client {
	c, err := apiclient.New(f.srv.URL, apiclient.WithBasicAuth(fakeUser, fakePass), apiclient.WithWSToken(fakeWSToken))
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// changed wakes every waiter; call with f.mu held.
func (f *fakeBot) changed() {
	close(f.notify)
	f.notify = make(chan struct{})
}

// waitUntil waits until cond (called with f.mu held) is true, failing the
// test after a generous timeout. It wakes on every change, never polls.
func (f *fakeBot) waitUntil(what string, cond func() bool) {
	f.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		f.mu.Lock()
		ok, ch := cond(), f.notify
		f.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			f.t.Fatalf("timed out waiting for %s (hits %v)", what, f.hitsCopy())
		}
	}
}

// waitHits waits until route has been requested at least n times.
func (f *fakeBot) waitHits(route string, n int) {
	f.t.Helper()
	f.waitUntil(fmt.Sprintf("%d × %s", n, route), func() bool { return f.hits[route] >= n })
}

// hitCount returns how often route was requested.
func (f *fakeBot) hitCount(route string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[route]
}

func (f *fakeBot) hitsCopy() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[string]int, len(f.hits))
	for k, v := range f.hits {
		out[k] = v
	}
	return out
}

// bodiesOf returns the request bodies sent to route.
func (f *fakeBot) bodiesOf(route string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.bodies[route]...)
}

// setDown drops every connection and refuses new ones (up again with false).
func (f *fakeBot) setDown(down bool) {
	f.mu.Lock()
	f.down = down
	f.changed()
	f.mu.Unlock()
	if down {
		f.dropStreams()
	}
}

// failWith makes route ("" for every route) answer with status and body.
func (f *fakeBot) failWith(route string, status int, body string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail[route] = fakeError{status: status, body: body}
}

// clearFailures makes every route answer again.
func (f *fakeBot) clearFailures() {
	f.mu.Lock()
	defer f.mu.Unlock()
	clear(f.fail)
}

// holdRoute makes route ("" for every route) wait until the returned
// function is called.
func (f *fakeBot) holdRoute(route string) (release func()) {
	ch := make(chan struct{})
	f.mu.Lock()
	f.block[route] = ch
	f.mu.Unlock()
	var once sync.Once
	return func() { once.Do(func() { close(ch) }) }
}

// streams returns how many WebSocket clients are connected.
func (f *fakeBot) streams() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.conns)
}

// dropStreams closes every WebSocket connection.
func (f *fakeBot) dropStreams() {
	f.mu.Lock()
	conns := f.conns
	f.conns = map[*fakeConn]struct{}{}
	f.changed()
	f.mu.Unlock()
	for c := range conns {
		_ = c.c.Close()
	}
}

// publish sends one message to every subscribed WebSocket client.
func (f *fakeBot) publish(msg any) {
	f.t.Helper()
	data, err := json.Marshal(msg)
	if err != nil {
		f.t.Fatal(err)
	}
	f.mu.Lock()
	conns := make([]*fakeConn, 0, len(f.conns))
	for c := range f.conns {
		conns = append(conns, c)
	}
	f.mu.Unlock()
	for _, c := range conns {
		c.mu.Lock()
		_ = c.c.SetWriteDeadline(time.Now().Add(5 * time.Second))
		_ = c.c.WriteMessage(websocket.TextMessage, data)
		c.mu.Unlock()
	}
}

// exitTrade closes a trade the way a fill would: it leaves /status and an
// exit_fill event is published.
func (f *fakeBot) exitTrade(id int) {
	f.t.Helper()
	f.mu.Lock()
	var gone apiclient.OpenTrade
	kept := f.trades[:0:0]
	for _, t := range f.trades {
		if t.TradeID == id {
			gone = t
			continue
		}
		kept = append(kept, t)
	}
	f.trades = kept
	f.count.Current = len(kept)
	f.changed()
	f.mu.Unlock()
	f.publish(apiclient.ExitMsg{
		Type:        apiclient.MsgExitFill,
		EntryFields: apiclient.EntryFields{TradeID: id, Pair: gone.Pair, Amount: gone.Amount, Direction: "Long"},
		Gain:        "profit", IsFinalExit: true,
	})
}

// addTrade opens a trade and publishes an entry_fill event.
func (f *fakeBot) addTrade(t apiclient.OpenTrade) {
	f.t.Helper()
	f.mu.Lock()
	f.trades = append(f.trades, t)
	f.count.Current = len(f.trades)
	f.changed()
	f.mu.Unlock()
	f.publish(apiclient.EntryMsg{
		Type:        apiclient.MsgEntryFill,
		EntryFields: apiclient.EntryFields{TradeID: t.TradeID, Pair: t.Pair, Amount: t.Amount, Direction: "Long"},
	})
}

// readBody reads a request body for the record.
func readBody(r *http.Request) string {
	data, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	return string(data)
}

// writeJSON answers v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// lockID parses the {id} of a lock route.
func lockID(r *http.Request) int {
	id, _ := strconv.Atoi(r.PathValue("id"))
	return id
}

// routeName is the counted name of a request: "POST /forceexit".
func routeName(r *http.Request) string {
	return r.Method + " " + strings.TrimPrefix(r.URL.Path, apiclient.APIPrefix)
}
