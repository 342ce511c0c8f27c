// Package market is the embedded bot's price source, on the wall clock's
// candle grid: a seeded random walk with volatility regimes stepping once a
// second (Sim), or freqtrade OHLCV data shifted onto the clock (Replay,
// ParseOHLCV). A Source advances to a time and returns Frames, stretches
// of the price path cut at candle closes, with each pair's candle so far;
// the newest candle is the one in progress. Its state per pair (PairState)
// lets a restart continue the prices where they stopped. Precision gives a
// market's price tick and amount step.
//
// Boundary: pure. Nothing here takes a lock or does I/O; a value is owned
// by one goroutine at a time (the bot keeps its Source under its lock).
// Reading data files is the caller's job: server/dryrun reads them and
// hands the bytes to ParseOHLCV and the candles to Replay.Add. The same
// seed and pairs always give the same fresh history, whatever the start
// date.
//
// This package imports only the standard library.
package market
