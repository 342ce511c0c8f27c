package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/gorilla/websocket"

	"github.com/freqdeck/freqdeck/apiclient"
)

// fuzzBody checks a body decoder never panics and answers either a typed
// call of the bot (200, or 502 from the fake bot) whose argument passes
// check, or a 422 that never reaches the bot.
func fuzzBody(f *testing.F, target string, check func(t *testing.T, arg any), seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		s, bot := newTestServer(t, testConfig())
		rec := authed(t, s, post, target, body)
		switch rec.Code {
		case http.StatusOK, http.StatusBadGateway:
			if len(bot.Calls()) != 1 {
				t.Fatalf("status %d with calls %v", rec.Code, bot.Calls())
			}
			wantJSON(t, rec, rec.Code, nil)
			check(t, bot.Calls()[0].Args[0])
		case http.StatusUnprocessableEntity:
			var vb validationBody
			wantJSON(t, rec, rec.Code, &vb)
			if len(vb.Detail) == 0 || len(bot.Calls()) != 0 {
				t.Fatalf("422 %s with calls %v", rec.Body, bot.Calls())
			}
		default:
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	})
}

func FuzzForceEnterBody(f *testing.F) {
	fuzzBody(f, "/api/v1/forceenter", checkForceEnter, `{"pair": "ETH/BTC"}`, `{"pair": "A", "side": "short", "price": "1e3", "leverage": 2}`,
		`{"pair": 1}`, `{`, ``, `null`, `[]`, `{"pair": "A", "stakeamount": 1e999}`,
		`{"pair": "A/B", "stakeamount": 0, "price": -1}`, `{"pair": "A/B", "price": 1e300, "ordertype": "limit"}`,
		"{\"pair\": \"A/\xff\", \"entry_tag\": \"\\ud800\"}", `{"pair": "A/B:C", "entry_tag": "`+strings.Repeat("t", 300)+`"}`)
}

func FuzzForceExitBody(f *testing.F) {
	fuzzBody(f, "/api/v1/forceexit", checkForceExit, `{"tradeid": 1, "amount": -1}`, `{"tradeid": 1, "price": "0"}`, `{"tradeid": 1}`, `{"tradeid": "all"}`, `{"tradeid": 1.5}`, `{"tradeid": "1", "amount": "x"}`,
		`{"tradeid": 99999999999999999999}`, `{"tradeid": true}`)
}

func FuzzLocksBody(f *testing.F) {
	fuzzBody(f, "/api/v1/locks", checkLocks, `[{"pair": "", "until": "9999-12-31T00:00:00Z"}]`, `[{"pair": "A/B", "until": "0001-01-01T00:00:00Z"}]`,
		`[{"pair": "A/B", "until": "2030-01-01 00:00:00Z"}]`, `[{"pair": "A/B", "until": "2030-01-01"}]`,
		`[{"pair": "A/B", "until": "2030-13-45T99:00:00+25:00"}]`, `{}`, `[1, null]`, `[{"pair": "*", "side": "long", "until": "2030-01-01T00:00:00.123456-05:30", "reason": null}]`)
}

func FuzzBlacklistBody(f *testing.F) {
	fuzzBody(f, "/api/v1/blacklist", checkBlacklist, "{\"blacklist\": [\"\xfe\"]}", `{"blacklist": ["A/B"]}`, `{"blacklist": []}`, `{"blacklist": [null]}`, `{"blacklist": {"a": 1}}`)
}

func FuzzPairCandlesBody(f *testing.F) {
	fuzzBody(f, "/api/v1/pair_candles", checkPairCandles, `{"pair": "A/B", "timeframe": "5m", "limit": 1501}`, `{"pair": "A/B", "timeframe": "5m"}`, `{"pair": "A/B", "timeframe": "5m", "limit": -1, "columns": ["a"]}`,
		`{"pair": "A/B", "timeframe": "5m", "limit": 1e20}`, `{"columns": null}`)
}

// FuzzWSFrame: any client frame is either handled (valid subscription or
// a decodable reply) or ignored, never a panic.
func FuzzWSFrame(f *testing.F) {
	for _, s := range []string{
		`{"type": "subscribe", "data": ["entry"]}`, `{"type": "subscribe", "data": ["x"]}`, `{"type": "whitelist"}`,
		`{"type": "analyzed_df", "data": {"limit": 5, "pair": "ETH/BTC"}}`, `{"type": "analyzed_df", "data": {"limit": -1e308}}`,
		`{"type": "analyzed_df", "data": []}`, `{"type": 5}`, `garbage`, `{"type": "subscribe", "data": [null]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, frame []byte) {
		s, _ := newTestServer(t, testConfig())
		c := &client{send: make(chan *websocket.PreparedMessage, 64), done: make(chan struct{})}
		s.handleRequest(context.Background(), c, frame, false)
		if subs := c.subs.Load(); subs != nil {
			for _, typ := range *subs {
				if !validMessageType(typ) {
					t.Fatalf("subscribed to invalid type %q", typ)
				}
			}
		}
		if len(c.send) > 0 {
			var probe apiclient.WSRequest
			if err := json.Unmarshal(frame, &probe); err != nil {
				t.Fatalf("reply to an undecodable frame %q", frame)
			}
		}
	})
}
