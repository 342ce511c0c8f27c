package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"unicode/utf8"
)

// errBadBasic is a Basic header that is not base64 "user:password".
var errBadBasic = errors.New("malformed basic credentials")

// authScheme splits an Authorization header at its first space, as
// FastAPI's get_authorization_scheme_param does.
func authScheme(r *http.Request) (scheme, param string) {
	scheme, param, _ = strings.Cut(r.Header.Get("Authorization"), " ")
	return strings.ToLower(scheme), param
}

// basicCredentials decodes a Basic header. ok is false when there is none.
func basicCredentials(r *http.Request) (user, pass string, ok bool, err error) {
	scheme, param := authScheme(r)
	if scheme != "basic" || param == "" {
		return "", "", false, nil
	}
	raw, err := base64.StdEncoding.DecodeString(param)
	if err != nil || !isASCII(raw) {
		return "", "", true, errBadBasic
	}
	user, pass, found := strings.Cut(string(raw), ":")
	if !found {
		return "", "", true, errBadBasic
	}
	return user, pass, true, nil
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// bearerToken returns the Bearer token, "" when there is none.
func bearerToken(r *http.Request) string {
	scheme, param := authScheme(r)
	if scheme != "bearer" {
		return ""
	}
	return param
}

// secretEqual compares in constant time, whatever the lengths.
func secretEqual(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

// validLogin checks both username and password (no short circuit).
func (s *Server) validLogin(user, pass string) bool {
	u := secretEqual(user, s.cfg.Username)
	p := secretEqual(pass, s.cfg.Password)
	return u && p
}

// authorize applies freqtrade's http_basic_or_jwt_token check (§1.2) and
// answers 401 itself when it fails. Basic credentials are a login attempt:
// an address over the failed-login limit is answered 429 whatever they are
// (throttle.go), and each failure counts.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) bool {
	user, pass, hasBasic, err := basicCredentials(r)
	if hasBasic && s.throttled(w, r) {
		return false
	}
	if err != nil {
		s.refuseLogin(w, r, "Basic", detailInvalidBasic)
		return false
	}
	if token := bearerToken(r); token != "" {
		if _, err := s.userFromToken(token, tokenAccess); err != nil {
			s.unauthorized(w, r, "Bearer", detailBadCredentials)
			return false
		}
		return true
	}
	switch {
	case hasBasic && s.validLogin(user, pass):
		return true
	case hasBasic:
		s.refuseLogin(w, r, "", detailUnauthorized)
	default:
		s.unauthorized(w, r, "", detailUnauthorized)
	}
	return false
}

// unauthorized answers 401 with an optional WWW-Authenticate challenge,
// closing the connection after a request with a body (closeAfterRefusal).
func (s *Server) unauthorized(w http.ResponseWriter, r *http.Request, challenge, detail string) {
	closeAfterRefusal(w, r)
	if challenge != "" {
		w.Header().Set("WWW-Authenticate", challenge)
	}
	s.writeDetail(w, http.StatusUnauthorized, detail)
}

// refuseLogin answers a failed login attempt 401 and counts it against the
// client's address.
func (s *Server) refuseLogin(w http.ResponseWriter, r *http.Request, challenge, detail string) {
	s.loginFailed(r)
	s.unauthorized(w, r, challenge, detail)
}

// validWSToken accepts a configured ws_token (constant time, any element of
// the list) or a valid access JWT (§1.6).
func (s *Server) validWSToken(token string) bool {
	if token == "" {
		return false
	}
	match := false
	for _, t := range s.cfg.WSTokens {
		if t != "" && secretEqual(t, token) {
			match = true
		}
	}
	if match {
		return true
	}
	_, err := s.userFromToken(token, tokenAccess)
	return err == nil
}
