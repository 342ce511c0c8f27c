package apiclient

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"time"
)

// DateFormat is freqtrade's DATETIME_PRINT_FORMAT, used for the date strings in
// trade, order, lock and profit JSON (naive UTC).
const DateFormat = "2006-01-02 15:04:05"

// DayFormat is the format of the date in /daily, /weekly and /monthly rows.
const DayFormat = "2006-01-02"

// FormatDate formats t in freqtrade's DateFormat, in UTC.
func FormatDate(t time.Time) string { return t.UTC().Format(DateFormat) }

// ParseDate parses a freqtrade DateFormat string as UTC.
func ParseDate(s string) (time.Time, error) {
	t, err := time.ParseInLocation(DateFormat, s, time.UTC)
	if err != nil {
		return time.Time{}, fmt.Errorf("apiclient: parse date %q: %w", s, err)
	}
	return t, nil
}

// Millis returns t as milliseconds since the epoch.
func Millis(t time.Time) int64 { return t.UnixMilli() }

// FromMillis converts milliseconds since the epoch to a UTC time.
func FromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// WSTime is a datetime as the message WebSocket sends it: orjson's RFC 3339,
// "2024-05-01T12:00:01.123456+00:00" for aware values (microseconds only when
// non-zero) and no offset at all for naive ones.
type WSTime struct {
	time.Time
	// Naive marks a datetime sent without an offset (naive UTC).
	Naive bool
}

// MarshalJSON implements json.Marshaler.
func (t WSTime) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	u := t.UTC()
	layout := "2006-01-02T15:04:05"
	if u.Nanosecond()/1000 != 0 {
		layout += ".000000"
	}
	s := u.Format(layout)
	if !t.Naive {
		s += "+00:00"
	}
	return []byte(`"` + s + `"`), nil
}

// UnmarshalJSON implements json.Unmarshaler. It accepts RFC 3339 with or
// without an offset, and null.
func (t *WSTime) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*t = WSTime{}
		return nil
	}
	s, err := unquote(b)
	if err != nil {
		return err
	}
	parsed, naive, err := parseFlexibleTime(s)
	if err != nil {
		return err
	}
	*t = WSTime{Time: parsed, Naive: naive}
	return nil
}

// ISOTime is a datetime as pydantic writes it in REST responses:
// "2024-05-01T12:00:01.123456Z", with microseconds only when non-zero.
type ISOTime struct{ time.Time }

// MarshalJSON implements json.Marshaler.
func (t ISOTime) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	u := t.UTC()
	layout := "2006-01-02T15:04:05"
	if u.Nanosecond()/1000 != 0 {
		layout += ".000000"
	}
	return []byte(`"` + u.Format(layout) + `Z"`), nil
}

// UnmarshalJSON implements json.Unmarshaler. It accepts "Z", a numeric
// offset or no offset (read as UTC), and null.
func (t *ISOTime) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*t = ISOTime{}
		return nil
	}
	s, err := unquote(b)
	if err != nil {
		return err
	}
	parsed, _, err := parseFlexibleTime(s)
	if err != nil {
		return err
	}
	t.Time = parsed
	return nil
}

// ParseAwareTime parses a timezone-aware datetime such as
// "2024-03-30 16:00:00Z" or "2024-03-30T16:00:00+02:00", as pydantic does for
// lock "until" values. A value without a zone is an error.
func ParseAwareTime(s string) (time.Time, error) {
	parsed, naive, err := parseFlexibleTime(s)
	if err != nil {
		return time.Time{}, err
	}
	if naive {
		return time.Time{}, fmt.Errorf("apiclient: datetime %q has no timezone", s)
	}
	return parsed, nil
}

// FormatAwareTime formats t as freqtrade-client sends lock "until" values:
// "2024-03-30 16:00:00Z".
func FormatAwareTime(t time.Time) string { return t.UTC().Format(DateFormat) + "Z" }

func parseFlexibleTime(s string) (time.Time, bool, error) {
	norm := strings.Replace(s, " ", "T", 1)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700"} {
		if t, err := time.Parse(layout, norm); err == nil {
			return t.UTC(), false, nil
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, norm, time.UTC); err == nil {
			return t, true, nil
		}
	}
	return time.Time{}, false, fmt.Errorf("apiclient: unrecognised datetime %q", s)
}

func unquote(b []byte) (string, error) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", fmt.Errorf("apiclient: expected a JSON string, got %.40s", b)
	}
	return string(b[1 : len(b)-1]), nil
}

// F returns a pointer to v, or nil when v is NaN or ±Inf, the way freqtrade
// sends such values as null.
func F(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// Ptr returns a pointer to v.
func Ptr[T any](v T) *T { return &v }

// Deref returns *p, or the zero value when p is nil.
func Deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
