package server

import "net/http"

// webserverRoutes are freqtrade's webserver-mode routes (§2.5). A trading
// bot answers them, after auth, with 503 "Bot is not in the correct state.",
// so FreqUI sees the same thing it sees on a real trading bot.
func webserverRoutes(s *Server) []route {
	h := s.handleWrongMode
	rs := []route{
		mk(get, v1+"/strategies", protected, h),
		mk(get, v1+"/exchanges", protected, h),
		mk(get, v1+"/hyperoptloss", protected, h),
		mk(get, v1+"/freqaimodels", protected, h),
		mk(get, v1+"/available_pairs", protected, h),
		mk(get, v1+"/pair_history", protected, h),
		mk(post, v1+"/pair_history", protected, h),
		mk(get, v1+"/pairlists/available", protected, h),
		mk(post, v1+"/pairlists/evaluate", protected, h),
		mk(get, v1+"/pairlists/evaluate/{jobid}", protected, h),
		mk(post, v1+"/download_data", protected, h),
		mk(get, v1+"/background", protected, h),
		mk(get, v1+"/background/{jobid}", protected, h),
		mk(post, v1+"/backtest", protected, h),
		mk(get, v1+"/backtest", protected, h),
		mk(del, v1+"/backtest", protected, h),
		mk(get, v1+"/backtest/abort", protected, h),
		mk(get, v1+"/backtest/history", protected, h),
		mk(get, v1+"/backtest/history/result", protected, h),
		mk(del, v1+"/backtest/history/{file}", protected, h),
		mk(http.MethodPatch, v1+"/backtest/history/{file}", protected, h),
		mk(get, v1+"/backtest/history/{file}/market_change", protected, h),
		mk(get, v1+"/backtest/history/{file}/wallet", protected, h),
	}
	for i := range rs {
		rs[i] = rs[i].doc("Webserver mode only: 503 on a trading bot")
	}
	return group("webserver", rs...)
}

// handleWrongMode answers a webserver-mode route on a trading bot.
func (s *Server) handleWrongMode(w http.ResponseWriter, _ *http.Request) {
	s.writeDetail(w, http.StatusServiceUnavailable, detailWrongState)
}
