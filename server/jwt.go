package server

import (
	"errors"
	"fmt"
	"strconv"
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

// errClaimType is a time claim that is not a JSON number of seconds.
var errClaimType = errors.New("time claim is not a number of seconds")

// issuedAtSkew is how far in the future a token's iat may be, for clocks a
// little apart (PyJWT allows none by default; 30 s covers NTP-synced hosts
// and is far below the 15-minute access lifetime).
const issuedAtSkew = 30 * time.Second

// maxClaimSeconds is the latest time a claim may name: 9999-12-31.
const maxClaimSeconds = 253402300799

// identity is the {"u": username} claim.
type identity struct {
	U *string `json:"u"`
}

// tokenClaims is freqtrade's payload: {identity: {u}, exp, iat, type}. The
// time claims are typed: a string, a bool or an out-of-range number is
// refused, as PyJWT refuses them, and so is null. exp and iat may be absent
// (PyJWT does not require them); a token carrying nbf is checked against it.
type tokenClaims struct {
	Identity identity   `json:"identity"`
	Type     string     `json:"type"`
	Exp      strictDate `json:"exp,omitzero"`
	Iat      strictDate `json:"iat,omitzero"`
	Nbf      strictDate `json:"nbf,omitzero"`
}

// strictDate is a NumericDate claim that must be a JSON number within
// 1970..9999; jwt.NumericDate alone also takes a numeric string. As a value
// (not a pointer) field, its UnmarshalJSON also sees a JSON null.
type strictDate struct {
	jwt.NumericDate
	set bool
}

// newStrictDate returns a claim holding t.
func newStrictDate(t time.Time) strictDate {
	return strictDate{NumericDate: *jwt.NewNumericDate(t), set: true}
}

// UnmarshalJSON implements json.Unmarshaler.
func (d *strictDate) UnmarshalJSON(b []byte) error {
	if len(b) == 0 || (b[0] != '-' && (b[0] < '0' || b[0] > '9')) {
		return errClaimType
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || f < 0 || f > maxClaimSeconds {
		return errClaimType
	}
	d.set = true
	return d.NumericDate.UnmarshalJSON(b)
}

// date returns the claim as jwt wants it (nil when absent).
func (d strictDate) date() *jwt.NumericDate {
	if !d.set {
		return nil
	}
	return &d.NumericDate
}

// GetExpirationTime implements jwt.Claims.
func (c tokenClaims) GetExpirationTime() (*jwt.NumericDate, error) { return c.Exp.date(), nil }

// GetIssuedAt implements jwt.Claims.
func (c tokenClaims) GetIssuedAt() (*jwt.NumericDate, error) { return c.Iat.date(), nil }

// GetNotBefore implements jwt.Claims.
func (c tokenClaims) GetNotBefore() (*jwt.NumericDate, error) { return c.Nbf.date(), nil }

// GetIssuer implements jwt.Claims (freqtrade sets no issuer).
func (c tokenClaims) GetIssuer() (string, error) { return "", nil }

// GetSubject implements jwt.Claims (freqtrade sets no subject).
func (c tokenClaims) GetSubject() (string, error) { return "", nil }

// GetAudience implements jwt.Claims (freqtrade sets no audience).
func (c tokenClaims) GetAudience() (jwt.ClaimStrings, error) { return nil, nil }

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
		Exp:      newStrictDate(now.Add(ttl)),
		Iat:      newStrictDate(now),
	}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.jwtKey)
	if err != nil {
		return "", fmt.Errorf("sign %s token: %w", typ, err)
	}
	return tok, nil
}

// userFromToken verifies a token (HS256 only, signature, typed exp, iat and
// nbf, exp and nbf against the clock, iat at most issuedAtSkew ahead) and
// returns its user when its type is want.
func (s *Server) userFromToken(token, want string) (string, error) {
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithTimeFunc(s.now),
	)
	var claims tokenClaims
	_, err := parser.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) { return s.jwtKey, nil })
	if err != nil {
		return "", fmt.Errorf("parse token: %w", err)
	}
	if claims.Identity.U == nil || claims.Type != want {
		return "", errTokenClaims
	}
	if iat := claims.Iat.date(); iat != nil && iat.After(s.now().Add(issuedAtSkew)) {
		return "", fmt.Errorf("%w: issued in the future", errTokenClaims)
	}
	return *claims.Identity.U, nil
}
