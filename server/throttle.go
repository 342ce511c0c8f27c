package server

import (
	"container/list"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Login throttling: after LoginFailureLimit failed Basic or /token/login
// attempts from one source address within LoginWindow (counted from its
// first failure), every further attempt from it, right or wrong, is
// answered 429 until that window ends, so a right guess cannot be told
// apart. Loopback counts like any other address, because an SSH tunnel
// arrives there. IPv6 addresses are counted per /64, what one host
// usually holds. Requests with a Bearer token are not login attempts and
// pass. The table remembers at most loginTableSize addresses, forgetting
// the oldest windows first.
const (
	// LoginFailureLimit is how many failed logins an address may make in
	// one LoginWindow before it is refused.
	LoginFailureLimit = 10
	// LoginWindow is the window the failures are counted in, and the
	// longest an address stays refused.
	LoginWindow = time.Minute
	// loginTableSize bounds the addresses remembered.
	loginTableSize = 4096
)

// loginLimiter counts failed logins per source address.
type loginLimiter struct {
	now    func() time.Time
	limit  int
	window time.Duration
	size   int

	mu      sync.Mutex
	entries map[string]*list.Element // of *loginEntry
	order   list.List                // oldest window first
}

// loginEntry is one address's current window.
type loginEntry struct {
	key      string
	start    time.Time // the window's first failure
	failures int
}

func newLoginLimiter(now func() time.Time) *loginLimiter {
	return &loginLimiter{
		now: now, limit: LoginFailureLimit, window: LoginWindow, size: loginTableSize,
		entries: map[string]*list.Element{},
	}
}

// retryAfter returns how long the address of remoteAddr stays refused; 0
// means it may try.
func (l *loginLimiter) retryAfter(remoteAddr string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.entries) == 0 {
		return 0 // the usual case: no failures at all
	}
	el, ok := l.entries[sourceKey(remoteAddr)]
	if !ok {
		return 0
	}
	e := el.Value.(*loginEntry)
	left := e.start.Add(l.window).Sub(l.now())
	if left <= 0 || e.failures < l.limit {
		return 0
	}
	return left
}

// fail records a failed attempt from remoteAddr and reports whether it was
// the one that reached the limit.
func (l *loginLimiter) fail(remoteAddr string) bool {
	key := sourceKey(remoteAddr)
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	// Windows have one length, so the oldest ends first.
	for front := l.order.Front(); front != nil; front = l.order.Front() {
		if e := front.Value.(*loginEntry); now.Before(e.start.Add(l.window)) {
			break
		}
		l.forget(front)
	}
	if el, ok := l.entries[key]; ok {
		e := el.Value.(*loginEntry)
		e.failures++
		return e.failures == l.limit
	}
	if l.order.Len() >= l.size {
		l.forget(l.order.Front())
	}
	l.entries[key] = l.order.PushBack(&loginEntry{key: key, start: now, failures: 1})
	return l.limit == 1
}

func (l *loginLimiter) forget(el *list.Element) {
	delete(l.entries, el.Value.(*loginEntry).key)
	l.order.Remove(el)
}

// sourceKey is the throttled unit of a request's RemoteAddr: the IP
// address, or its /64 for IPv6.
func sourceKey(remoteAddr string) string {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	ip = ip.Unmap()
	if ip.Is4() {
		return ip.String()
	}
	p, err := ip.WithZone("").Prefix(64)
	if err != nil {
		return ip.String()
	}
	return p.String()
}

// throttled answers 429 when r's address is refused and reports whether it
// did.
func (s *Server) throttled(w http.ResponseWriter, r *http.Request) bool {
	left := s.logins.retryAfter(r.RemoteAddr)
	if left <= 0 {
		return false
	}
	secs := int(math.Ceil(left.Seconds()))
	closeAfterRefusal(w, r)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	s.writeJSON(w, http.StatusTooManyRequests, apiclient.DetailBody{
		Detail: fmt.Sprintf("Too many failed login attempts; retry in %d s", secs),
	})
	return true
}

// loginFailed records a failed login from r's address, logging when the
// address has just reached the limit.
func (s *Server) loginFailed(r *http.Request) {
	if s.logins.fail(r.RemoteAddr) {
		s.log.Warn("server: too many failed logins; refusing the address for the rest of the window",
			"remote", sourceKey(r.RemoteAddr), "failures", s.logins.limit, "window", s.logins.window)
	}
}

// closeAfterRefusal makes a refused request that carries a body close its
// connection as soon as it is answered. net/http would otherwise read and
// discard up to 256 KB of the body to reuse the connection, which a client
// sending it slowly stretches to the read timeout; an expired read deadline
// makes that read fail at once.
func closeAfterRefusal(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength == 0 {
		return
	}
	w.Header().Set("Connection", "close")
	// ErrNotSupported (a recorder, not a connection) is fine.
	_ = http.NewResponseController(w).SetReadDeadline(time.Now())
}
