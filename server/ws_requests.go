package server

import (
	"context"
	"encoding/json"
	"math"
	"slices"

	"github.com/freqdeck/freqdeck/apiclient"
)

// handleRequest handles one client frame (§4.2). Invalid frames are logged
// and ignored; a failing bot call is answered with an "exception" message.
// Over the connection's request rate (overLimit), only a subscribe is
// applied; other requests are dropped (ws_policy.go).
func (s *Server) handleRequest(ctx context.Context, c *client, frame []byte, overLimit bool) {
	var req apiclient.WSRequest
	if err := json.Unmarshal(frame, &req); err != nil {
		s.log.Debug("server: invalid websocket frame", "remote", c.remote, "err", err)
		return
	}
	if overLimit && req.Type != apiclient.ReqSubscribe {
		s.log.Debug("server: websocket request over the rate dropped", "remote", c.remote, "type", req.Type)
		return
	}
	switch req.Type {
	case apiclient.ReqSubscribe:
		if subs, ok := parseSubscription(req.Data); ok {
			c.subs.Store(&subs)
		}
	case apiclient.ReqWhitelist:
		wl, err := s.bot.Whitelist(ctx)
		if err != nil {
			s.replyException(c, err)
			return
		}
		s.reply(c, apiclient.WhitelistMsg{Type: apiclient.MsgWhitelist, Data: nonNil(wl.Whitelist)})
	case apiclient.ReqAnalyzedDF:
		s.replyAnalyzedDF(ctx, c, req.Data)
	default:
		s.log.Debug("server: unknown websocket request", "remote", c.remote, "type", req.Type)
	}
}

// parseSubscription reads a subscribe list. ok is false (no change) for a
// null or empty list, a list that is not all strings, or any unknown type.
func parseSubscription(data json.RawMessage) ([]apiclient.MessageType, bool) {
	var list []apiclient.MessageType
	if err := json.Unmarshal(data, &list); err != nil || len(list) == 0 {
		return nil, false
	}
	for _, t := range list {
		if !validMessageType(t) {
			return nil, false
		}
	}
	return slices.Clip(list), true
}

// validMessageType: freqtrade's types plus freqdeck's log extension.
func validMessageType(t apiclient.MessageType) bool {
	return t.IsStandard() || t == apiclient.MsgLog
}

// analyzedDFArgs reads an analyzed_df request's data: no limit when data is
// null or {}, else limit (default and ceiling 1500) and an optional pair.
func analyzedDFArgs(data json.RawMessage) (pair string, limit int, ok bool) {
	if len(data) == 0 || string(data) == "null" {
		return "", 0, true
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return "", 0, false
	}
	if len(raw) == 0 {
		return "", 0, true
	}
	var req struct {
		Limit *float64 `json:"limit"`
		Pair  *string  `json:"pair"`
	}
	if err := json.Unmarshal(data, &req); err != nil {
		return "", 0, false
	}
	limit = apiclient.MaxAnalyzedDFLimit
	if req.Limit != nil {
		limit = int(math.Min(math.Trunc(*req.Limit), apiclient.MaxAnalyzedDFLimit))
	}
	return apiclient.Deref(req.Pair), limit, true
}

// replyAnalyzedDF answers an analyzed_df request with one message per pair.
func (s *Server) replyAnalyzedDF(ctx context.Context, c *client, data json.RawMessage) {
	pair, limit, ok := analyzedDFArgs(data)
	if !ok {
		s.log.Debug("server: invalid analyzed_df request", "remote", c.remote)
		return
	}
	dfs, err := s.bot.AnalyzedDF(ctx, pair, limit)
	if err != nil {
		s.replyException(c, err)
		return
	}
	for _, df := range dfs {
		frame, err := s.dfs.frame(df, limit)
		if err != nil {
			s.log.Error("server: encode websocket reply", "err", err)
			return
		}
		s.hub.enqueue(c, frame)
	}
}

// replyException tells the client its request failed, as freqtrade does.
func (s *Server) replyException(c *client, err error) {
	s.log.Warn("server: websocket request failed", "remote", c.remote, "err", err)
	s.reply(c, apiclient.ExceptionMsg{Type: apiclient.MsgException, Data: "Error processing request"})
}
