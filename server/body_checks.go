package server

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// The checks of one body value against its pydantic type, in lax mode
// ("1.5" → 1.5, 2.0 → 2): each returns the coerced value, or the problems
// pydantic reports at loc.

func checkValue(v any, f field, loc []any) (any, []problem) {
	switch f.kind {
	case kindFloat:
		return checkFloat(v, loc)
	case kindInt:
		return checkInt(v, loc)
	case kindStrList:
		return checkStrList(v, loc)
	case kindTradeRef:
		return checkTradeRef(v, loc)
	case kindAwareTime:
		return checkAwareTime(v, loc)
	default:
		s, ok := v.(string)
		if !ok {
			return v, []problem{newProblem("string_type", "Input should be a valid string", v, loc...)}
		}
		if len(f.enum) > 0 && !slices.Contains(f.enum, s) {
			return v, []problem{enumProblem(s, f.enum, loc...)}
		}
		return v, nil
	}
}

func checkFloat(v any, loc []any) (any, []problem) {
	switch x := v.(type) {
	case json.Number:
		if _, err := x.Float64(); err != nil {
			return v, []problem{newProblem("finite_number", "Input should be a finite number", v, loc...)}
		}
		return x, nil
	case string:
		if f, err := strconv.ParseFloat(x, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
		}
		return v, []problem{newProblem("float_parsing", "Input should be a valid number, unable to parse string as a number", v, loc...)}
	}
	return v, []problem{newProblem("float_type", "Input should be a valid number", v, loc...)}
}

func checkInt(v any, loc []any) (any, []problem) {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return json.Number(strconv.FormatInt(n, 10)), nil
		}
		if f, err := x.Float64(); err == nil && f == float64(int64(f)) {
			return json.Number(strconv.FormatInt(int64(f), 10)), nil
		}
		return v, []problem{newProblem("int_from_float", "Input should be a valid integer, got a number with a fractional part", v, loc...)}
	case string:
		if n, err := strconv.ParseInt(x, 10, 64); err == nil {
			return json.Number(strconv.FormatInt(n, 10)), nil
		}
		return v, []problem{newProblem("int_parsing", msgIntParsing, v, loc...)}
	}
	return v, []problem{newProblem("int_type", "Input should be a valid integer", v, loc...)}
}

func checkStrList(v any, loc []any) (any, []problem) {
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
	return v, problems
}

// checkTradeRef validates str | int, reporting both union members as
// pydantic does.
func checkTradeRef(v any, loc []any) (any, []problem) {
	if _, ok := v.(string); ok {
		return v, nil
	}
	n, intProblems := checkInt(v, append(append([]any{}, loc...), "int"))
	if len(intProblems) == 0 {
		return n, nil
	}
	strAt := append(append([]any{}, loc...), "str")
	return v, append([]problem{newProblem("string_type", "Input should be a valid string", v, strAt...)}, intProblems...)
}

// checkAwareTime validates a timezone-aware datetime string.
func checkAwareTime(v any, loc []any) (any, []problem) {
	s, ok := v.(string)
	if !ok {
		return v, []problem{newProblem("datetime_type", "Input should be a valid datetime", v, loc...)}
	}
	if _, err := apiclient.ParseAwareTime(s); err != nil {
		if isNaiveDatetime(s) {
			return v, []problem{newProblem("timezone_aware", "Input should have timezone info", v, loc...)}
		}
		return v, []problem{newProblem("datetime_from_date_parsing",
			"Input should be a valid datetime or date, invalid datetime format", v, loc...)}
	}
	return v, nil
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
