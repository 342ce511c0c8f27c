package dryrun

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// StakeAmount is freqtrade's stake_amount: a fixed amount of stake currency
// per trade, or "unlimited" (the available balance split over the free
// trade slots). In TOML it is a number or the string "unlimited".
type StakeAmount struct {
	Unlimited bool
	Value     float64
}

// UnlimitedStake returns the "unlimited" stake amount.
func UnlimitedStake() StakeAmount { return StakeAmount{Unlimited: true} }

// FixedStake returns a fixed stake amount.
func FixedStake(v float64) StakeAmount { return StakeAmount{Value: v} }

// String returns the amount as /show_config sends it: "unlimited" or the
// number.
func (s StakeAmount) String() string {
	if s.Unlimited {
		return "unlimited"
	}
	return strconv.FormatFloat(s.Value, 'f', -1, 64)
}

// UnmarshalTOML implements toml.Unmarshaler.
func (s *StakeAmount) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case int64:
		*s = FixedStake(float64(x))
	case float64:
		*s = FixedStake(x)
	case string:
		return s.UnmarshalText([]byte(x))
	default:
		return fmt.Errorf(`stake_amount must be a number or "unlimited", not %T`, v)
	}
	return nil
}

// MarshalTOML implements toml.Marshaler.
func (s StakeAmount) MarshalTOML() ([]byte, error) {
	if s.Unlimited {
		return []byte(`"unlimited"`), nil
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler ("unlimited" or a
// number), for flags and environment variables.
func (s *StakeAmount) UnmarshalText(b []byte) error {
	str := strings.TrimSpace(string(b))
	if strings.EqualFold(str, "unlimited") {
		*s = UnlimitedStake()
		return nil
	}
	v, err := strconv.ParseFloat(str, 64)
	if err != nil {
		return fmt.Errorf(`stake_amount must be a number or "unlimited", not %q`, str)
	}
	*s = FixedStake(v)
	return nil
}

// MaxTimeframe is the longest timeframe ParseTimeframe accepts: a year.
// Longer ones make no sense for a bot and, in minutes or seconds, overflow a
// time.Duration.
const MaxTimeframe = 365 * 24 * time.Hour

// ParseTimeframe parses a freqtrade timeframe such as "1m", "5m", "1h",
// "1d" or "1w": a positive decimal count (digits only) and a unit, at most
// MaxTimeframe.
func ParseTimeframe(tf string) (time.Duration, error) {
	if len(tf) < 2 {
		return 0, fmt.Errorf("invalid timeframe %q", tf)
	}
	// M is ccxt's month: 30 days.
	units := map[byte]time.Duration{'s': time.Second, 'm': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour,
		'M': 30 * 24 * time.Hour}
	u, ok := units[tf[len(tf)-1]]
	if !ok {
		return 0, fmt.Errorf("invalid timeframe %q (use s, m, h, d, w or M)", tf)
	}
	digits := tf[:len(tf)-1]
	if strings.Trim(digits, "0123456789") != "" {
		return 0, fmt.Errorf("invalid timeframe %q: the count must be digits only", tf)
	}
	// Counts above MaxTimeframe/u are refused before the multiplication, so
	// it cannot overflow; ParseInt's own range error covers longer strings.
	n, err := strconv.ParseInt(digits, 10, 64)
	if err == nil && n > int64(MaxTimeframe/u) {
		err = strconv.ErrRange
	}
	switch {
	case errors.Is(err, strconv.ErrRange):
		return 0, fmt.Errorf("invalid timeframe %q: longer than %s", tf, maxTimeframeText)
	case err != nil || n <= 0:
		return 0, fmt.Errorf("invalid timeframe %q: the count must be at least 1", tf)
	}
	return time.Duration(n) * u, nil
}

// maxTimeframeText is MaxTimeframe in an error message.
const maxTimeframeText = "a year (365d)"
