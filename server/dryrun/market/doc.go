// Package market is the embedded bot's price source: OHLCV candles from a
// seeded random walk with volatility regimes (Sim), or from freqtrade OHLCV
// data (Replay, ParseOHLCV), played on one candle clock shared by all
// pairs.
//
// Boundary: pure. Nothing here takes a lock or does I/O; a value is owned
// by one goroutine at a time (the bot keeps its Source under its lock).
// Reading data files is the caller's job: server/dryrun reads them and
// hands the bytes to ParseOHLCV and the candles to Replay.Add. The same
// seed, pairs and start always give the same candles.
//
// This package imports only the standard library.
package market
