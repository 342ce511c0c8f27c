package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
)

// pydantic v2 messages of the query and path checks.
const (
	msgMissing    = "Field required"
	msgIntParsing = "Input should be a valid integer, unable to parse string as an integer"
	msgBoolParse  = "Input should be a valid boolean, unable to interpret input"
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

// str returns an optional string parameter ("" when absent).
func (p *params) str(name string) string {
	v, _ := p.raw(name)
	return v
}

// required returns a required string parameter.
func (p *params) required(name string) string {
	v, ok := p.raw(name)
	if !ok {
		p.problems = append(p.problems, newProblem("missing", msgMissing, nil, "query", name))
	}
	return v
}

// optInt returns an optional integer parameter, nil when absent.
func (p *params) optInt(name string) *int {
	v, ok := p.raw(name)
	if !ok {
		return nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		p.problems = append(p.problems, newProblem("int_parsing", msgIntParsing, v, "query", name))
		return nil
	}
	return &n
}

// intAtLeast returns an integer parameter with a default and a lower bound.
func (p *params) intAtLeast(name string, def, ge int) int {
	n := p.optInt(name)
	if n == nil {
		return def
	}
	if *n < ge {
		v, _ := p.raw(name)
		p.problems = append(p.problems, newProblem("greater_than_equal",
			"Input should be greater than or equal to "+strconv.Itoa(ge), v, "query", name).with("ge", ge))
		return def
	}
	return *n
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
