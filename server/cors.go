package server

import (
	"net/http"
	"slices"
)

// CORS answers of Starlette's CORSMiddleware as freqtrade configures it
// (§1.7): exact origins, credentials, every method and header.
const (
	corsAllowMethods = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"
	corsMaxAge       = "600"
)

// cors wraps next with the CORS policy. Requests without Origin pass
// untouched; preflights are answered here.
func (s *Server) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" {
			next.ServeHTTP(w, r)
			return
		}
		allowed := slices.Contains(s.cfg.CORSOrigins, origin)
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			s.preflight(w, r, origin, allowed)
			return
		}
		h := w.Header()
		h.Set("Access-Control-Allow-Credentials", "true")
		if allowed {
			h.Set("Access-Control-Allow-Origin", origin)
			h.Add("Vary", "Origin")
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) preflight(w http.ResponseWriter, r *http.Request, origin string, allowed bool) {
	h := w.Header()
	h.Add("Vary", "Origin")
	h.Set("Access-Control-Allow-Methods", corsAllowMethods)
	h.Set("Access-Control-Max-Age", corsMaxAge)
	h.Set("Access-Control-Allow-Credentials", "true")
	if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
		h.Set("Access-Control-Allow-Headers", req)
	}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	if !allowed {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte("Disallowed CORS origin"))
		return
	}
	h.Set("Access-Control-Allow-Origin", origin)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte("OK"))
}
