package rpctest

// The Bot's fault injection. A method is named as in rpc.Bot ("Status",
// "ForceExit", "AnalyzedDF", ...). The error decides the server's answer: an
// *rpc.Error (rpc.Errorf) is freqtrade's 502 {"error": "Error querying
// <path>: <msg>"}, an *rpc.HTTPError its own status with {"detail": ...}, and
// anything else a logged 500 {"detail": "Internal Server Error"}. When
// several faults match a call, the newest one answers.

// SetError makes every call of method return err until it is cleared with a
// nil err (which clears FailNext's faults for method too).
func (b *Bot) SetError(method string, err error) {
	b.setFault(method, err, -1)
}

// FailNext makes the next n calls of method return err; later calls answer
// normally again. An empty method counts calls of every method.
func (b *Bot) FailNext(method string, n int, err error) {
	if n <= 0 || err == nil {
		return
	}
	b.setFault(method, err, n)
}

// FailAll makes every call of every method return err: a bot that is up but
// failing, for example with rpc.Errorf("trader is not running"). A nil err
// clears it.
func (b *Bot) FailAll(err error) {
	b.setFault("", err, -1)
}

// ClearFaults removes every fault set with SetError, FailNext and FailAll.
// Holds stay until released.
func (b *Bot) ClearFaults() {
	b.mu.Lock()
	b.faults.clear()
	b.mu.Unlock()
	b.sig.changed()
}

// Hold makes calls of method wait until release is called, then answer as
// usual (faults included). A held call whose context ends first returns the
// context's error, which the server answers 500 to a client that has gone.
// An empty method holds every call: the bot hangs. Held calls are recorded
// when they start, so a test can wait for one with Wait and CallsTo.
// Release every hold before the test's server closes (t.Cleanup(release)
// after Serve runs first), or the close waits for the held request.
func (b *Bot) Hold(method string) (release func()) {
	return b.holds.hold(method)
}

// setFault replaces method's faults with err for n calls (n < 0: every
// call), or clears them when err is nil.
func (b *Bot) setFault(method string, err error, n int) {
	b.mu.Lock()
	if n < 0 || err == nil {
		b.faults.remove(method)
	}
	if err != nil {
		b.faults.add(rule[error]{key: method, ans: err, left: n})
	}
	b.mu.Unlock()
	b.sig.changed()
}
