package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"
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

// msgExtraData is Python's json error for text after the JSON value.
const msgExtraData = "Extra data"

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
	// More first: Token only runs when More saw nothing but the end.
	extra := err == nil && (dec.More() || !atEOF(dec))
	if err == nil && !extra {
		return v, nil
	}
	pos, msg := dec.InputOffset(), msgExtraData
	if err != nil {
		msg = err.Error()
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			pos = max(se.Offset-1, 0)
		case errors.Is(err, io.ErrUnexpectedEOF):
			pos = int64(len(data))
		}
	}
	return nil, []problem{newProblem("json_invalid", "JSON decode error", map[string]any{}, "body", pos).with("error", msg)}
}

// atEOF reports whether nothing but white space is left in dec.
func atEOF(dec *json.Decoder) bool {
	_, err := dec.Token()
	return errors.Is(err, io.EOF)
}

// decodeBody reads the body, parses it once and binds it into dst: a
// pointer to a request struct, or to a slice of them (list[model]),
// validated and coerced against the model the struct's tags describe
// (modelOf). It answers 413/422 itself and reports whether the handler may
// go on.
func (s *Server) decodeBody(w http.ResponseWriter, r *http.Request, dst any) bool {
	return s.decodeList(w, r, dst, 0)
}

// decodeList is decodeBody for a list body of at most maxItems items.
func (s *Server) decodeList(w http.ResponseWriter, r *http.Request, dst any, maxItems int) bool {
	data, ok := s.readBody(w, r)
	if !ok {
		return false
	}
	v, problems := parseJSON(data)
	if len(problems) == 0 {
		problems = append(lossyStrings(data, v), bind(v, reflect.ValueOf(dst).Elem(), s.now(), maxItems)...)
	}
	if len(problems) > 0 {
		s.writeInvalid(w, problems)
		return false
	}
	return true
}

// lossyStrings reports the strings of the parsed body v that lost text in
// decoding: encoding/json replaces bytes that are not UTF-8, and escaped
// lone surrogates ("\ud800"), with U+FFFD. When data holds either, every
// string of v holding U+FFFD is reported (pydantic's string_unicode) at
// its place in the body, so no mangled pair or tag reaches the bot.
func lossyStrings(data []byte, v any) []problem {
	if utf8.Valid(data) && !bytes.Contains(data, []byte(`\ud`)) && !bytes.Contains(data, []byte(`\uD`)) {
		return nil
	}
	var out []problem
	var walk func(v any, loc []any)
	walk = func(v any, loc []any) {
		switch x := v.(type) {
		case string:
			if strings.ContainsRune(x, utf8.RuneError) {
				out = append(out, unicodeProblem(x, loc...))
			}
		case []any:
			for i, e := range x {
				walk(e, append(loc[:len(loc):len(loc)], i))
			}
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(x)) {
				walk(x[k], append(loc[:len(loc):len(loc)], k))
			}
		}
	}
	walk(v, []any{"body"})
	return out
}
