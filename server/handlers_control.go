package server

import (
	"context"
	"net/http"
	"reflect"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// handleAddLocks answers POST /locks: a list of locks whose until must carry
// a timezone.
func (s *Server) handleAddLocks(w http.ResponseWriter, r *http.Request) {
	var reqs []apiclient.LockRequest
	if !s.decodeList(w, r, &reqs, maxListItems) {
		return
	}
	specs := make([]rpc.LockSpec, 0, len(reqs))
	for i, lr := range reqs {
		until, err := apiclient.ParseAwareTime(lr.Until)
		if err != nil { // checkAwareTime passed it, so this is a safety net
			s.writeInvalid(w, []problem{newProblem("timezone_aware", "Input should have timezone info", lr.Until, "body", i, "until")})
			return
		}
		specs = append(specs, rpc.LockSpec{Pair: lr.Pair, Side: lr.Side, Until: until, Reason: apiclient.Deref(lr.Reason)})
	}
	v, err := s.bot.AddLocks(r.Context(), specs)
	s.answer(w, r, locksBody(v), err)
}

func locksBody(l apiclient.Locks) apiclient.Locks {
	l.Locks = nonNil(l.Locks)
	return l
}

// withLocksBody makes a lock call answer an empty list as [], not null.
func withLocksBody[A any](call func(context.Context, A) (apiclient.Locks, error)) func(context.Context, A) (apiclient.Locks, error) {
	return func(ctx context.Context, a A) (apiclient.Locks, error) {
		v, err := call(ctx, a)
		return locksBody(v), err
	}
}

// addBlacklist is the bot call of POST /blacklist.
func (s *Server) addBlacklist(ctx context.Context, req apiclient.BlacklistRequest) (apiclient.Blacklist, error) {
	return s.bot.AddBlacklist(ctx, req.Blacklist)
}

// handleDeleteBlacklist answers DELETE /blacklist?pairs_to_delete=...
func (s *Server) handleDeleteBlacklist(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	pairs := p.strsOf(pairsToDeleteParam())
	if !p.ok(s, w) {
		return
	}
	v, err := s.bot.DeleteBlacklist(r.Context(), pairs)
	s.answer(w, r, v, err)
}

// handlePairCandles answers GET /pair_candles?pair=&timeframe=&limit=,
// checked as the POST body's fields are.
func (s *Server) handlePairCandles(w http.ResponseWriter, r *http.Request) {
	var req apiclient.PairCandlesRequest
	if problems := bindQuery(r.URL.Query(), reflect.ValueOf(&req).Elem(), s.now(), pairCandlesNames()...); len(problems) > 0 {
		s.writeInvalid(w, problems)
		return
	}
	v, err := s.bot.PairCandles(r.Context(), req)
	s.answer(w, r, v, err)
}
