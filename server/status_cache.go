package server

import (
	"net/http"
	"sync"

	"github.com/freqdeck/freqdeck/server/rpc"
)

// statusCache holds the encoded /status body of one bot version.
type statusCache struct {
	mu    sync.Mutex
	ver   uint64
	body  []byte
	valid bool
}

func (c *statusCache) get(ver uint64) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.body, c.valid && c.ver == ver
}

func (c *statusCache) put(ver uint64, body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ver, c.body, c.valid = ver, body, true
}

// handleStatus answers GET /status. When the bot implements
// rpc.StatusVersioner the encoded body is reused until the version moves; the
// version is read before and after the call, so a body is only cached when
// no change raced with it.
func (s *Server) handleStatus(w http.ResponseWriter, r *http.Request) {
	sv, ok := s.bot.(rpc.StatusVersioner)
	if !ok {
		serveList(s, s.bot.Status)(w, r)
		return
	}
	before := sv.StatusVersion()
	if body, hit := s.status.get(before); hit {
		writeRawJSON(w, http.StatusOK, body)
		return
	}
	trades, err := s.bot.Status(r.Context())
	if err != nil {
		s.writeBotError(w, r, err)
		return
	}
	body, err := marshalJSON(nonNil(trades))
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	if sv.StatusVersion() == before {
		s.status.put(before, body)
	}
	writeRawJSON(w, http.StatusOK, body)
}

// stampDate sets the Date header from the bot's clock when the bot has one
// (rpc.Clock), as the answer's header goes out (net/http keeps a Date header
// a handler has set): a request whose body came slowly is not answered with
// the time it began.
func (s *Server) stampDate(next http.Handler) http.Handler {
	clock, ok := s.bot.(rpc.Clock)
	if !ok {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&dateWriter{ResponseWriter: w, now: clock.Now}, r)
	})
}
