package panes

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/freqdeck/freqdeck/apiclient"
)

// TimeOf returns the UTC time of a freqtrade timestamp in milliseconds, or,
// when ms is 0, of its date string; the zero time when neither is known.
func TimeOf(ms int64, date string) time.Time {
	if ms != 0 {
		return apiclient.FromMillis(ms)
	}
	t, err := apiclient.ParseDate(date)
	if err != nil {
		return time.Time{}
	}
	return t
}

// FormatDuration renders a duration compactly: "3.2s" under ten seconds,
// "42s", "12m", "2h 5m", "1d 2h". Negative durations render as "0.0s".
func FormatDuration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	switch {
	case d < 10*time.Second:
		return fmt.Sprintf("%.1fs", math.Floor(d.Seconds()*10)/10)
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh %dm", int(d/time.Hour), int(d%time.Hour/time.Minute))
	default:
		return fmt.Sprintf("%dd %dh", int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour))
	}
}

// FormatAge renders how old something is in whole units: "3s", "12m",
// "2h", "3d".
func FormatAge(d time.Duration) string {
	d = max(d, 0)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	default:
		return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
	}
}

// FormatPrice renders a price with about six significant digits and at
// least two decimals: 43210.50, 123.456, 1.23457, 0.000012340.
func FormatPrice(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	a := math.Abs(v)
	if a == 0 {
		return "0.00"
	}
	digits := int(math.Floor(math.Log10(a))) + 1 // digits before the point
	dec := min(max(6-digits, 2), 10)
	return strconv.FormatFloat(v, 'f', dec, 64)
}

// FormatMoney renders an amount of the stake currency: two decimals from
// 0.1 up, two significant digits below (0.012, 0.0012) so small BTC stakes
// still show.
func FormatMoney(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	a := math.Abs(v)
	if a >= 0.1 || a == 0 {
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	dec := min(1-int(math.Floor(math.Log10(a))), 10)
	return strconv.FormatFloat(v, 'f', dec, 64)
}

// FormatAmount renders an amount of coins: FormatPrice without trailing
// zeros (0.0123, 1.5, 250).
func FormatAmount(v float64) string {
	s := FormatPrice(v)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// FormatSignedMoney is FormatMoney with a "+" on positive values, so the
// sign is readable without colour.
func FormatSignedMoney(v float64) string {
	s := FormatMoney(v)
	return signed(s, v)
}

// FormatPercent renders a ratio (0.0123) as a signed percentage ("+1.23%",
// "-0.50%", "0.00%").
func FormatPercent(ratio float64) string {
	if math.IsNaN(ratio) || math.IsInf(ratio, 0) {
		return "-"
	}
	s := strconv.FormatFloat(ratio*100, 'f', 2, 64)
	return signed(s, ratio) + "%"
}

// signed adds "+" to a formatted positive value and drops the "-" of a
// negative value that rounds to zero.
func signed(s string, v float64) string {
	if isZero(s) {
		if s[0] == '-' {
			return s[1:]
		}
		return s
	}
	if v > 0 {
		return "+" + s
	}
	return s
}

// isZero reports whether a formatted number has only zero digits.
func isZero(s string) bool {
	for _, r := range s {
		if r >= '1' && r <= '9' {
			return false
		}
	}
	return true
}

// FormatFactor renders a factor such as the profit factor with two decimals,
// or "∞" when it is undefined (nil: no losses).
func FormatFactor(v *float64) string {
	if v == nil || math.IsInf(*v, 1) {
		return "∞"
	}
	if math.IsNaN(*v) {
		return "-"
	}
	return strconv.FormatFloat(*v, 'f', 2, 64)
}

// PnL returns the style for a money value: Profit above zero, Loss below,
// Neutral at zero.
func (s Styles) PnL(v float64) lipgloss.Style {
	switch {
	case v > 0:
		return s.Profit
	case v < 0:
		return s.Loss
	default:
		return s.Neutral
	}
}

// LevelStyle returns the style of a log level name (DEBUG, INFO, WARNING,
// ERROR, CRITICAL); unknown levels get Text.
func (s Styles) LevelStyle(level string) lipgloss.Style {
	switch level {
	case "DEBUG":
		return s.Level.Debug
	case "INFO":
		return s.Level.Info
	case "WARNING", "WARN":
		return s.Level.Warning
	case "ERROR":
		return s.Level.Error
	case "CRITICAL", "FATAL":
		return s.Level.Critical
	default:
		return s.Text
	}
}

// StateStyle returns the style of a bot state (running, paused, stopped);
// other states get Warning.
func (s Styles) StateStyle(state string) lipgloss.Style {
	switch state {
	case "running":
		return s.State.Running
	case "paused":
		return s.State.Paused
	case "stopped":
		return s.State.Stopped
	default:
		return s.Warning
	}
}
