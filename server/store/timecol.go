package store

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"time"
)

// dbTimeFormat is how SQLAlchemy writes a naive DATETIME into SQLite.
const dbTimeFormat = "2006-01-02 15:04:05.000000"

// formatTime formats t as naive UTC in SQLAlchemy's layout.
func formatTime(t time.Time) string { return t.UTC().Format(dbTimeFormat) }

// parseTime reads the DATETIME layouts SQLite databases hold in practice,
// with or without fractional seconds, "T" or an offset. Naive values are UTC.
func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	layouts := []string{
		"2006-01-02 15:04:05.999999999",
		"2006-01-02T15:04:05.999999999",
		"2006-01-02 15:04:05.999999999Z07:00",
		"2006-01-02T15:04:05.999999999Z07:00",
		"2006-01-02 15:04",
		"2006-01-02",
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("store: unrecognised datetime %q", s)
}

// scanTime converts a driver value (time.Time, string, []byte) to a UTC time.
func scanTime(src any) (time.Time, error) {
	switch v := src.(type) {
	case time.Time:
		return v.UTC(), nil
	case string:
		return parseTime(v)
	case []byte:
		return parseTime(string(v))
	default:
		return time.Time{}, fmt.Errorf("store: cannot read %T as a datetime", src)
	}
}

// timeCol binds a NOT NULL DATETIME column to a time.Time field.
type timeCol struct{ p *time.Time }

// Scan implements sql.Scanner.
func (c timeCol) Scan(src any) error {
	if src == nil {
		*c.p = time.Time{}
		return nil
	}
	t, err := scanTime(src)
	if err != nil {
		return err
	}
	*c.p = t
	return nil
}

// Value implements driver.Valuer.
func (c timeCol) Value() (driver.Value, error) { return formatTime(*c.p), nil }

// nullTimeCol binds a nullable DATETIME column to a *time.Time field.
type nullTimeCol struct{ p **time.Time }

// Scan implements sql.Scanner.
func (c nullTimeCol) Scan(src any) error {
	if src == nil {
		*c.p = nil
		return nil
	}
	t, err := scanTime(src)
	if err != nil {
		return err
	}
	*c.p = &t
	return nil
}

// Value implements driver.Valuer.
func (c nullTimeCol) Value() (driver.Value, error) {
	if *c.p == nil {
		return nil, nil
	}
	return formatTime(**c.p), nil
}

// floatCol binds a nullable FLOAT column that this package always writes to a
// float64 field; NULL reads as 0.
type floatCol struct{ p *float64 }

// Scan implements sql.Scanner.
func (c floatCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.p = 0
	case float64:
		*c.p = v
	case int64:
		*c.p = float64(v)
	default:
		return fmt.Errorf("store: cannot read %T as a float", src)
	}
	return nil
}

// Value implements driver.Valuer.
func (c floatCol) Value() (driver.Value, error) { return *c.p, nil }

// intCol binds a nullable INTEGER column that this package always writes to
// an int field; NULL reads as 0.
type intCol struct{ p *int }

// Scan implements sql.Scanner.
func (c intCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.p = 0
	case int64:
		*c.p = int(v)
	case float64:
		*c.p = int(v)
	default:
		return fmt.Errorf("store: cannot read %T as an integer", src)
	}
	return nil
}

// Value implements driver.Valuer.
func (c intCol) Value() (driver.Value, error) { return int64(*c.p), nil }
