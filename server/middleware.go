package server

import (
	"net/http"
)

// guard wraps a route's handler with its access check.
func (s *Server) guard(rt route) http.Handler {
	if rt.access == public {
		return rt.handle
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.authorize(w, r) {
			return
		}
		rt.handle(w, r)
	})
}

// dispatch routes r through the mux, answering unknown routes and wrong
// methods with freqtrade's JSON bodies instead of the mux's plain text.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request) {
	h, pattern := s.mux.Handler(r)
	if pattern != "" {
		s.mux.ServeHTTP(w, r)
		return
	}
	probe := &statusProbe{header: http.Header{}}
	h.ServeHTTP(probe, r)
	if probe.status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", probe.header.Get("Allow"))
		s.writeDetail(w, http.StatusMethodNotAllowed, detailMethodNotAllowed)
		return
	}
	s.writeDetail(w, http.StatusNotFound, detailNotFound)
}

// statusProbe records what the mux's fallback handler would answer.
type statusProbe struct {
	header http.Header
	status int
}

// Header implements http.ResponseWriter.
func (p *statusProbe) Header() http.Header { return p.header }

// Write implements http.ResponseWriter, discarding the mux's text body.
func (p *statusProbe) Write(b []byte) (int, error) { return len(b), nil }

// WriteHeader implements http.ResponseWriter.
func (p *statusProbe) WriteHeader(code int) { p.status = code }

// recoverPanics answers a panicking handler with 500 and logs it.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("server: handler panic", "method", r.Method, "path", r.URL.Path, "panic", v)
			s.writeDetail(w, http.StatusInternalServerError, detailInternal)
		}()
		next.ServeHTTP(w, r)
	})
}
