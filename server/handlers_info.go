package server

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/freqdeck/freqdeck/apiclient"
)

// handlePing answers GET and HEAD /ping.
func (s *Server) handlePing(w http.ResponseWriter, _ *http.Request) {
	s.writeJSON(w, http.StatusOK, apiclient.Ping{Status: "pong"})
}

// handleVersion answers GET /version with the configured version.
func (s *Server) handleVersion(w http.ResponseWriter, _ *http.Request) {
	s.writeJSON(w, http.StatusOK, apiclient.Version{Version: s.cfg.Version})
}

// handleLogs answers GET /logs?limit=.
func (s *Server) handleLogs(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	limit := p.intOf(logsLimitParam())
	if !p.ok(s, w) {
		return
	}
	logs, err := s.bot.Logs(r.Context(), limit)
	logs.Logs = nonNil(logs.Logs)
	s.answer(w, r, logs, err)
}

// handlePlotConfig answers GET /plot_config?strategy=.
func (s *Server) handlePlotConfig(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	strategy := p.str("strategy")
	if !p.ok(s, w) {
		return
	}
	pc, err := s.bot.PlotConfig(r.Context(), strategy)
	if err == nil && pc.MainPlot != nil && pc.Subplots == nil {
		pc.Subplots = map[string]map[string]map[string]any{}
	}
	s.answer(w, r, pc, err)
}

// handleMarkets answers GET /markets.
func (s *Server) handleMarkets(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := apiclient.MarketsQuery{
		Base:        p.str("base"),
		Quote:       p.str("quote"),
		Exchange:    p.str("exchange"),
		TradingMode: p.enum("trading_mode", "spot", "margin", "futures"),
		MarginMode:  p.enum("margin_mode", "cross", "isolated"),
	}
	if !p.ok(s, w) {
		return
	}
	v, err := s.bot.Markets(r.Context(), q)
	s.answer(w, r, v, err)
}

// handleStrategy answers GET /strategy/{strategy}.
func (s *Server) handleStrategy(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("strategy")
	if !utf8.ValidString(name) {
		s.writeInvalid(w, []problem{unicodeProblem(name, "path", "strategy")})
		return
	}
	if strings.Contains(name, ":") {
		s.writeDetail(w, http.StatusInternalServerError, "base64 encoded strategies are not allowed.")
		return
	}
	v, err := s.bot.Strategy(r.Context(), name)
	s.answer(w, r, v, err)
}

// handleSysInfo answers GET /sysinfo from the machine, not the bot.
func (s *Server) handleSysInfo(w http.ResponseWriter, r *http.Request) {
	v, err := s.sysinfo(r.Context())
	s.answer(w, r, v, err)
}

// handlePeriodic answers /daily, /weekly and /monthly: timescale is q,
// 1..maxTimescale.
func (s *Server) handlePeriodic(unit apiclient.PeriodUnit, q queryParam) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := newParams(r)
		n := p.intOf(q)
		if !p.ok(s, w) {
			return
		}
		v, err := s.bot.PeriodicProfit(r.Context(), unit, n)
		s.answer(w, r, v, err)
	}
}
