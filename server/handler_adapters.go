package server

import (
	"context"
	"net/http"
)

// Handler adapters: they turn an rpc.Bot method into the http.HandlerFunc
// of a route, parsing what the method takes and answering what it returns.

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
		p := newParams(r)
		pair := p.strOf(pairFilterParam())
		if !p.ok(s, w) {
			return
		}
		v, err := call(r.Context(), pair)
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
