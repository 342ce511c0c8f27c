package server

// A route's spec: its pattern, its guard, its handler and its OpenAPI
// documentation, with the small builders routes.go writes the table with.

import "net/http"

// access says who may call a route.
type access int

const (
	// public routes check nothing (or their own credentials, like login).
	public access = iota
	// protected routes need Basic or a Bearer access token (§1.2).
	protected
)

// route is one entry of the route table: the pattern, its guard, its handler
// and what the OpenAPI document says about it.
type route struct {
	method  string
	path    string
	access  access
	handle  http.HandlerFunc
	tag     string
	summary string
	query   []queryParam
	body    any // a value of the request body's type, or nil
	maxBody int // a list body's most items; 0: no bound
	result  any // a value of the response body's type, or nil (not JSON)
}

// queryParam declares one query parameter: the handler reads it by this
// spec (params.intOf, strOf, strsOf) and the OpenAPI document shows it.
type queryParam struct {
	name     string
	typ      string // OpenAPI type: string, integer, boolean
	required bool
	def      any
	lim      limits
	enum     []string
	array    bool
}

func (r route) pattern() string { return r.method + " " + r.path }

func (r route) doc(summary string) route       { r.summary = summary; return r }
func (r route) in(body any) route              { r.body = body; return r }
func (r route) inList(body any, max int) route { r.body, r.maxBody = body, max; return r }
func (r route) out(result any) route           { r.result = result; return r }
func (r route) params(ps ...queryParam) route  { r.query = append(r.query, ps...); return r }
func mk(m, p string, a access, h http.HandlerFunc) route {
	return route{method: m, path: p, access: a, handle: h}
}

// group sets the tag of a run of routes.
func group(tag string, rs ...route) []route {
	for i := range rs {
		rs[i].tag = tag
	}
	return rs
}

// intParam is an integer parameter with a default and bounds ge..le.
func intParam(name string, def, ge, le int) queryParam {
	return queryParam{name: name, typ: "integer", def: def, lim: intRange(ge, le)}
}

// optIntParam is an integer parameter without a default, bounded ge..le.
func optIntParam(name string, ge, le int) queryParam {
	return queryParam{name: name, typ: "integer", lim: intRange(ge, le)}
}

func intRange(ge, le int) limits {
	g, l := float64(ge), float64(le)
	return limits{ge: &g, le: &l}
}

func strParam(name string, required bool) queryParam {
	return queryParam{name: name, typ: "string", required: required}
}
