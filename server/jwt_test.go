package server

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// handToken builds a JWT by hand (no JWT library) with HS256 over secret;
// alg only changes the header, so a lying header can be tested.
func handToken(t *testing.T, secret, alg string, claims map[string]any) string {
	t.Helper()
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	signing := enc(map[string]any{"alg": alg, "typ": "JWT"}) + "." + enc(claims)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(signing))
	return signing + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func documentedClaims(typ string) map[string]any {
	return map[string]any{
		"identity": map[string]any{"u": testUser},
		"exp":      testNow().Add(15 * time.Minute).Unix(),
		"iat":      testNow().Unix(),
		"type":     typ,
	}
}

func wantAccepted(t *testing.T, s http.Handler, token string, ok bool) {
	t.Helper()
	rec := request(t, s, get, "/api/v1/count", "", "Authorization", "Bearer "+token)
	if ok {
		wantJSON(t, rec, http.StatusOK, nil)
		return
	}
	wantDetail(t, rec, http.StatusUnauthorized, "Could not validate credentials")
}

// TestJWTHandBuiltAccepted: a token built from the documented claims with
// the same secret (as freqtrade or FreqUI would hold) is accepted.
func TestJWTHandBuiltAccepted(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	wantAccepted(t, s, handToken(t, testSecret, "HS256", documentedClaims("access")), true)
	noExp := documentedClaims("access")
	delete(noExp, "exp") // PyJWT does not require exp
	wantAccepted(t, s, handToken(t, testSecret, "HS256", noExp), true)
}

// TestJWTIssuedClaims: the server's tokens decode to exactly the documented
// claims.
func TestJWTIssuedClaims(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	access, refresh := login(t, s)
	for typ, tok := range map[string]string{"access": access, "refresh": refresh} {
		parts := strings.Split(tok, ".")
		if len(parts) != 3 {
			t.Fatalf("%s token has %d parts", typ, len(parts))
		}
		if h := decodeSegment(t, parts[0]); h["alg"] != "HS256" {
			t.Fatalf("%s header %v", typ, h)
		}
		ttl := 15 * time.Minute
		if typ == "refresh" {
			ttl = 30 * 24 * time.Hour
		}
		want := map[string]any{
			"identity": map[string]any{"u": testUser},
			"exp":      float64(testNow().Add(ttl).Unix()),
			"iat":      float64(testNow().Unix()),
			"type":     typ,
		}
		if got := decodeSegment(t, parts[1]); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s claims %v, want %v", typ, got, want)
		}
	}
}

// TestJWTRefused: other algorithms, a wrong secret and bad claims are
// refused.
func TestJWTRefused(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	claims := jwt.MapClaims(documentedClaims("access"))
	hs512, err := jwt.NewWithClaims(jwt.SigningMethodHS512, claims).SignedString([]byte(testSecret))
	if err != nil {
		t.Fatal(err)
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rs256, err := jwt.NewWithClaims(jwt.SigningMethodRS256, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	none, err := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}
	noUser := documentedClaims("access")
	noUser["identity"] = map[string]any{}
	future := documentedClaims("access")
	future["iat"] = testNow().Add(time.Hour).Unix()
	refused := map[string]string{
		"alg none":                  none,
		"alg none, no sig":          strings.TrimSuffix(none, "."),
		"HS512":                     hs512,
		"RS256":                     rs256,
		"wrong secret":              handToken(t, "other-secret", "HS256", documentedClaims("access")),
		"HS256 claims, none header": handToken(t, testSecret, "none", documentedClaims("access")),
		"refresh type":              handToken(t, testSecret, "HS256", documentedClaims("refresh")),
		"no type":                   handToken(t, testSecret, "HS256", map[string]any{"identity": map[string]any{"u": "x"}}),
		"no identity.u":             handToken(t, testSecret, "HS256", noUser),
		"issued in future":          handToken(t, testSecret, "HS256", future),
	}
	for name, tok := range refused {
		t.Run(name, func(t *testing.T) { wantAccepted(t, s, tok, false) })
	}
}

// TestJWTSecretChangeInvalidates: tokens from one secret fail on another.
func TestJWTSecretChangeInvalidates(t *testing.T) {
	t.Parallel()
	a, _ := newTestServer(t, testConfig())
	cfg := testConfig()
	cfg.JWTSecret = "another-secret-another-secret"
	b, _ := newTestServer(t, cfg)
	access, _ := login(t, a)
	wantAccepted(t, a, access, true)
	wantAccepted(t, b, access, false)
}

// TestJWTTypedClaims: exp, iat and nbf must be JSON numbers of seconds (a
// numeric string, as PyJWT refuses it, is refused), and iat may be at most
// issuedAtSkew in the future.
func TestJWTTypedClaims(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	with := func(key string, v any) map[string]any {
		c := documentedClaims("access")
		if v == nil {
			c[key] = nil
		} else {
			c[key] = v
		}
		return c
	}
	exp := testNow().Add(15 * time.Minute).Unix()
	iat := testNow().Unix()
	refused := map[string]map[string]any{
		"exp string":           with("exp", strconv.FormatInt(exp, 10)),
		"iat string":           with("iat", strconv.FormatInt(iat, 10)),
		"nbf string":           with("nbf", strconv.FormatInt(iat, 10)),
		"exp bool":             with("exp", true),
		"exp null":             with("exp", nil),
		"iat null":             with("iat", nil),
		"exp object":           with("exp", map[string]any{"s": exp}),
		"exp list":             with("exp", []any{exp}),
		"exp 1e300":            with("exp", 1e300),
		"iat negative":         with("iat", -1),
		"iat beyond the skew":  with("iat", testNow().Add(issuedAtSkew+time.Second).Unix()),
		"nbf in the future":    with("nbf", testNow().Add(time.Hour).Unix()),
		"exp passed":           with("exp", testNow().Add(-time.Second).Unix()),
		"exp string, no iat":   func() map[string]any { c := with("exp", strconv.FormatInt(exp, 10)); delete(c, "iat"); return c }(),
		"iat string, no exp":   func() map[string]any { c := with("iat", strconv.FormatInt(iat, 10)); delete(c, "exp"); return c }(),
		"exp and iat strings":  with("exp", strconv.FormatInt(exp, 10)),
		"exp year 10000":       with("exp", 253402300800),
		"exp numeric but text": with("exp", "1e10"),
	}
	refused["exp and iat strings"]["iat"] = strconv.FormatInt(iat, 10)
	for name, claims := range refused {
		t.Run("refused "+name, func(t *testing.T) {
			wantAccepted(t, s, handToken(t, testSecret, "HS256", claims), false)
		})
	}
	accepted := map[string]map[string]any{
		"iat within the skew": with("iat", testNow().Add(issuedAtSkew-time.Second).Unix()),
		"float exp":           with("exp", float64(exp)+0.5),
		"nbf passed":          with("nbf", iat),
		"no iat":              func() map[string]any { c := documentedClaims("access"); delete(c, "iat"); return c }(),
	}
	for name, claims := range accepted {
		t.Run("accepted "+name, func(t *testing.T) {
			wantAccepted(t, s, handToken(t, testSecret, "HS256", claims), true)
		})
	}
}
