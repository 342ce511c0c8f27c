// Package metrics is the embedded bot's trade arithmetic and statistics, as
// freqtrade computes them (spot, leverage 1): a trade's value and profit,
// its position rebuilt from its orders (Recalc), its wire form with its
// current profit (OpenTradeJSON for /status, RawTradeJSON for /trades), the
// wallet, and the answers of /profit, /stats, /performance, /entries,
// /exits, /mix_tags, /daily, /weekly, /monthly and /balance, computed from
// a Book.
//
// Boundary: pure. Nothing here takes a lock or does I/O. The functions read
// the trades they are given (Recalc also updates its one trade) and keep
// nothing, so the caller decides what they see: the bot's own trades under
// its lock, or copies taken under the lock and read after it is released.
//
// This package imports apiclient (wire types), server/dryrun/market (pair
// names) and server/store (for its Trade and Order types only; it never
// opens a store).
package metrics
