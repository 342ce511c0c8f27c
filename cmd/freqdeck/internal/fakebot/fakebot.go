// Package fakebot is a test HTTP server that stands for a bot's API at the
// wire: it records every request (method, path, query, body, Basic
// credentials) and answers each with one status and body. The tests of
// package main and of the client command use it to check what freqdeck
// sends.
package fakebot

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
)

// Request is what the fake bot received.
type Request struct {
	Method, Path string
	Query        url.Values
	Body         []byte
	User, Pass   string
}

// Server is the fake bot: an httptest server on 127.0.0.1.
type Server struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []Request
	seen chan Request
}

// New starts a fake bot answering every request with status and body, and
// closes it when the test ends.
func New(t testing.TB, status int, body string) *Server {
	t.Helper()
	s := &Server{seen: make(chan Request, 64)}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body)
		user, pass, _ := r.BasicAuth()
		req := Request{r.Method, r.URL.Path, r.URL.Query(), data, user, pass}
		s.mu.Lock()
		s.reqs = append(s.reqs, req)
		s.mu.Unlock()
		select {
		case s.seen <- req:
		default:
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(s.Close)
	return s
}

// Requests returns the requests received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// Seen delivers every request as it arrives (dropped when 64 are waiting).
func (s *Server) Seen() <-chan Request { return s.seen }
