package server

import (
	"context"
	"net/http"
)

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

// serve adapts a bot call without arguments into a handler.
func serve[T any](s *Server, call func(context.Context) (T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := call(r.Context())
		s.answer(w, r, v, err)
	}
}

// nonNil returns list, or [] when it is nil, so that a list is never
// encoded as null.
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

// serveList adapts a bot call returning a list; nil is sent as [].
func serveList[T any](s *Server, call func(context.Context) ([]T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := call(r.Context())
		s.answer(w, r, nonNil(v), err)
	}
}

// servePair adapts a bot call taking the optional ?pair= filter.
func servePair[T any](s *Server, call func(context.Context, string) ([]T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := call(r.Context(), newParams(r).str("pair"))
		s.answer(w, r, nonNil(v), err)
	}
}

// serveID adapts a bot call taking the integer path parameter name; a
// value that is not an integer is answered 422.
func serveID[T any](s *Server, name string, call func(context.Context, int) (T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := newParams(r)
		id := p.pathInt(name)
		if !p.ok(s, w) {
			return
		}
		v, err := call(r.Context(), id)
		s.answer(w, r, v, err)
	}
}

// serveBody adapts a bot call taking the JSON body, validated against the
// model of Req (a body that fails is answered 422 before the call).
func serveBody[Req, T any](s *Server, call func(context.Context, Req) (T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req Req
		if !s.decodeBody(w, r, &req) {
			return
		}
		v, err := call(r.Context(), req)
		s.answer(w, r, v, err)
	}
}
