package server

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/freqdeck/freqdeck/apiclient"
)

// The checks of one body value against its pydantic type, in lax mode
// ("1.5" → 1.5, 2.0 → 2): each returns the coerced value, or the problems
// pydantic reports at loc.

func checkValue(v any, f field, now time.Time, loc []any) (any, []problem) {
	switch f.kind {
	case kindFloat:
		return checkFloat(v, f.lim, loc)
	case kindInt:
		return checkInt(v, f.lim, loc)
	case kindStrList:
		return checkStrList(v, f.lim, loc)
	case kindTradeRef:
		return checkTradeRef(v, loc)
	case kindAwareTime:
		return checkAwareTime(v, f.lim, now, loc)
	default:
		s, ok := v.(string)
		if !ok {
			return v, []problem{newProblem("string_type", "Input should be a valid string", v, loc...)}
		}
		if len(f.enum) > 0 && !slices.Contains(f.enum, s) {
			return v, []problem{enumProblem(s, f.enum, loc...)}
		}
		if !utf8.ValidString(s) { // a query value; a body's was replaced on decoding
			return v, []problem{unicodeProblem(s, loc...)}
		}
		return f.lim.checkString(s, loc)
	}
}

// checkFloat accepts finite numbers only: JSON has no NaN or Infinity, a
// literal beyond float64 is refused, and so are the strings "inf", "nan".
func checkFloat(v any, lim limits, loc []any) (any, []problem) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return v, []problem{newProblem("finite_number", "Input should be a finite number", v, loc...)}
		}
		return x, lim.checkNumber(f, false, v, loc)
	case string:
		if f, err := strconv.ParseFloat(x, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), lim.checkNumber(f, false, v, loc)
		}
		return v, []problem{newProblem("float_parsing", "Input should be a valid number, unable to parse string as a number", v, loc...)}
	}
	return v, []problem{newProblem("float_type", "Input should be a valid number", v, loc...)}
}

// checkInt accepts integers, integral floats and integer strings. One
// beyond int64 is refused by the bounds if it has any (pydantic's ints are
// unbounded), else as too large to parse.
func checkInt(v any, lim limits, loc []any) (any, []problem) {
	var n int64
	var err error
	switch x := v.(type) {
	case json.Number:
		n, err = x.Int64()
		f, ferr := x.Float64()
		switch {
		case err == nil:
		case ferr != nil: // beyond float64: Python reads it as inf
			return v, []problem{newProblem("finite_number", "Input should be a finite number", v, loc...)}
		case f == math.Trunc(f):
			n, err = clampInt(f)
		default:
			return v, []problem{newProblem("int_from_float", "Input should be a valid integer, got a number with a fractional part", v, loc...)}
		}
	case string:
		n, err = strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return v, []problem{newProblem("int_parsing", msgIntParsing, v, loc...)}
		}
	default:
		return v, []problem{newProblem("int_type", "Input should be a valid integer", v, loc...)}
	}
	// n is ±MaxInt64 after ErrRange: the bounds judge it first.
	if ps := lim.checkNumber(float64(n), true, v, loc); len(ps) > 0 {
		return v, ps
	}
	if err != nil {
		return v, []problem{newProblem("int_parsing_size", msgIntSize, v, loc...)}
	}
	return json.Number(strconv.FormatInt(n, 10)), nil
}

// clampInt converts an integral float to int64, saturating with ErrRange.
func clampInt(f float64) (int64, error) {
	switch {
	case f >= math.MaxInt64:
		return math.MaxInt64, strconv.ErrRange
	case f < math.MinInt64:
		return math.MinInt64, strconv.ErrRange
	}
	return int64(f), nil
}

func checkStrList(v any, lim limits, loc []any) (any, []problem) {
	list, ok := v.([]any)
	if !ok {
		return v, []problem{newProblem("list_type", "Input should be a valid list", v, loc...)}
	}
	var problems []problem
	for i, e := range list {
		if _, ok := e.(string); !ok {
			at := append(append([]any{}, loc...), i)
			problems = append(problems, newProblem("string_type", "Input should be a valid string", e, at...))
		}
	}
	if len(problems) > 0 {
		return v, problems
	}
	return v, lim.checkList(list, loc)
}

// checkTradeRef validates str | int, reporting both union members as
// pydantic does.
func checkTradeRef(v any, loc []any) (any, []problem) {
	if _, ok := v.(string); ok {
		return v, nil
	}
	n, intProblems := checkInt(v, limits{}, append(append([]any{}, loc...), "int"))
	if len(intProblems) == 0 {
		return n, nil
	}
	strAt := append(append([]any{}, loc...), "str")
	return v, append([]problem{newProblem("string_type", "Input should be a valid string", v, strAt...)}, intProblems...)
}

// checkAwareTime validates a timezone-aware datetime string, then its
// bounds relative to now.
func checkAwareTime(v any, lim limits, now time.Time, loc []any) (any, []problem) {
	s, ok := v.(string)
	if !ok {
		return v, []problem{newProblem("datetime_type", "Input should be a valid datetime", v, loc...)}
	}
	t, err := apiclient.ParseAwareTime(s)
	if err != nil {
		if isNaiveDatetime(s) {
			return v, []problem{newProblem("timezone_aware", "Input should have timezone info", v, loc...)}
		}
		return v, []problem{newProblem("datetime_from_date_parsing",
			"Input should be a valid datetime or date, invalid datetime format", v, loc...)}
	}
	return v, lim.checkTime(t, now, v, loc)
}

// isNaiveDatetime reports whether s is a datetime without a zone.
func isNaiveDatetime(s string) bool {
	norm := strings.Replace(s, " ", "T", 1)
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"} {
		if _, err := time.Parse(layout, norm); err == nil {
			return true
		}
	}
	return false
}
