package server

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun"
	"github.com/gorilla/websocket"
)

// testDF is pair's analyzed_df of rows rows from index first, analyzed at la.
func testDF(pair string, first int64, rows int, la time.Time) apiclient.AnalyzedDF {
	df := apiclient.DataFrame{Columns: []string{"date", "close"}}
	for i := range rows {
		df.Index = append(df.Index, first+int64(i))
		df.Data = append(df.Data, []any{la.UnixMilli(), float64(first) + float64(i)})
	}
	return apiclient.AnalyzedDF{Key: apiclient.PairKey{pair, "1m", "spot"}, DF: df, LA: apiclient.WSTime{Time: la}}
}

// TestDFCacheEncodesEachFrameOnce: between two candles the same answer is
// encoded once; a new candle, another limit or another pair is encoded
// anew, never served stale; the cache stays bounded.
func TestDFCacheEncodesEachFrameOnce(t *testing.T) {
	t.Parallel()
	la := time.Date(2024, 5, 1, 12, 1, 0, 0, time.UTC)
	var c dfCache
	get := func(df apiclient.AnalyzedDF, limit int) *websocket.PreparedMessage {
		t.Helper()
		pm, err := c.frame(df, limit)
		if err != nil {
			t.Fatal(err)
		}
		return pm
	}
	a := get(testDF("BTC/USDT", 0, 3, la), 3)
	if b := get(testDF("BTC/USDT", 0, 3, la), 3); b != a {
		t.Error("the same frame between two candles was encoded again")
	}
	for name, df := range map[string]apiclient.AnalyzedDF{
		"next candle":  testDF("BTC/USDT", 1, 3, la.Add(time.Minute)),
		"another pair": testDF("ETH/USDT", 0, 3, la),
		"one more row": testDF("BTC/USDT", 0, 4, la),
	} {
		if b := get(df, 3); b == a {
			t.Errorf("%s: served the stale frame", name)
		}
	}
	if b := get(testDF("BTC/USDT", 0, 3, la), 2); b == a {
		t.Error("another limit: served the frame of limit 3")
	}
	for i := range 3 * dfCacheSize {
		get(testDF(fmt.Sprintf("P%d/USDT", i), 0, 1, la), 1)
	}
	if n := len(c.entries); n > dfCacheSize {
		t.Errorf("cache holds %d frames, more than %d", n, dfCacheSize)
	}
}

// TestAnalyzedDFRepliesShareOneEncoding: through a real WebSocket, two
// connections asking the same analyzed_df between two candles get the same
// bytes, encoded once per pair.
func TestAnalyzedDFRepliesShareOneEncoding(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 12, 0, 17, 0, time.UTC)
	clock := func() time.Time { return now }
	s, _ := dryRunServer(t, dryrun.DefaultConfig(), clock, nil)
	ts := liveServer(t, s)
	ask := func() []byte {
		c := dialWS(t, ts.URL, testWS)
		defer c.Close()
		req := []byte(`{"type": "analyzed_df", "data": {"limit": 50, "pair": "BTC/USDT"}}`)
		if err := c.WriteMessage(websocket.TextMessage, req); err != nil {
			t.Fatal(err)
		}
		if err := c.SetReadDeadline(time.Now().Add(10 * time.Second)); err != nil {
			t.Fatal(err)
		}
		for {
			_, msg, err := c.ReadMessage()
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(msg, []byte(`"type":"analyzed_df"`)) && bytes.Contains(msg, []byte(`"BTC/USDT"`)) {
				return msg
			}
		}
	}
	first, second := ask(), ask()
	if !bytes.Equal(first, second) {
		t.Error("the two answers differ between two candles")
	}
	s.dfs.mu.Lock()
	n := len(s.dfs.entries)
	s.dfs.mu.Unlock()
	if n != 1 {
		t.Errorf("%d encoded frames kept for one pair and limit, want 1", n)
	}
}
