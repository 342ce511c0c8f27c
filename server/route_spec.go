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
	result  any // a value of the response body's type, or nil (not JSON)
}

// queryParam documents one query parameter.
type queryParam struct {
	name     string
	typ      string // OpenAPI type: string, integer, boolean
	required bool
	def      any
	min      *int
	enum     []string
	array    bool
}

func (r route) pattern() string { return r.method + " " + r.path }

func (r route) doc(summary string) route      { r.summary = summary; return r }
func (r route) in(body any) route             { r.body = body; return r }
func (r route) out(result any) route          { r.result = result; return r }
func (r route) params(ps ...queryParam) route { r.query = append(r.query, ps...); return r }
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

func intParam(name string, def, min int) queryParam {
	return queryParam{name: name, typ: "integer", def: def, min: &min}
}

func strParam(name string, required bool) queryParam {
	return queryParam{name: name, typ: "string", required: required}
}
