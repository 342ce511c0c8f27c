package server

import (
	"net/http"

	"github.com/freqdeck/freqdeck/apiclient"
)

// handleLogin answers POST /token/login: Basic credentials only (§1.3).
// An address over the failed-login limit gets 429 whatever it sends.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	if s.throttled(w, r) {
		return
	}
	user, pass, ok, err := basicCredentials(r)
	switch {
	case err != nil:
		s.refuseLogin(w, r, "Basic", detailInvalidBasic)
		return
	case !ok:
		s.unauthorized(w, r, "Basic", detailNotAuthenticated)
		return
	case !s.validLogin(user, pass):
		s.refuseLogin(w, r, "", detailWrongLogin)
		return
	}
	access, err := s.issueToken(user, tokenAccess)
	if err != nil {
		s.writeBotError(w, r, err)
		return
	}
	refresh, err := s.issueToken(user, tokenRefresh)
	if err != nil {
		s.writeBotError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, apiclient.Tokens{AccessToken: access, RefreshToken: refresh})
}

// handleRefresh answers POST /token/refresh: a refresh token in Bearer gives
// a new access token; the refresh token is not rotated (§1.4).
func (s *Server) handleRefresh(w http.ResponseWriter, r *http.Request) {
	user, err := s.userFromToken(bearerToken(r), tokenRefresh)
	if err != nil {
		s.unauthorized(w, r, "Bearer", detailBadCredentials)
		return
	}
	access, err := s.issueToken(user, tokenAccess)
	if err != nil {
		s.writeBotError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, apiclient.Tokens{AccessToken: access})
}
