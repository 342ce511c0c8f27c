package rpc

import "time"

// StatusVersioner is optionally implemented by a Bot that can tell when its
// /status answer changes. The server then encodes /status once per version
// instead of once per request: consoles and FreqUI poll it far more often
// than trades or rates move.
type StatusVersioner interface {
	// StatusVersion returns a number that changes whenever Status's answer
	// would change. It must be cheap and safe for concurrent use.
	StatusVersion() uint64
}

// Clock is optionally implemented by a Bot that keeps its own clock. The
// server stamps each response's Date header with it, as a real freqtrade's
// Date header carries its host's clock. The dry-run bot's clock is the wall
// clock, except under its demo option market.speed > 1, where the header
// then agrees with the (future) dates of its trades.
type Clock interface {
	// Now returns the bot's current time.
	Now() time.Time
}
