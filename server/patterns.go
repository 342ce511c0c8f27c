package server

import "regexp"

// The named patterns of `pattern=<name>` constraints. A pair is a ccxt
// symbol, BASE/QUOTE or BASE/QUOTE:SETTLE (futures; options add a
// "-expiry-strike-type" suffix to SETTLE), whose parts hold no '/', ':',
// space or control character. Other scripts are allowed: exchanges list
// tokens named in them. A lock pair may also be "*", freqtrade's global
// lock. These are compiled once and only read.
var (
	pairPattern     = regexp.MustCompile(`^[^/: \p{Cc}]+/[^/: \p{Cc}]+(:[^/: \p{Cc}]+)?$`)
	lockPairPattern = regexp.MustCompile(`^(\*|[^/: \p{Cc}]+/[^/: \p{Cc}]+(:[^/: \p{Cc}]+)?)$`)
)

// namedPattern returns the pattern of a `pattern=<name>` constraint, or
// nil for an unknown name.
func namedPattern(name string) *regexp.Regexp {
	switch name {
	case "pair":
		return pairPattern
	case "lockpair":
		return lockPairPattern
	}
	return nil
}
