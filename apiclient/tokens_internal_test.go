package apiclient

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

func fakeJWT(payload string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc([]byte(payload)) + ".c2ln"
}

func TestJWTTimes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		token    string
		ok       bool
		exp, iat int64
	}{
		{"freqtrade claims", fakeJWT(`{"identity":{"u":"freq"},"exp":1714565700,"iat":1714564800,"type":"access"}`), true, 1714565700, 1714564800},
		{"float exp, no iat", fakeJWT(`{"exp":1714565700.5}`), true, 1714565700, 0},
		{"padded payload", strings.Replace(fakeJWT(`{"exp":100}`), ".eyJleHAiOjEwMH0.", ".eyJleHAiOjEwMH0=.", 1), true, 100, 0},
		{"no exp", fakeJWT(`{"iat":1}`), false, 0, 0},
		{"exp is a string", fakeJWT(`{"exp":"soon"}`), false, 0, 0},
		{"exp negative", fakeJWT(`{"exp":-5}`), false, 0, 0},
		{"exp beyond year 9999", fakeJWT(`{"exp":1e300}`), false, 0, 0},
		{"payload not JSON", fakeJWT(`nope`), false, 0, 0},
		{"payload not base64", "a.!!!.c", false, 0, 0},
		{"two parts", "a.b", false, 0, 0},
		{"opaque", "not-a-jwt", false, 0, 0},
		{"empty", "", false, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			exp, iat, ok := jwtTimes(tc.token)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if !ok {
				return
			}
			if exp.Unix() != tc.exp {
				t.Errorf("exp = %d, want %d", exp.Unix(), tc.exp)
			}
			if tc.iat == 0 && !iat.IsZero() || tc.iat != 0 && iat.Unix() != tc.iat {
				t.Errorf("iat = %v, want %d", iat, tc.iat)
			}
		})
	}
}

func TestLocalExpiry(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	// Issued by a bot whose clock is an hour behind ours: 15 minutes of life.
	tok := fakeJWT(`{"exp":1714563900,"iat":1714563000}`) // 11:05 and 10:50 UTC
	if got, want := localExpiry(tok, now, true), now.Add(15*time.Minute); !got.Equal(want) {
		t.Errorf("fresh token: expiry %v, want %v (now + lifetime)", got, want)
	}
	if got, want := localExpiry(tok, now, false), time.Unix(1714563900, 0).UTC(); !got.Equal(want) {
		t.Errorf("seeded token: expiry %v, want its exp %v", got, want)
	}
	if got := localExpiry("opaque", now, true); !got.IsZero() {
		t.Errorf("opaque token: expiry %v, want zero (unknown)", got)
	}
}

func FuzzJWTTimes(f *testing.F) {
	for _, s := range []string{
		fakeJWT(`{"exp":1714565700,"iat":1714564800}`),
		fakeJWT(`{"exp":1.5e9}`),
		fakeJWT(`{"exp":NaN}`),
		fakeJWT(`{"exp":-1e308,"iat":1e308}`),
		"a.b.c", "..", "", "x.eyJleHAiOjF9.y",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, token string) {
		exp, iat, ok := jwtTimes(token)
		if !ok {
			if !exp.IsZero() || !iat.IsZero() {
				t.Errorf("not ok but times set: %v %v", exp, iat)
			}
			return
		}
		if exp.Unix() < 0 || exp.Unix() > maxUnix {
			t.Errorf("exp %v out of range", exp)
		}
		_ = localExpiry(token, time.Now(), true)
	})
}
