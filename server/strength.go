package server

import (
	_ "embed" // the common-password list
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The strength rule for the secrets of a server that other machines can
// reach. A password or ws_token can only be guessed online (and guesses are
// throttled, see loginLimiter); the JWT secret can be attacked offline from
// any token seen on the wire, so it needs more.
const (
	// MinSecretLength is the shortest password or ws_token accepted on an
	// exposed address, in characters.
	MinSecretLength = 12
	// MinSecretBits is the least estimated entropy of a password or ws_token.
	MinSecretBits = 50
	// MinJWTSecretLength is the shortest jwt_secret_key accepted on an
	// exposed address (`openssl rand -hex 32` gives 64).
	MinJWTSecretLength = 24
	// MinJWTSecretBits is the least estimated entropy of a jwt_secret_key.
	MinJWTSecretBits = 100
)

// commonPasswordsText is the built-in list of common passwords and example
// secrets, one per line; "#" starts a comment line.
//
//go:embed common_passwords.txt
var commonPasswordsText string

// commonPasswords returns the built-in list, lower-cased.
func commonPasswords() []string {
	var list []string
	for line := range strings.Lines(commonPasswordsText) {
		line = strings.TrimRight(line, "\r\n")
		if line != "" && !strings.HasPrefix(line, "#") {
			list = append(list, strings.ToLower(line))
		}
	}
	return list
}

// secretWeakness says why secret is too weak to protect a server that other
// machines can reach, or returns "" when it is strong enough. The rule: not
// empty; not a common password or a documented example value; at least
// MinSecretLength characters (MinJWTSecretLength for the JWT secret); and an
// estimated entropy of at least MinSecretBits (MinJWTSecretBits), where
// repeats, runs such as "abc" or "123", common words and the given related
// words (the username) count for little.
func secretWeakness(secret string, jwt bool, related ...string) string {
	minLen, minBits := MinSecretLength, float64(MinSecretBits)
	if jwt {
		minLen, minBits = MinJWTSecretLength, MinJWTSecretBits
	}
	t := strings.ToLower(strings.TrimSpace(secret))
	words := commonPasswords()
	switch {
	case t == "":
		return "empty"
	case slices.Contains(words, t):
		return "a common password or an example value"
	case utf8.RuneCountInString(secret) < minLen:
		return fmt.Sprintf("shorter than %d characters", minLen)
	}
	if bits := estimateBits(secret, related...); bits < minBits {
		return fmt.Sprintf("too predictable (about %.0f bits; repeats, runs such as abc or 123, "+
			"and common words count for little; need %.0f)", bits, minBits)
	}
	return ""
}

// estimateBits estimates the entropy of secret in bits: the characters left
// once common words (and the related words, such as the username) are taken
// out, each worth log2 of the alphabet the secret draws from, plus about ten
// bits per word. A character repeating the previous one, continuing a run
// ("abc", "321"), or part of a repeat of an earlier stretch of three or more
// counts for nothing. Leetspeak ("p@ssw0rd") is read both ways and the lower
// estimate kept. It is a rough guide, not a guarantee: random strings score
// about their true entropy, and human patterns score low. Only the first
// maxEstimated characters are looked at.
func estimateBits(secret string, related ...string) float64 {
	words := commonPasswords()
	for _, r := range related {
		if r = strings.ToLower(strings.TrimSpace(r)); utf8.RuneCountInString(r) >= minWordLen {
			words = append(words, r)
		}
	}
	// Longest words first, so "password" is taken out before "pass".
	slices.SortFunc(words, func(a, b string) int { return len(b) - len(a) })
	perChar := math.Log2(float64(alphabetSize(secret)))
	wordBits := math.Log2(float64(len(words))) + 1
	lower := []rune(strings.ToLower(secret))
	if len(lower) > maxEstimated {
		lower = lower[:maxEstimated]
	}
	best := math.Inf(1)
	for _, form := range [][]rune{lower, unleet(lower)} {
		chars, nwords := effectiveChars(form, words)
		best = min(best, float64(chars)*perChar+float64(nwords)*wordBits)
	}
	return best
}

const (
	// minWordLen is the shortest list entry looked for inside a secret.
	minWordLen = 4
	// maxEstimated is how many characters of a secret are estimated; more
	// only add strength, and the repeat search is cubic in the length.
	maxEstimated = 256
)

// effectiveChars counts the characters of s that carry information once the
// given words are taken out, and how many words were.
func effectiveChars(s []rune, words []string) (chars, nwords int) {
	covered := make([]bool, len(s))
	for _, w := range words {
		wr := []rune(w)
		if len(wr) < minWordLen {
			continue
		}
		for i := 0; i+len(wr) <= len(s); i++ {
			if slices.Equal(s[i:i+len(wr)], wr) && !slices.Contains(covered[i:i+len(wr)], true) {
				for j := range wr {
					covered[i+j] = true
				}
				nwords++
			}
		}
	}
	for i := 0; i < len(s); {
		if covered[i] {
			i++
			continue
		}
		if n := earlierRepeat(s, covered, i); n >= 3 {
			chars++ // the whole repeat is about one choice
			i += n
			continue
		}
		if i == 0 || covered[i-1] || !predictable(s[i-1], s[i]) {
			chars++
		}
		i++
	}
	return chars, nwords
}

// predictable reports whether cur repeats prev or continues a run from it.
func predictable(prev, cur rune) bool {
	d := cur - prev
	return d >= -1 && d <= 1
}

// earlierRepeat returns the length of the longest stretch starting at i
// that also starts at an earlier position (the stretches may overlap), not
// crossing a covered word.
func earlierRepeat(s []rune, covered []bool, i int) int {
	longest := 0
	for j := 0; j < i; j++ {
		n := 0
		for i+n < len(s) && !covered[i+n] && s[j+n] == s[i+n] {
			n++
		}
		longest = max(longest, n)
	}
	return longest
}

// unleet returns s with the usual leetspeak substitutions undone.
func unleet(s []rune) []rune {
	const from, to = "013457@$!", "oieastasi"
	out := make([]rune, len(s))
	for i, r := range s {
		if k := strings.IndexRune(from, r); k >= 0 {
			r = rune(to[k])
		}
		out[i] = r
	}
	return out
}

// alphabetSize is the size of the character classes secret draws from:
// lower case, upper case, digits, ASCII symbols and space, anything else.
func alphabetSize(secret string) int {
	var lower, upper, digit, symbol, other bool
	for _, r := range secret {
		switch {
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= '0' && r <= '9':
			digit = true
		case r < utf8.RuneSelf && unicode.IsPrint(r):
			symbol = true
		default:
			other = true
		}
	}
	size := 0
	for _, c := range []struct {
		used bool
		n    int
	}{{lower, 26}, {upper, 26}, {digit, 10}, {symbol, 33}, {other, 100}} {
		if c.used {
			size += c.n
		}
	}
	return max(size, 2)
}
