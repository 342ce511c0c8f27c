package dryrun

import (
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/freqdeck/freqdeck/server/rpc"
)

// The bot's own bounds on what its API is given. The server checks the
// same and more (422s) before a request reaches the bot; these keep the
// bot safe when it is called directly, and name the field they refuse.
const (
	// maxPairLen is the longest pair, in characters.
	maxPairLen = 64
	// maxTagLen is where entry tags and lock reasons are cut, in
	// characters, as freqtrade cuts tags.
	maxTagLen = 255
	// maxLockYears bounds a lock's until on either side of now: far enough
	// for any lock, near enough that no duration overflows.
	maxLockYears = 100
)

// checkPair refuses an empty, overlong or malformed pair.
func checkPair(field, pair string) error {
	switch {
	case pair == "":
		return rpc.Invalid(field, "must not be empty")
	case !utf8.ValidString(pair):
		return rpc.Invalid(field, "must be valid UTF-8")
	case utf8.RuneCountInString(pair) > maxPairLen:
		return rpc.Invalid(field, "must be at most %d characters", maxPairLen)
	case strings.ContainsFunc(pair, unicode.IsControl):
		return rpc.Invalid(field, "must not hold control characters")
	}
	return nil
}

// checkPositive refuses a given number that is not finite and above 0.
func checkPositive(field string, v *float64) error {
	if v != nil && !(*v > 0 && !math.IsInf(*v, 1)) {
		return rpc.Invalid(field, "must be a finite number above 0, not %v", *v)
	}
	return nil
}

// cutText makes s valid UTF-8 and cuts it to n characters.
func cutText(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, k := 0, 0
	for i = range s {
		if k == n {
			break
		}
		k++
	}
	return s[:i]
}

// lockUntil maps a lock's wall-clock until onto the bot's clock, refusing
// one more than maxLockYears from now (wall) or that the clock's speed
// would carry past what a time.Duration holds.
func (b *Bot) lockUntil(until, now time.Time) (time.Time, error) {
	lo, hi := now.AddDate(-maxLockYears, 0, 0), now.AddDate(maxLockYears, 0, 0)
	if until.Before(lo) || until.After(hi) {
		return time.Time{}, rpc.Invalid("until", "must be within %d years of now, not %s", maxLockYears, until.UTC().Format(time.RFC3339))
	}
	if d := float64(until.Sub(b.clock.origin)) * b.clock.speed; math.Abs(d) >= math.MaxInt64/2 {
		return time.Time{}, rpc.Invalid("until", "is too far from now at market.speed %v", b.clock.speed)
	}
	return b.clock.at(until), nil
}
