package server

import (
	"net/http"

	"github.com/freqdeck/freqdeck/apiclient"
)

// handleTrades answers GET /trades with freqtrade's defaults and bounds.
func (s *Server) handleTrades(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := apiclient.TradesQuery{
		Limit:     p.intOf(tradesLimitParam()),
		Offset:    p.intOf(offsetParam()),
		OrderByID: p.optBool("order_by_id"),
	}
	if !p.ok(s, w) {
		return
	}
	if q.OrderByID == nil {
		q.OrderByID = apiclient.Ptr(true)
	}
	v, err := s.bot.Trades(r.Context(), q)
	v.Trades = nonNil(v.Trades)
	s.answer(w, r, v, err)
}

// handleOpenCustomData answers GET /trades/open/custom-data.
func (s *Server) handleOpenCustomData(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := apiclient.CustomDataQuery{
		Key:    p.strOf(keyParam()),
		Limit:  p.intOf(customDataLimitParam()),
		Offset: p.intOf(offsetParam()),
	}
	if !p.ok(s, w) {
		return
	}
	v, err := s.bot.OpenTradesCustomData(r.Context(), q)
	s.answer(w, r, nonNil(v), err)
}

// handleTradeCustomData answers GET /trades/{trade_id}/custom-data.
func (s *Server) handleTradeCustomData(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	id := p.pathInt("trade_id")
	key := p.strOf(keyParam())
	if !p.ok(s, w) {
		return
	}
	v, err := s.bot.TradeCustomData(r.Context(), id, key)
	s.answer(w, r, nonNil(v), err)
}

// handleForceEnter answers POST /forceenter and /forcebuy.
func (s *Server) handleForceEnter(w http.ResponseWriter, r *http.Request) {
	var req apiclient.ForceEnterRequest
	if !s.decodeBody(w, r, &req) {
		return
	}
	res, err := s.bot.ForceEnter(r.Context(), req)
	if err != nil {
		s.writeBotError(w, r, err)
		return
	}
	if res.Trade != nil {
		s.writeJSON(w, http.StatusOK, res.Trade)
		return
	}
	if res.Status == "" {
		res.Status = "Error entering " + req.Side + " trade for pair " + req.Pair + "."
	}
	s.writeJSON(w, http.StatusOK, apiclient.StatusResponse{Status: res.Status})
}
