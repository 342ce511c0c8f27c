package rpctest

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Faults is an http.Handler in front of the API server (or any handler) that
// records every request and injects the failures a console must survive.
//
// A route names requests as "METHOD /path", the path without anything up to
// and including /api/v1: "GET /status", "POST /forceexit", "DELETE
// /locks/7", "GET /message/ws" (the WebSocket handshake). Paths outside the
// API keep their whole path ("GET /"). An empty route means every request.
//
// A request first counts (Requests, Hits, Wait), then meets, in order: the
// down switch (Down), holds and pauses (Hold, Pause), then the newest fault
// rule for its route (Fail, FailNext, FailUntil); only a request that passes
// them all reaches the server. Faults is safe for concurrent use.
type Faults struct {
	next  http.Handler
	now   func() time.Time
	sig   *signal
	holds *holds

	mu      sync.Mutex
	rules   rules[Answer]
	down    bool
	pauses  []func()
	reqs    []Request
	streams []*stream
	conns   map[*faultConn]struct{} // accepted by NewServer's listener
	refused int
}

// FaultsOption configures Faults.
type FaultsOption func(*Faults)

// WithFaultsClock sets the clock FailUntil's ends are read on (default
// time.Now).
func WithFaultsClock(now func() time.Time) FaultsOption { return func(f *Faults) { f.now = now } }

// NewFaults returns Faults in front of next, with no fault set.
func NewFaults(next http.Handler, opts ...FaultsOption) *Faults {
	sig := newSignal()
	f := &Faults{next: next, now: time.Now, sig: sig, holds: newHolds(sig), conns: map[*faultConn]struct{}{}}
	for _, o := range opts {
		o(f)
	}
	return f
}

// Answer is a canned HTTP answer.
type Answer struct {
	// Status is the HTTP status (200 when zero).
	Status int
	// ContentType is the Content-Type header (none when empty).
	ContentType string
	// Body is sent as is.
	Body string
	// HangUp closes the connection without any answer, as a crashed bot
	// does; the other fields are ignored.
	HangUp bool
}

// Detail is freqtrade's {"detail": detail} answer, for example Detail(401,
// "Unauthorized") or Detail(503, "Service Unavailable").
func Detail(status int, detail string) Answer {
	return jsonAnswer(status, apiclient.DetailBody{Detail: detail})
}

// RPCError is the 502 answer freqtrade gives when a bot call raises: {"error":
// "Error querying /api/v1/<path>: <msg>"}, the path taken from route.
func RPCError(route, msg string) Answer {
	_, path, _ := strings.Cut(route, " ")
	return jsonAnswer(http.StatusBadGateway, apiclient.ErrorBody{Error: "Error querying " + apiclient.APIPrefix + path + ": " + msg})
}

// HTML is an HTML page, what a web server or proxy answers on a wrong base
// path.
func HTML(status int, page string) Answer {
	return Answer{Status: status, ContentType: "text/html; charset=utf-8", Body: page}
}

// HangUp is the answer that closes the connection without a word.
func HangUp() Answer { return Answer{HangUp: true} }

func jsonAnswer(status int, v any) Answer {
	body, err := json.Marshal(v)
	if err != nil {
		// Only the package's own body types come here.
		panic("rpctest: encode answer: " + err.Error())
	}
	return Answer{Status: status, ContentType: "application/json", Body: string(body)}
}

// write sends a on w; a HangUp answer is the caller's to give.
func (a Answer) write(w http.ResponseWriter) {
	if a.ContentType != "" {
		w.Header().Set("Content-Type", a.ContentType)
	}
	w.WriteHeader(max(a.Status, http.StatusOK))
	_, _ = w.Write([]byte(a.Body))
}

// hangUp closes the request's connection without an answer.
func hangUp(w http.ResponseWriter) {
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		_ = conn.Close()
		return
	}
	panic(http.ErrAbortHandler) // net/http closes the connection, no answer
}

// Fail answers every request of route with a until the fault is cleared
// (ClearFaults). It takes over from older faults of the route.
func (f *Faults) Fail(route string, a Answer) { f.addRule(rule[Answer]{key: route, ans: a, left: -1}) }

// FailNext answers the next n requests of route with a; later requests
// pass again.
func (f *Faults) FailNext(route string, n int, a Answer) {
	if n > 0 {
		f.addRule(rule[Answer]{key: route, ans: a, left: n})
	}
}

// FailUntil answers the requests of route with a until the Faults clock
// reaches until: "500s for 20 s" is FailUntil("", now.Add(20*time.Second),
// Detail(500, ...)) with a clock the test advances.
func (f *Faults) FailUntil(route string, until time.Time, a Answer) {
	f.addRule(rule[Answer]{key: route, ans: a, left: -1, until: until})
}

// ClearFaults removes every fault rule. Holds, pauses and the down switch
// stay as they are.
func (f *Faults) ClearFaults() {
	f.mu.Lock()
	f.rules.clear()
	f.mu.Unlock()
	f.sig.changed()
}

func (f *Faults) addRule(r rule[Answer]) {
	f.mu.Lock()
	f.rules.add(r)
	f.mu.Unlock()
	f.sig.changed()
}

// match returns the fault answer for route, if any.
func (f *Faults) match(route string) (Answer, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.rules.match(route, f.now())
}

// Hold makes requests of route wait, before they reach the server, until
// release is called or their client gives up; then they go on as usual. An
// empty route holds every request and stalls the streams, as Pause does.
func (f *Faults) Hold(route string) (release func()) { return f.holds.hold(route) }

// Pause freezes the bot as a stopped process would: every request waits
// before the server until Resume (a client's timeout ends its wait), and the
// open WebSockets stall: the server reads nothing (no pong, no request) and
// writes nothing until Resume, or until a deadline the server set on the
// connection passes.
func (f *Faults) Pause() {
	release := f.holds.hold("")
	f.mu.Lock()
	f.pauses = append(f.pauses, release)
	f.mu.Unlock()
}

// Resume ends every Pause: waiting requests go on, stalled streams flow.
func (f *Faults) Resume() {
	f.mu.Lock()
	pauses := f.pauses
	f.pauses = nil
	f.mu.Unlock()
	for _, release := range pauses {
		release()
	}
}

// Down takes the bot down: open connections (WebSockets included) are
// closed; with NewServer's listener new connections are closed as soon as
// they are accepted (counted by Refused), and a request that reaches the
// handler anyway is hung up on. Up brings it back.
func (f *Faults) Down() {
	f.mu.Lock()
	f.down = true
	conns := f.openConns()
	f.mu.Unlock()
	f.sig.changed()
	for _, c := range conns {
		_ = c.Close()
	}
}

// Up ends Down: connections are served again.
func (f *Faults) Up() {
	f.mu.Lock()
	f.down = false
	f.mu.Unlock()
	f.sig.changed()
}

func (f *Faults) isDown() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.down
}

// ServeHTTP implements http.Handler.
func (f *Faults) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := f.record(r)
	rec := &recorder{ResponseWriter: w, f: f, r: r, id: id}
	if f.isDown() {
		hangUp(w)
		return
	}
	route := routeOf(r)
	if err := f.holds.wait(r.Context(), route); err != nil {
		return // the client gave up
	}
	if f.isDown() {
		hangUp(w)
		return
	}
	if a, ok := f.match(route); ok {
		if a.HangUp {
			hangUp(w)
			return
		}
		a.write(rec)
		return
	}
	f.next.ServeHTTP(rec, r)
	rec.finish()
}
