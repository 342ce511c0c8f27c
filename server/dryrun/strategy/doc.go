// Package strategy is the embedded bot's built-in strategy, named Name:
// its parameters (Params), the EMA and RSI indicators, the analyzed
// dataframe of each pair (Frame) with its entry and exit signals, and what
// the API shows of it (AnalyzedDF and CandleMsgs for the WebSocket, History
// for /pair_candles, Code for /strategy, PlotConfig for /plot_config).
//
// Boundary: pure. Nothing here takes a lock or does I/O; a Frame is owned
// by one goroutine at a time (the bot keeps its frames under its lock), and
// the same candles and Params always give the same rows and signals.
//
// This package imports apiclient (wire types) and server/dryrun/market
// (candles) only.
package strategy
