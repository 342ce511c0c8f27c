// Package strategy is the embedded bot's built-in strategy, named Name:
// the EMA and RSI indicators, the analyzed dataframe of each pair (Frame)
// with its entry and exit signals, and the dataframe's wire forms
// (AnalyzedDF for the WebSocket, History for /pair_candles).
//
// Boundary: pure. Nothing here takes a lock or does I/O; a Frame is owned
// by one goroutine at a time (the bot keeps its frames under its lock), and
// the same candles and Params always give the same rows and signals.
//
// This package imports apiclient (wire types) and server/dryrun/market
// (candles) only.
package strategy
