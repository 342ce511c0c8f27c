package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
)

// readBody reads the request body under the size limit. A body over the
// limit is answered 413 and reported as ok == false.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		s.writeDetail(w, http.StatusRequestEntityTooLarge, "Request body too large")
		return nil, false
	case err != nil:
		s.writeDetail(w, http.StatusBadRequest, "Could not read the request body")
		return nil, false
	}
	return data, true
}

// parseJSON decodes a body into a generic value (numbers kept as
// json.Number), or returns FastAPI's json_invalid / missing-body problem.
func parseJSON(data []byte) (any, []problem) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, []problem{newProblem("missing", msgMissing, nil, "body")}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	if err == nil && dec.More() {
		err = errors.New("Extra data")
	}
	if err == nil {
		if _, tailErr := dec.Token(); !errors.Is(tailErr, io.EOF) {
			err = errors.New("Extra data")
		}
	}
	if err != nil {
		pos := dec.InputOffset()
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			pos = max(se.Offset-1, 0)
		case errors.Is(err, io.ErrUnexpectedEOF):
			pos = int64(len(data))
		}
		return nil, []problem{newProblem("json_invalid", "JSON decode error", map[string]any{}, "body", pos).
			with("error", err.Error())}
	}
	return v, nil
}

// decodeBody reads, parses and validates a JSON body against check, then
// decodes the checked value into dst. It answers 413/422 itself and reports
// whether the handler may go on.
func (s *Server) decodeBody(w http.ResponseWriter, r *http.Request, dst any, check func(any) (any, []problem)) bool {
	data, ok := s.readBody(w, r)
	if !ok {
		return false
	}
	v, problems := parseJSON(data)
	if len(problems) == 0 {
		v, problems = check(v)
	}
	if len(problems) > 0 {
		s.writeInvalid(w, problems)
		return false
	}
	clean, err := json.Marshal(v)
	if err == nil {
		err = json.Unmarshal(clean, dst)
	}
	if err != nil {
		s.writeInvalid(w, []problem{newProblem("value_error", "Value error, "+err.Error(), nil, "body")})
		return false
	}
	return true
}

// kind is the pydantic type of one body field.
type kind int

const (
	kindStr       kind = iota // str
	kindFloat                 // float
	kindInt                   // int
	kindStrList               // list[str]
	kindTradeRef              // str | int
	kindAwareTime             // AwareDatetime
)

// field describes one field of a request model. Every optional field of
// freqtrade's payloads is nullable (X | None); required ones are not.
type field struct {
	name     string
	kind     kind
	required bool
	def      any      // default for an absent non-nullable field
	enum     []string // allowed values of a str field
}

// checkObject validates v as a model with the given fields and returns it with
// values coerced as pydantic's lax mode does ("1.5" → 1.5, 2.0 → 2) and
// defaults filled in.
func checkObject(v any, fields []field, loc ...any) (any, []problem) {
	m, ok := v.(map[string]any)
	if !ok {
		return v, []problem{newProblem("model_attributes_type",
			"Input should be a valid dictionary or object to extract fields from", v, loc...)}
	}
	out := make(map[string]any, len(m))
	for k, val := range m {
		out[k] = val
	}
	var problems []problem
	for _, f := range fields {
		at := append(append([]any{}, loc...), f.name)
		val, present := m[f.name]
		switch {
		case !present && f.required:
			problems = append(problems, newProblem("missing", msgMissing, m, at...))
		case !present:
			if f.def != nil {
				out[f.name] = f.def
			}
		case val == nil && !f.required && f.def == nil:
			// X | None: null is fine.
		default:
			coerced, ps := checkValue(val, f, at)
			out[f.name] = coerced
			problems = append(problems, ps...)
		}
	}
	return out, problems
}

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
