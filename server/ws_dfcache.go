package server

import (
	"sync"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/gorilla/websocket"
)

// dfCacheSize bounds the encoded analyzed_df frames kept (one per pair and
// limit asked): at 1,500 rows a frame is a few hundred KB.
const dfCacheSize = 64

// dfKey names one analyzed_df answer: a pair's frame cut to a limit.
type dfKey struct {
	pair  string
	limit int
}

// dfEntry is an encoded analyzed_df frame and the candles it was encoded
// from: the frame's last analysis, first dataframe index and row count.
type dfEntry struct {
	la    time.Time
	first int64
	rows  int
	frame *websocket.PreparedMessage
}

// dfCache keeps the encoded analyzed_df frames, so that many requests
// between two candles (a flood, or many consumers) encode each frame once:
// frames change only when a candle closes. Safe for concurrent use.
type dfCache struct {
	mu      sync.Mutex
	entries map[dfKey]dfEntry
}

// frame returns the encoded analyzed_df message of df (asked with limit),
// from the cache when df's candles are those it was encoded from.
func (c *dfCache) frame(df apiclient.AnalyzedDF, limit int) (*websocket.PreparedMessage, error) {
	key := dfKey{pair: df.Key[0], limit: limit}
	first := int64(-1)
	if len(df.DF.Index) > 0 {
		first = df.DF.Index[0]
	}
	// Held while encoding: a burst of requests for a new candle encodes
	// each frame once, not once per request.
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok && e.la.Equal(df.LA.Time) && e.first == first && e.rows == len(df.DF.Index) {
		return e.frame, nil
	}
	pm, err := prepare(apiclient.AnalyzedDFMsg{Type: apiclient.MsgAnalyzedDF, Data: df})
	if err != nil {
		return nil, err
	}
	if _, held := c.entries[key]; c.entries == nil || !held && len(c.entries) >= dfCacheSize {
		c.entries = make(map[dfKey]dfEntry, dfCacheSize)
	}
	c.entries[key] = dfEntry{la: df.LA.Time, first: first, rows: len(df.DF.Index), frame: pm}
	return pm, nil
}
