package server

import (
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Token lifetimes and types (freqtrade-api.md §1.5).
const (
	accessTTL    = 15 * time.Minute
	refreshTTL   = 30 * 24 * time.Hour
	tokenAccess  = "access"
	tokenRefresh = "refresh"
)

// errTokenClaims means a token verified but its claims are not freqtrade's.
var errTokenClaims = errors.New("token claims are not valid")

// identity is the {"u": username} claim.
type identity struct {
	U *string `json:"u"`
}

// tokenClaims is freqtrade's payload: {identity: {u}, exp, iat, type}. The
// registered claims carry only exp and iat (the others are empty and omitted).
type tokenClaims struct {
	Identity identity `json:"identity"`
	Type     string   `json:"type"`
	jwt.RegisteredClaims
}

// issueToken signs an HS256 token of the given type for user.
func (s *Server) issueToken(user, typ string) (string, error) {
	now := s.now()
	ttl := accessTTL
	if typ == tokenRefresh {
		ttl = refreshTTL
	}
	claims := tokenClaims{
		Identity: identity{U: &user},
		Type:     typ,
		RegisteredClaims: jwt.RegisteredClaims{
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
			IssuedAt:  jwt.NewNumericDate(now),
		},
	}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.jwtKey)
	if err != nil {
		return "", fmt.Errorf("sign %s token: %w", typ, err)
	}
	return tok, nil
}

// userFromToken verifies a token (HS256 only, signature, exp, iat) and
// returns its user when its type is want.
func (s *Server) userFromToken(token, want string) (string, error) {
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithTimeFunc(s.now),
		jwt.WithIssuedAt(),
	)
	var claims tokenClaims
	_, err := parser.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) { return s.jwtKey, nil })
	if err != nil {
		return "", fmt.Errorf("parse token: %w", err)
	}
	if claims.Identity.U == nil || claims.Type != want {
		return "", errTokenClaims
	}
	return *claims.Identity.U, nil
}
