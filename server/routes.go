package server

import (
	"net/http"

	"github.com/freqdeck/freqdeck/apiclient"
)

const (
	get  = http.MethodGet
	head = http.MethodHead
	post = http.MethodPost
	del  = http.MethodDelete
	v1   = apiclient.APIPrefix
)

// routeTable is the whole HTTP surface, one line per route: freqtrade-api.md
// §2.1–§2.6 plus the WebSocket, the OpenAPI document and the UI.
func (s *Server) routeTable() []route {
	b := s.bot
	pair := pairFilterParam()
	daily, weekly, monthly := timescaleParam(7), timescaleParam(4), timescaleParam(3)
	var rs []route
	rs = append(rs, group("auth",
		mk(get, v1+"/ping", public, s.handlePing).doc("Liveness, no auth").out(apiclient.Ping{}),
		mk(head, v1+"/ping", public, s.handlePing).doc("Liveness, no auth").out(apiclient.Ping{}),
		mk(post, v1+"/token/login", public, s.handleLogin).doc("Basic credentials → access and refresh tokens").out(apiclient.Tokens{}),
		mk(post, v1+"/token/refresh", public, s.handleRefresh).doc("Bearer refresh token → new access token").out(apiclient.Tokens{}),
	)...)
	rs = append(rs, group("info",
		mk(get, v1+"/version", protected, s.handleVersion).doc("Bot version").out(apiclient.Version{}),
		mk(get, v1+"/show_config", protected, serve(s, b.ShowConfig)).doc("Running configuration").out(apiclient.ShowConfig{}),
		mk(get, v1+"/logs", protected, s.handleLogs).doc("Recent log rows").params(logsLimitParam()).out(apiclient.Logs{}),
		mk(get, v1+"/plot_config", protected, s.handlePlotConfig).doc("Strategy plot config").params(strParam("strategy", false)).out(apiclient.PlotConfig{}),
		mk(get, v1+"/markets", protected, s.handleMarkets).doc("Exchange markets").params(marketParams()...).out(apiclient.Markets{}),
		mk(get, v1+"/strategy/{strategy}", protected, s.handleStrategy).doc("Strategy source and parameters").out(apiclient.StrategyInfo{}),
		mk(get, v1+"/sysinfo", protected, s.handleSysInfo).doc("CPU per core and RAM usage").out(apiclient.SysInfo{}),
		mk(get, v1+"/health", protected, serve(s, b.Health)).doc("Bot loop times").out(apiclient.Health{}),
	)...)
	rs = append(rs, group("statistics",
		mk(get, v1+"/balance", protected, serve(s, b.Balance)).doc("Wallet balances").out(apiclient.Balances{}),
		mk(get, v1+"/historic_balance", protected, serve(s, b.HistoricBalance)).doc("Wallet total over time (FreqUI's wallet chart)").out(apiclient.WalletHistory{}),
		mk(get, v1+"/count", protected, serve(s, b.Count)).doc("Open trade count").out(apiclient.Count{}),
		mk(get, v1+"/entries", protected, servePair(s, b.Entries)).doc("Profit by entry tag").params(pair).out([]apiclient.EntryStat{}),
		mk(get, v1+"/exits", protected, servePair(s, b.Exits)).doc("Profit by exit reason").params(pair).out([]apiclient.ExitStat{}),
		mk(get, v1+"/mix_tags", protected, servePair(s, b.MixTags)).doc("Profit by entry tag and exit reason").params(pair).out([]apiclient.MixTagStat{}),
		mk(get, v1+"/performance", protected, serveList(s, b.Performance)).doc("Profit by pair").out([]apiclient.Performance{}),
		mk(get, v1+"/profit", protected, serve(s, b.Profit)).doc("Profit summary").out(apiclient.Profit{}),
		mk(get, v1+"/profit_all", protected, serve(s, b.ProfitAll)).doc("Profit summary, all/long/short").out(apiclient.ProfitAll{}),
		mk(get, v1+"/stats", protected, serve(s, b.Stats)).doc("Exit reasons and durations").out(apiclient.Stats{}),
		mk(get, v1+"/daily", protected, s.handlePeriodic(apiclient.Daily, daily)).doc("Profit per day").params(daily).out(apiclient.PeriodicProfit{}),
		mk(get, v1+"/weekly", protected, s.handlePeriodic(apiclient.Weekly, weekly)).doc("Profit per week").params(weekly).out(apiclient.PeriodicProfit{}),
		mk(get, v1+"/monthly", protected, s.handlePeriodic(apiclient.Monthly, monthly)).doc("Profit per month").params(monthly).out(apiclient.PeriodicProfit{}),
	)...)
	rs = append(rs, s.tradeRoutes()...)
	rs = append(rs, s.controlRoutes()...)
	rs = append(rs, webserverRoutes(s)...)
	rs = append(rs, s.extraRoutes()...)
	return rs
}

func (s *Server) tradeRoutes() []route {
	b := s.bot
	return group("trades",
		mk(get, v1+"/status", protected, s.handleStatus).doc("Open trades").out([]apiclient.OpenTrade{}),
		mk(get, v1+"/trades", protected, s.handleTrades).doc("Closed trades, one page").params(tradesParams()...).out(apiclient.TradesResponse{}),
		mk(get, v1+"/trade/{tradeid}", protected, serveID(s, "tradeid", b.Trade)).doc("One trade").out(apiclient.OpenTrade{}),
		mk(del, v1+"/trades/{tradeid}", protected, serveID(s, "tradeid", b.DeleteTrade)).doc("Delete a trade").out(apiclient.DeleteTradeResult{}),
		mk(del, v1+"/trades/{tradeid}/open-order", protected, serveID(s, "tradeid", b.CancelOpenOrder)).doc("Cancel a trade's open order").out(apiclient.OpenTrade{}),
		mk(post, v1+"/trades/{tradeid}/reload", protected, serveID(s, "tradeid", b.ReloadTrade)).doc("Re-sync a trade from its orders").out(apiclient.OpenTrade{}),
		mk(get, v1+"/trades/open/custom-data", protected, s.handleOpenCustomData).doc("Custom data of open trades").params(keyParam(), customDataLimitParam(), offsetParam()).out([]apiclient.TradeCustomData{}),
		mk(get, v1+"/trades/{trade_id}/custom-data", protected, s.handleTradeCustomData).doc("Custom data of one trade").params(keyParam()).out([]apiclient.TradeCustomData{}),
		mk(post, v1+"/forceenter", protected, s.handleForceEnter).doc("Open a trade").in(apiclient.ForceEnterRequest{}).out(apiclient.ForceEnterResult{}),
		mk(post, v1+"/forcebuy", protected, s.handleForceEnter).doc("Deprecated alias of /forceenter").in(apiclient.ForceEnterRequest{}).out(apiclient.ForceEnterResult{}),
		mk(post, v1+"/forceexit", protected, serveBody(s, b.ForceExit)).doc("Exit a trade (or \"all\")").in(apiclient.ForceExitRequest{}).out(apiclient.ResultResponse{}),
		mk(post, v1+"/forcesell", protected, serveBody(s, b.ForceExit)).doc("Deprecated alias of /forceexit").in(apiclient.ForceExitRequest{}).out(apiclient.ResultResponse{}),
	)
}

func (s *Server) controlRoutes() []route {
	b := s.bot
	return group("control",
		mk(post, v1+"/start", protected, serve(s, b.Start)).doc("Start the trader").out(apiclient.StatusResponse{}),
		mk(post, v1+"/stop", protected, serve(s, b.Stop)).doc("Stop the trader").out(apiclient.StatusResponse{}),
		mk(post, v1+"/pause", protected, serve(s, b.Pause)).doc("Pause entries").out(apiclient.StatusResponse{}),
		mk(post, v1+"/stopentry", protected, serve(s, b.Pause)).doc("Alias of /pause").out(apiclient.StatusResponse{}),
		mk(post, v1+"/stopbuy", protected, serve(s, b.Pause)).doc("Alias of /pause").out(apiclient.StatusResponse{}),
		mk(post, v1+"/reload_config", protected, serve(s, b.ReloadConfig)).doc("Reload the configuration").out(apiclient.StatusResponse{}),
		mk(get, v1+"/locks", protected, serve(s, b.Locks)).doc("Active pair locks").out(apiclient.Locks{}),
		mk(post, v1+"/locks", protected, s.handleAddLocks).doc("Add pair locks").inList([]apiclient.LockRequest{}, maxListItems).out(apiclient.Locks{}),
		mk(del, v1+"/locks/{lockid}", protected, serveID(s, "lockid", withLocksBody(b.DeleteLock))).doc("Delete a lock by id").out(apiclient.Locks{}),
		mk(post, v1+"/locks/delete", protected, serveBody(s, withLocksBody(b.DeleteLocks))).doc("Delete locks by pair and/or id").in(apiclient.DeleteLocksRequest{}).out(apiclient.Locks{}),
		mk(get, v1+"/whitelist", protected, serve(s, b.Whitelist)).doc("Active whitelist").out(apiclient.Whitelist{}),
		mk(get, v1+"/blacklist", protected, serve(s, b.Blacklist)).doc("Blacklist").out(apiclient.Blacklist{}),
		mk(post, v1+"/blacklist", protected, serveBody(s, s.addBlacklist)).doc("Add to the blacklist").in(apiclient.BlacklistRequest{}).out(apiclient.Blacklist{}),
		mk(del, v1+"/blacklist", protected, s.handleDeleteBlacklist).doc("Remove from the blacklist").params(pairsToDeleteParam()).out(apiclient.Blacklist{}),
		mk(get, v1+"/pair_candles", protected, s.handlePairCandles).doc("Analyzed candles of a pair").params(pairCandlesQuery()...).out(apiclient.PairHistory{}),
		mk(post, v1+"/pair_candles", protected, serveBody(s, b.PairCandles)).doc("Analyzed candles, selected columns").in(apiclient.PairCandlesRequest{}).out(apiclient.PairHistory{}),
	)
}

// extraRoutes are the WebSocket, the OpenAPI document and the UI (§2.6).
func (s *Server) extraRoutes() []route {
	rs := group("websocket",
		mk(get, v1+"/message/ws", public, s.handleWS).doc("Message WebSocket; ?token= is a ws_token or an access JWT"),
	)
	rs = append(rs, group("docs",
		mk(get, "/openapi.json", public, s.handleOpenAPI).doc("This document (404 unless enabled)"),
		mk(get, "/docs", public, s.handleDocs).doc("API documentation page (404 unless enabled)"),
	)...)
	return append(rs, group("ui",
		mk(get, "/ui_version", public, s.handleUIVersion).doc("Installed UI version").out(apiclient.Version{}),
		mk(get, "/favicon.ico", public, s.handleFavicon).doc("UI icon"),
		mk(get, "/fallback_file.html", public, s.handleFallback).doc("How to install a UI"),
		mk(get, "/{path...}", public, s.handleUI).doc("The UI, with SPA fallback to index.html"),
	)...)
}
