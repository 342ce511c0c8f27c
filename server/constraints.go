package server

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// limits are the constraints of one value, pydantic's Field(gt=, ge=, le=,
// min_length=, max_length=, pattern=) plus freqdeck's own: a request
// field's `pydantic:"..."` tag (see apiclient's request types) or a query
// parameter declares them, the validator enforces them with pydantic v2's
// error types, and the OpenAPI document shows them.
type limits struct {
	gt, ge, le *float64 // bounds of a number
	minLen     int      // str: characters; 0: none
	maxLen     int      // str: characters; list: items; 0: none
	itemMaxLen int      // list[str]: characters of each item; 0: none
	pattern    string   // str: the name of a namedPattern
	cut        int      // str: cut to this many characters (freqtrade's tags); 0: none
	future     bool     // datetime: after now
	maxYears   int      // datetime: at most this many years after now; 0: none
}

// parse applies one tag item (key=val) to l; known reports whether key is a
// constraint.
func (l *limits) parse(key, val string) (known bool, err error) {
	num := func(dst **float64) error {
		f, err := strconv.ParseFloat(val, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return fmt.Errorf("%s=%q is not a finite number", key, val)
		}
		*dst = &f
		return nil
	}
	count := func(dst *int) error {
		n, err := strconv.Atoi(val)
		if err != nil || n <= 0 {
			return fmt.Errorf("%s=%q is not a positive integer", key, val)
		}
		*dst = n
		return nil
	}
	switch key {
	case "gt":
		return true, num(&l.gt)
	case "ge":
		return true, num(&l.ge)
	case "le":
		return true, num(&l.le)
	case "min_length":
		return true, count(&l.minLen)
	case "max_length":
		return true, count(&l.maxLen)
	case "item_max_length":
		return true, count(&l.itemMaxLen)
	case "cut":
		return true, count(&l.cut)
	case "max_years":
		return true, count(&l.maxYears)
	case "future":
		l.future = true
		return true, nil
	case "pattern":
		if namedPattern(val) == nil {
			return true, fmt.Errorf("unknown pattern %q", val)
		}
		l.pattern = val
		return true, nil
	}
	return false, nil
}

// checkNumber checks n against the bounds in pydantic's order (le, ge,
// gt); input is echoed. isInt says the field is an int, whose bounds
// pydantic reports as integers (floats' as floats).
func (l limits) checkNumber(n float64, isInt bool, input any, loc []any) []problem {
	type bound struct {
		b        *float64
		fails    func(b float64) bool
		typ, key string
		words    string
	}
	for _, c := range []bound{
		{l.le, func(b float64) bool { return n > b }, "less_than_equal", "le", "less than or equal to"},
		{l.ge, func(b float64) bool { return n < b }, "greater_than_equal", "ge", "greater than or equal to"},
		{l.gt, func(b float64) bool { return n <= b }, "greater_than", "gt", "greater than"},
	} {
		if c.b == nil || !c.fails(*c.b) {
			continue
		}
		shown, ctx := boundText(*c.b, isInt)
		return []problem{newProblem(c.typ, "Input should be "+c.words+" "+shown, input, loc...).with(c.key, ctx)}
	}
	return nil
}

// boundText is how pydantic shows a bound: in the message as Rust prints
// it (no exponent, no ".0"), in ctx as a Python int or float.
func boundText(b float64, isInt bool) (string, any) {
	shown := strconv.FormatFloat(b, 'f', -1, 64)
	if isInt {
		return shown, int64(b)
	}
	return shown, json.Number(pyFloat(b))
}

// pyFloat is Python's repr of a finite float ("0.0", "1e+300").
func pyFloat(f float64) string {
	e := strconv.FormatFloat(f, 'e', -1, 64)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	if exp < -4 || exp >= 16 {
		return e
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// checkString cuts s to l.cut characters, then checks its length and
// pattern, returning the (cut) value.
func (l limits) checkString(s string, loc []any) (string, []problem) {
	if l.cut > 0 {
		s = cutRunes(s, l.cut)
	}
	n := utf8.RuneCountInString(s)
	switch {
	case l.minLen > 0 && n < l.minLen:
		return s, []problem{newProblem("string_too_short", fmt.Sprintf("String should have at least %d character%s", l.minLen, plural(l.minLen)),
			s, loc...).with("min_length", l.minLen)}
	case l.maxLen > 0 && n > l.maxLen:
		return s, []problem{stringTooLong(s, l.maxLen, loc)}
	case l.pattern != "" && !namedPattern(l.pattern).MatchString(s):
		expr := namedPattern(l.pattern).String()
		return s, []problem{newProblem("string_pattern_mismatch", "String should match pattern '"+expr+"'", s, loc...).with("pattern", expr)}
	}
	return s, nil
}

// checkList checks a list's length, then each string item's length.
func (l limits) checkList(list []any, loc []any) []problem {
	if l.maxLen > 0 && len(list) > l.maxLen {
		return []problem{tooLong(list, len(list), l.maxLen, loc)}
	}
	var problems []problem
	for i, e := range list {
		if s, ok := e.(string); ok && l.itemMaxLen > 0 && utf8.RuneCountInString(s) > l.itemMaxLen {
			problems = append(problems, stringTooLong(s, l.itemMaxLen, append(append([]any{}, loc...), i)))
		}
	}
	return problems
}

// checkTime checks a datetime against now.
func (l limits) checkTime(t, now time.Time, input any, loc []any) []problem {
	if l.future && !t.After(now) {
		return []problem{newProblem("datetime_future", "Input should be in the future", input, loc...)}
	}
	if l.maxYears > 0 {
		limit := now.UTC().AddDate(l.maxYears, 0, 0).Truncate(time.Second)
		if t.After(limit) {
			shown := limit.Format("2006-01-02T15:04:05Z")
			return []problem{newProblem("less_than_equal", "Input should be less than or equal to "+shown, input, loc...).with("le", shown)}
		}
	}
	return nil
}

func stringTooLong(s string, maxLen int, loc []any) problem {
	return newProblem("string_too_long", fmt.Sprintf("String should have at most %d character%s", maxLen, plural(maxLen)),
		s, loc...).with("max_length", maxLen)
}

// tooLong is pydantic's error for a list over its max_length.
func tooLong(input any, n, maxLen int, loc []any) problem {
	return newProblem("too_long", fmt.Sprintf("List should have at most %d item%s after validation, not %d", maxLen, plural(maxLen), n),
		input, loc...).with("field_type", "List").with("max_length", maxLen).with("actual_length", n)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// cutRunes returns s cut to at most n characters.
func cutRunes(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}

// unicodeProblem is pydantic's error for text that is not valid UTF-8.
func unicodeProblem(input any, loc ...any) problem {
	return newProblem("string_unicode", "Input should be a valid string, unable to parse raw data as a unicode string", input, loc...)
}

// annotate adds the constraints to an OpenAPI property schema.
func (l limits) annotate(prop map[string]any) {
	set := func(key string, v any, ok bool) {
		if ok {
			prop[key] = v
		}
	}
	if l.gt != nil {
		prop["minimum"], prop["exclusiveMinimum"] = *l.gt, true
	}
	if l.ge != nil {
		prop["minimum"] = *l.ge
	}
	if l.le != nil {
		prop["maximum"] = *l.le
	}
	lenKey := "maxLength"
	if prop["type"] == "array" {
		lenKey = "maxItems"
		if items, ok := prop["items"].(map[string]any); ok && l.itemMaxLen > 0 {
			items["maxLength"] = l.itemMaxLen
		}
	}
	set("minLength", l.minLen, l.minLen > 0)
	set(lenKey, l.maxLen, l.maxLen > 0)
	if l.pattern != "" {
		prop["pattern"] = namedPattern(l.pattern).String()
	}
	var notes []string
	if l.cut > 0 {
		notes = append(notes, fmt.Sprintf("longer values are cut to %d characters", l.cut))
	}
	if l.future {
		notes = append(notes, "must lie in the future")
	}
	if l.maxYears > 0 {
		notes = append(notes, fmt.Sprintf("at most %d years from now", l.maxYears))
	}
	set("description", strings.Join(notes, "; "), len(notes) > 0)
}
