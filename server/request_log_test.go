package server

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// recordSink is a slog.Handler that hands every record to a channel, so a
// test waits for a log line instead of sleeping.
type recordSink chan map[string]any

// Enabled implements slog.Handler.
func (recordSink) Enabled(context.Context, slog.Level) bool { return true }

// Handle implements slog.Handler.
func (c recordSink) Handle(_ context.Context, r slog.Record) error {
	m := map[string]any{"msg": r.Message, "level": r.Level.String()}
	r.Attrs(func(a slog.Attr) bool {
		m[a.Key] = a.Value.Any()
		return true
	})
	c <- m
	return nil
}

// WithAttrs implements slog.Handler.
func (c recordSink) WithAttrs([]slog.Attr) slog.Handler { return c }

// WithGroup implements slog.Handler.
func (c recordSink) WithGroup(string) slog.Handler { return c }

func (c recordSink) next(t *testing.T) map[string]any {
	t.Helper()
	select {
	case m := <-c:
		return m
	case <-time.After(wsTimeout):
		t.Fatal("no request logged")
		return nil
	}
}

// TestRequestLog: one line per request with method, path, status, size,
// duration and remote; never the token or the Authorization header.
func TestRequestLog(t *testing.T) {
	t.Parallel()
	sink := make(recordSink, 8)
	s, _ := newTestServer(t, testConfig(), WithRequestLog(slog.New(sink)))
	rec := request(t, s, get, "/api/v1/version?token=s3cret&x=1", "", "Authorization", basicAuth(testUser, testPass))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	m := sink.next(t)
	if m["msg"] != "request" || m["level"] != "INFO" || m["method"] != get || m["path"] != "/api/v1/version" ||
		m["query"] != "token=REDACTED&x=1" || m["status"] != int64(200) || m["bytes"] != int64(rec.Body.Len()) ||
		m["remote"] == "" {
		t.Fatalf("logged %v", m)
	}
	if _, ok := m["duration"].(time.Duration); !ok {
		t.Fatalf("duration %T", m["duration"])
	}
	for k, v := range m {
		if str, _ := v.(string); strings.Contains(str, "s3cret") || strings.Contains(str, testPass) ||
			strings.Contains(str, "Basic ") || strings.EqualFold(k, "authorization") {
			t.Fatalf("secret logged: %s=%v", k, v)
		}
	}
	// Errors are logged with their status; a path alone has no query.
	request(t, s, get, "/api/v1/nope", "")
	if m := sink.next(t); m["status"] != int64(404) || m["query"] != nil {
		t.Fatalf("logged %v", m)
	}
	if redactQuery("token=%zz") != "[unparsable]" {
		t.Fatal("an unparsable query was logged")
	}
}

// TestRequestLogKeepsWebSocket: the WebSocket upgrades through the logging
// writer, works, and is logged as 101 when it closes.
func TestRequestLogKeepsWebSocket(t *testing.T) {
	t.Parallel()
	sink := make(recordSink, 8)
	s, bot := newTestServer(t, testConfig(), WithRequestLog(slog.New(sink)))
	c := dialWS(t, liveServer(t, s).URL, testWS)
	send(t, c, `{"type": "subscribe", "data": ["entry"]}`)
	syncWS(t, c)
	publish(t, bot, entryMsg(7))
	if m, ok := next(t, c).(apiclient.EntryMsg); !ok || m.TradeID != 7 {
		t.Fatalf("got %+v, want entry 7", m)
	}
	c.Close()
	m := sink.next(t)
	if m["path"] != "/api/v1/message/ws" || m["status"] != int64(101) || m["query"] != "token=REDACTED" {
		t.Fatalf("logged %v", m)
	}
}
