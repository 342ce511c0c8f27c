package action

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"
)

// Attempt is one action on one bot, as the audit log names it on each of
// its lines.
type Attempt struct {
	// ID is the request id (NewID).
	ID string
	// Batch groups the attempts of one command on several bots.
	Batch string
	// Via is the front end: "console", "client" or "host".
	Via   string
	Actor *Actor
	Bot   string
	Kind  Kind
	// Target is what the action is about: a trade id, a lock id, a pair,
	// "all", or "" (start, stop...).
	Target string
	// Request is the request body or parameters, recorded on the attempt
	// line only.
	Request any
}

// Key is the registry key of the attempt.
func (a Attempt) Key() Key { return Key{Kind: a.Kind, Target: a.Target} }

// Record writes a's line of phase p; r is what came of it (ignored on the
// attempt line, which carries the request instead).
func (l *Log) Record(now time.Time, a Attempt, p Phase, r Result) error {
	e := Entry{
		Time: now.UTC(), ID: a.ID, Batch: a.Batch, Phase: p, Via: a.Via, Actor: a.Actor,
		Bot: a.Bot, Action: a.Kind.String(), Target: a.Target,
	}
	if p == PhaseAttempt {
		e.Request = a.Request
	} else {
		e.Outcome, e.Result, e.Status, e.Answer = r.Outcome, r.Text, r.Status, r.Answer
	}
	return l.Write(e)
}

// Call is an action's API call: the bot's result text, or its error.
type Call func(ctx context.Context) (string, error)

// Do records the attempt (on disk before the call starts, so a crash in the
// call leaves it on record), makes the call, reads its answer (Read) and
// records the result. A failed record does not stop the call, since an
// operator's exit must not wait on a full disk; it comes back as auditErr
// for the front end to show.
func Do(ctx context.Context, l *Log, now func() time.Time, a Attempt, call Call) (r Result, auditErr error) {
	auditErr = l.Record(now(), a, PhaseAttempt, Result{})
	text, err := call(ctx)
	r = Read(a.Kind, text, err)
	return r, errors.Join(auditErr, l.Record(now(), a, PhaseResult, r))
}

// NewID returns a new random request (or batch) id: 12 hex digits.
func NewID() string {
	var b [6]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}
