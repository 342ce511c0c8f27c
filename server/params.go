package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/freqdeck/freqdeck/apiclient"
)

// pydantic v2 messages of the query and path checks.
const (
	msgMissing    = "Field required"
	msgIntParsing = "Input should be a valid integer, unable to parse string as an integer"
	msgBoolParse  = "Input should be a valid boolean, unable to interpret input"
	msgIntSize    = "Unable to parse input string as an integer, exceeded maximum size"
)

// params reads query and path parameters the way FastAPI validates them,
// collecting every problem so one 422 answer lists them all.
type params struct {
	r        *http.Request
	q        url.Values
	problems []problem
}

func newParams(r *http.Request) *params {
	return &params{r: r, q: r.URL.Query()}
}

// raw returns the last value of a query parameter (FastAPI keeps the last).
func (p *params) raw(name string) (string, bool) {
	vs, ok := p.q[name]
	if !ok || len(vs) == 0 {
		return "", false
	}
	return vs[len(vs)-1], true
}

// str returns an optional string parameter ("" when absent), which must
// be UTF-8.
func (p *params) str(name string) string {
	v, ok := p.raw(name)
	if ok && !utf8.ValidString(v) {
		p.problems = append(p.problems, unicodeProblem(v, "query", name))
		return ""
	}
	return v
}

// strOf returns the string parameter q ("" when absent or invalid),
// checked against its constraints.
func (p *params) strOf(q queryParam) string {
	if _, ok := p.raw(q.name); !ok {
		if q.required {
			p.problems = append(p.problems, newProblem("missing", msgMissing, nil, "query", q.name))
		}
		return ""
	}
	n := len(p.problems)
	v := p.str(q.name)
	if len(p.problems) > n {
		return ""
	}
	v, problems := q.lim.checkString(v, []any{"query", q.name})
	p.problems = append(p.problems, problems...)
	if len(problems) > 0 {
		return ""
	}
	return v
}

// strsOf returns the repeated string parameter q (list[str]), checked
// against its constraints; nil when any item is invalid.
func (p *params) strsOf(q queryParam) []string {
	vs := p.q[q.name]
	n := len(p.problems)
	list := make([]any, len(vs))
	for i, v := range vs {
		list[i] = v
		if !utf8.ValidString(v) {
			p.problems = append(p.problems, unicodeProblem(v, "query", q.name, i))
		}
	}
	if len(p.problems) == n {
		p.problems = append(p.problems, q.lim.checkList(list, []any{"query", q.name})...)
	}
	if len(p.problems) > n {
		return nil
	}
	return nonNil(vs)
}

// intOf returns the integer parameter q, or its default (0 when it has
// none) when absent or invalid, checked against its bounds.
func (p *params) intOf(q queryParam) int {
	def, _ := q.def.(int)
	v, ok := p.raw(q.name)
	if !ok {
		return def
	}
	n, problems := checkInt(v, q.lim, []any{"query", q.name})
	p.problems = append(p.problems, problems...)
	if len(problems) > 0 {
		return def
	}
	i, _ := n.(json.Number).Int64() // checkInt normalised it
	return int(i)
}

// optBool returns an optional boolean parameter, read as pydantic does.
func (p *params) optBool(name string) *bool {
	v, ok := p.raw(name)
	if !ok {
		return nil
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "t", "yes", "y", "on":
		return apiclient.Ptr(true)
	case "0", "false", "f", "no", "n", "off":
		return apiclient.Ptr(false)
	}
	p.problems = append(p.problems, newProblem("bool_parsing", msgBoolParse, v, "query", name))
	return nil
}

// enum returns an optional parameter restricted to allowed values.
func (p *params) enum(name string, allowed ...string) string {
	v, ok := p.raw(name)
	if !ok {
		return ""
	}
	if slices.Contains(allowed, v) {
		return v
	}
	p.problems = append(p.problems, enumProblem(v, allowed, "query", name))
	return ""
}

// enumProblem is pydantic's error for a value outside an enum.
func enumProblem(input any, allowed []string, loc ...any) problem {
	quoted := make([]string, len(allowed))
	for i, a := range allowed {
		quoted[i] = "'" + a + "'"
	}
	expected := quoted[len(quoted)-1]
	if len(quoted) > 1 {
		expected = strings.Join(quoted[:len(quoted)-1], ", ") + " or " + expected
	}
	return newProblem("enum", "Input should be "+expected, input, loc...).with("expected", expected)
}

// pathInt returns an integer path parameter.
func (p *params) pathInt(name string) int {
	v := p.r.PathValue(name)
	n, err := strconv.Atoi(v)
	if err != nil {
		p.problems = append(p.problems, newProblem("int_parsing", msgIntParsing, v, "path", name))
	}
	return n
}

// ok reports whether every parameter was valid; if not it answers 422.
func (p *params) ok(s *Server, w http.ResponseWriter) bool {
	if len(p.problems) == 0 {
		return true
	}
	s.writeInvalid(w, p.problems)
	return false
}
