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

// Clock is optionally implemented by a Bot whose clock is not the wall clock
// (the dry-run bot's simulated market runs faster than real time). The server
// stamps each response's Date header with it, as a real freqtrade's Date
// header carries its host's clock, so consoles can measure durations and lock
// countdowns on the bot's clock.
type Clock interface {
	// Now returns the bot's current time.
	Now() time.Time
}
