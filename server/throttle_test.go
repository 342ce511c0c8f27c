package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// stepClock is a clock that tests move by hand.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *stepClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// call sends one request to the live server and returns its status, its
// Retry-After header and its detail (when the body has one).
func call(t *testing.T, base, method, path string, hdr ...string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(method, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Detail any `json:"detail"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	detail, _ := body.Detail.(string)
	return resp.StatusCode, resp.Header.Get("Retry-After"), detail
}

// TestLoginThrottle: after 10 failed Basic or login attempts in a minute
// from one address (here loopback, as through an SSH tunnel), every further
// attempt from it, right or wrong, is 429 with Retry-After until the minute
// ends; Bearer requests and requests without credentials are not attempts.
func TestLoginThrottle(t *testing.T) {
	t.Parallel()
	clock := &stepClock{t: testNow()}
	s, _ := newTestServer(t, testConfig(), WithClock(clock.now))
	srv := httptest.NewServer(s)
	defer srv.Close()
	access, _ := login(t, s)
	right, wrong := basicAuth(testUser, testPass), basicAuth(testUser, "guess")

	for i := range LoginFailureLimit {
		path := "/api/v1/count"
		method := http.MethodGet
		if i%2 == 1 { // failures on /token/login count the same
			path, method = "/api/v1/token/login", http.MethodPost
		}
		if code, _, _ := call(t, srv.URL, method, path, "Authorization", wrong); code != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d, want 401", i+1, code)
		}
		clock.advance(time.Second)
	}
	elapsed := time.Duration(LoginFailureLimit) * time.Second
	left := strconv.Itoa(int((LoginWindow - elapsed).Seconds()))
	wantDetail := "Too many failed login attempts; retry in " + left + " s"
	for name, req := range map[string][]string{
		"right Basic":        {http.MethodGet, "/api/v1/count", right},
		"wrong Basic":        {http.MethodGet, "/api/v1/count", wrong},
		"right login":        {http.MethodPost, "/api/v1/token/login", right},
		"malformed Basic":    {http.MethodGet, "/api/v1/count", "Basic !!!"},
		"login without auth": {http.MethodPost, "/api/v1/token/login", ""},
	} {
		code, retry, detail := call(t, srv.URL, req[0], req[1], "Authorization", req[2])
		if code != http.StatusTooManyRequests || retry != left || detail != wantDetail {
			t.Errorf("%s while refused: %d, Retry-After %q, %q; want 429, %s, %q", name, code, retry, detail, left, wantDetail)
		}
	}
	if code, _, _ := call(t, srv.URL, http.MethodGet, "/api/v1/count", "Authorization", "Bearer "+access); code != http.StatusOK {
		t.Fatalf("Bearer while refused: %d, want 200", code)
	}
	if code, _, _ := call(t, srv.URL, http.MethodGet, "/api/v1/count"); code != http.StatusUnauthorized {
		t.Fatalf("no credentials while refused: %d, want 401", code)
	}
	// Another address is not affected.
	req := httptest.NewRequest(http.MethodGet, "/api/v1/count", nil)
	req.RemoteAddr = "192.0.2.7:4242"
	req.Header.Set("Authorization", right)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("other address: %d, want 200", rec.Code)
	}

	clock.advance(LoginWindow - elapsed - time.Second)
	if code, retry, _ := call(t, srv.URL, http.MethodGet, "/api/v1/count", "Authorization", right); code != http.StatusTooManyRequests || retry != "1" {
		t.Fatalf("one second before the end: %d, Retry-After %q", code, retry)
	}
	clock.advance(time.Second)
	if code, _, _ := call(t, srv.URL, http.MethodGet, "/api/v1/count", "Authorization", right); code != http.StatusOK {
		t.Fatalf("after the window: %d, want 200", code)
	}
	// A new window starts from zero.
	if code, _, _ := call(t, srv.URL, http.MethodGet, "/api/v1/count", "Authorization", wrong); code != http.StatusUnauthorized {
		t.Fatalf("first failure of a new window: %d, want 401", code)
	}
}

// TestLoginThrottleBody: the 429 body is freqtrade-style JSON.
func TestLoginThrottleBody(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	for range LoginFailureLimit {
		request(t, s, post, "/api/v1/token/login", "", "Authorization", basicAuth(testUser, "nope"))
	}
	rec := request(t, s, post, "/api/v1/token/login", "", "Authorization", basicAuth(testUser, testPass))
	var body apiclient.DetailBody
	wantJSON(t, rec, http.StatusTooManyRequests, &body)
	if body.Detail != "Too many failed login attempts; retry in 60 s" || rec.Header().Get("Retry-After") != "60" {
		t.Fatalf("429 %q, Retry-After %q", body.Detail, rec.Header().Get("Retry-After"))
	}
}

// TestLoginLimiterBounded: the table keeps at most its size, dropping the
// oldest windows, and forgets windows that have ended.
func TestLoginLimiterBounded(t *testing.T) {
	t.Parallel()
	clock := &stepClock{t: testNow()}
	l := newLoginLimiter(clock.now)
	l.size = 8
	for i := range 100 {
		l.fail("198.51.100." + strconv.Itoa(i) + ":1")
		if len(l.entries) > l.size || l.order.Len() != len(l.entries) {
			t.Fatalf("after %d addresses: %d entries, %d in order", i+1, len(l.entries), l.order.Len())
		}
	}
	if _, ok := l.entries["198.51.100.99"]; !ok {
		t.Fatal("the newest address was dropped")
	}
	if _, ok := l.entries["198.51.100.0"]; ok {
		t.Fatal("the oldest address was kept")
	}
	clock.advance(LoginWindow)
	l.fail("203.0.113.1:1")
	if len(l.entries) != 1 {
		t.Fatalf("%d entries after the window, want only the new one", len(l.entries))
	}
}

func TestSourceKey(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"127.0.0.1:5000":                "127.0.0.1",
		"192.0.2.1:1":                   "192.0.2.1",
		"[::ffff:192.0.2.1]:1":          "192.0.2.1",
		"[2001:db8:1:2:aaaa::1]:443":    "2001:db8:1:2::/64",
		"[2001:db8:1:2:bbbb::9]:443":    "2001:db8:1:2::/64",
		"[fe80::1%eth0]:80":             "fe80::/64",
		"[::1]:8080":                    "::/64",
		"not an address":                "not an address",
		"@unix":                         "@unix",
		"2001:db8:1:3::1":               "2001:db8:1:3::/64",
		"[2001:db8:1:3:ffff::]:1":       "2001:db8:1:3::/64",
		"[2001:db8:1:4:ffff::]:1":       "2001:db8:1:4::/64",
		"[2001:db8:1:4:ffff::]:notport": "2001:db8:1:4::/64",
	} {
		if got := sourceKey(in); got != want {
			t.Errorf("sourceKey(%q) = %q, want %q", in, got, want)
		}
	}
}
