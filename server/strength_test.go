package server

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"testing"
)

// TestSecretWeakness is the strength rule's table: each secret, for a
// password (or ws_token) and for a JWT secret, with the username "alice".
func TestSecretWeakness(t *testing.T) {
	t.Parallel()
	hex32 := make([]byte, 32)
	if _, err := rand.Read(hex32); err != nil {
		t.Fatal(err)
	}
	randomHex := hex.EncodeToString(hex32) // openssl rand -hex 32
	cases := []struct {
		secret   string
		password string // "" means strong enough; else a part of the reason
		jwt      string
	}{
		{"", "empty", "empty"},
		{"   ", "empty", "empty"},
		{"a", "shorter than 12", "shorter than 24"},
		{"x", "shorter than 12", "shorter than 24"},
		{"123456", "common password", "common password"},
		{"password1", "common password", "common password"},
		{"Password1", "common password", "common password"},
		{"qwerty", "common password", "common password"},
		{"letmein", "common password", "common password"},
		{"freqtrader", "common password", "common password"},
		{"SuperSecretPassword", "common password", "common password"},
		{"SuperSecurePassword", "common password", "common password"},
		{"SuperSecret1!", "common password", "common password"},
		{"somethingrandom", "common password", "common password"},
		{" CHANGEME ", "common password", "common password"},
		{"super-secret", "common password", "common password"},
		{"sercet_Ws_t0ken", "common password", "common password"},
		{"k3#pL9!vQz", "shorter than 12", "shorter than 24"},
		{"aaaaaaaaaaaaaaaa", "too predictable", "shorter than 24"},
		{"abcdefghijklmnop", "too predictable", "shorter than 24"},
		{"qwertyuiop123456", "too predictable", "shorter than 24"},
		{"zxcvbnmasdfghjkl", "too predictable", "shorter than 24"},
		{"k9x!k9x!k9x!k9x!", "too predictable", "shorter than 24"},
		{"Password123!", "common password", "common password"},
		{"P@ssw0rd2024!!", "too predictable", "shorter than 24"},
		{"alice12345678", "too predictable", "shorter than 24"},
		{"AliceAliceAlice!", "too predictable", "shorter than 24"},
		{"passwordpasswordpassword1234", "too predictable", "too predictable"},
		{"k3#pL9!vQz&Wm2", "", "shorter than 24"},
		{"a-strong-pass-93jd", "", "shorter than 24"},
		{"correct-horse-battery-staple", "", ""},
		{"PM7BY54N2JLX44VYSAGZ4CJVE3", "", ""}, // crypto/rand.Text, as serve generates
		{randomHex, "", ""},
		{randomHex[:32], "", ""},
	}
	for _, tc := range cases {
		for _, kind := range []struct {
			jwt  bool
			want string
		}{{false, tc.password}, {true, tc.jwt}} {
			got := secretWeakness(tc.secret, kind.jwt, "alice")
			if (kind.want == "") != (got == "") || !strings.Contains(got, kind.want) {
				t.Errorf("secretWeakness(%q, jwt=%v) = %q, want %q", tc.secret, kind.jwt, got, kind.want)
			}
		}
	}
}

// TestEstimateBits: random strings score about their true entropy, human
// patterns little, and leetspeak reads as the word it spells.
func TestEstimateBits(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		secret   string
		min, max float64
	}{
		{"aaaa", 0, 10},
		{"abcdefgh", 0, 10},
		{"87654321", 0, 15},
		{"password", 0, 12},
		{"p@ssw0rd", 0, 12},
		{"xq7#", 20, 30},                         // 4 characters of 95
		{"PM7BY54N2JLX44VYSAGZ4CJVE3", 110, 140}, // 26 of 36: about 134
	} {
		if got := estimateBits(tc.secret); got < tc.min || got > tc.max {
			t.Errorf("estimateBits(%q) = %.1f, want %.0f..%.0f", tc.secret, got, tc.min, tc.max)
		}
	}
}

// TestCommonPasswordList: the built-in list is small, lower-cased, holds
// freqtrade's documented examples, and every entry fails the rule.
func TestCommonPasswordList(t *testing.T) {
	t.Parallel()
	list := commonPasswords()
	if len(list) < 200 || len(list) > 500 {
		t.Fatalf("%d common passwords, want a few hundred", len(list))
	}
	for _, want := range []string{"password", "123456", "qwerty", "letmein", "freqtrader", "supersecretpassword",
		"somethingrandom", "supersecret1!", "supersecurepassword", "sercet_ws_t0ken", "super-secret"} {
		if !strings.Contains("\n"+strings.Join(list, "\n")+"\n", "\n"+want+"\n") {
			t.Errorf("%q is not in the list", want)
		}
	}
	for _, p := range list {
		if secretWeakness(p, false) == "" {
			t.Errorf("%q from the list passes the rule", p)
		}
	}
}

// TestEstimateBitsLongSecret: a very long secret is estimated quickly, from
// its first characters.
func TestEstimateBitsLongSecret(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("ab", 50_000)
	if bits := estimateBits(long); bits > 10 {
		t.Fatalf("100,000 characters of abab: %.1f bits", bits)
	}
	if why := secretWeakness(strings.Repeat("k3#pL9!vQz&Wm2", 1000), false); why != "" {
		t.Fatalf("long repeat of a strong secret: %q", why)
	}
}
