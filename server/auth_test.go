package server

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// TestProtectedRouteAuth is the §1.2 matrix on a protected route.
func TestProtectedRouteAuth(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	access, refresh := login(t, s)
	expired := handToken(t, testSecret, "HS256", map[string]any{
		"identity": map[string]any{"u": testUser}, "type": "access",
		"iat": testNow().Add(-time.Hour).Unix(), "exp": testNow().Add(-time.Minute).Unix(),
	})
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	cases := []struct {
		name, authz       string
		status            int
		detail, challenge string
	}{
		{"no header", "", 401, "Unauthorized", ""},
		{"wrong user", basicAuth("bob", testPass), 401, "Unauthorized", ""},
		{"wrong password", basicAuth(testUser, "nope"), 401, "Unauthorized", ""},
		{"empty basic", "Basic ", 401, "Unauthorized", ""},
		{"bad base64", "Basic !!!not-base64", 401, "Invalid authentication credentials", "Basic"},
		{"no colon", "Basic " + b64(testUser), 401, "Invalid authentication credentials", "Basic"},
		{"non-ascii", "Basic " + b64("älice:"+testPass), 401, "Invalid authentication credentials", "Basic"},
		{"basic ok", basicAuth(testUser, testPass), 200, "", ""},
		{"basic lowercase scheme", "basic " + b64(testUser+":"+testPass), 200, "", ""},
		{"bearer access", "Bearer " + access, 200, "", ""},
		{"bearer refresh", "Bearer " + refresh, 401, "Could not validate credentials", "Bearer"},
		{"bearer garbage", "Bearer abc.def.ghi", 401, "Could not validate credentials", "Bearer"},
		{"bearer expired", "Bearer " + expired, 401, "Could not validate credentials", "Bearer"},
		{"bearer empty", "Bearer ", 401, "Unauthorized", ""},
		{"other scheme", "Token " + access, 401, "Unauthorized", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := request(t, s, get, "/api/v1/count", "", "Authorization", tc.authz)
			if tc.status == http.StatusOK {
				wantJSON(t, rec, http.StatusOK, &apiclient.Count{})
				return
			}
			wantDetail(t, rec, tc.status, tc.detail)
			if got := rec.Header().Get("WWW-Authenticate"); got != tc.challenge {
				t.Fatalf("WWW-Authenticate %q, want %q", got, tc.challenge)
			}
		})
	}
}

// TestLoginAuth is §1.3.
func TestLoginAuth(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	access, _ := login(t, s)
	cases := []struct {
		name, authz       string
		detail, challenge string
	}{
		{"no header", "", "Not authenticated", "Basic"},
		{"bearer only", "Bearer " + access, "Not authenticated", "Basic"},
		{"bad base64", "Basic %%%", "Invalid authentication credentials", "Basic"},
		{"wrong password", basicAuth(testUser, "x"), "Incorrect username or password", ""},
		{"wrong user", basicAuth("x", testPass), "Incorrect username or password", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := request(t, s, post, "/api/v1/token/login", "", "Authorization", tc.authz)
			wantDetail(t, rec, http.StatusUnauthorized, tc.detail)
			if got := rec.Header().Get("WWW-Authenticate"); got != tc.challenge {
				t.Fatalf("WWW-Authenticate %q, want %q", got, tc.challenge)
			}
		})
	}
}

// TestRefresh is §1.4: only a refresh token works, and the answer carries
// no refresh_token.
func TestRefresh(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	access, refresh := login(t, s)
	for name, authz := range map[string]string{
		"none": "", "access token": "Bearer " + access, "basic": basicAuth(testUser, testPass),
		"garbage": "Bearer x",
	} {
		rec := request(t, s, post, "/api/v1/token/refresh", "", "Authorization", authz)
		wantDetail(t, rec, http.StatusUnauthorized, "Could not validate credentials")
		if got := rec.Header().Get("WWW-Authenticate"); got != "Bearer" {
			t.Fatalf("%s: WWW-Authenticate %q", name, got)
		}
	}
	rec := request(t, s, post, "/api/v1/token/refresh", "", "Authorization", "Bearer "+refresh)
	var body map[string]any
	wantJSON(t, rec, http.StatusOK, &body)
	if len(body) != 1 || body["access_token"] == nil {
		t.Fatalf("refresh body %v, want only access_token", body)
	}
	newAccess, _ := body["access_token"].(string)
	wantJSON(t, request(t, s, get, "/api/v1/count", "", "Authorization", "Bearer "+newAccess), http.StatusOK, nil)
}

// TestPingIsPublic checks /ping needs no credentials.
func TestPingIsPublic(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	var got apiclient.Ping
	wantJSON(t, request(t, s, get, "/api/v1/ping", ""), http.StatusOK, &got)
	if got.Status != "pong" {
		t.Fatalf("ping %q", got.Status)
	}
	wantJSON(t, request(t, s, head, "/api/v1/ping", ""), http.StatusOK, nil)
}

// login returns an access and a refresh token from /token/login.
func login(t *testing.T, s http.Handler) (access, refresh string) {
	t.Helper()
	var tok apiclient.Tokens
	wantJSON(t, request(t, s, post, "/api/v1/token/login", "", "Authorization", basicAuth(testUser, testPass)), http.StatusOK, &tok)
	if tok.AccessToken == "" || tok.RefreshToken == "" {
		t.Fatalf("login tokens %+v", tok)
	}
	return tok.AccessToken, tok.RefreshToken
}

// decodeSegment decodes one base64url JWT segment into a map.
func decodeSegment(t *testing.T, seg string) map[string]any {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		t.Fatalf("segment %q: %v", seg, err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("segment %s: %v", raw, err)
	}
	return m
}
