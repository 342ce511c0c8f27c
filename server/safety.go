package server

import (
	"fmt"
	"net"
	"strings"
)

// WeakSecrets returns the values that must never protect a server reachable
// from other machines: empty, freqtrade's documented defaults and examples,
// and freqdeck's own example values. This is the one list; config examples
// must only use values from it.
func WeakSecrets() []string {
	return []string{
		"",
		"super-secret", "somethingrandom", "changeme", "change-me", "changeit",
		"password", "secret", "admin", "freqtrader", "freqtrade", "freqdeck",
		"SuperSecret1!", "SuperSecurePassword", "sercet_Ws_t0ken", "samplews",
		"example", "example-password", "example-secret",
	}
}

// IsWeakSecret reports whether s is in WeakSecrets (case-insensitive).
func IsWeakSecret(s string) bool {
	t := strings.TrimSpace(s)
	for _, w := range WeakSecrets() {
		if strings.EqualFold(t, w) {
			return true
		}
	}
	return false
}

// IsLoopback reports whether a listen address only accepts local
// connections: localhost or a loopback IP. An empty or unspecified host
// ("0.0.0.0", "::") listens everywhere.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// CheckListen is the start-up safety check. On a loopback address it only
// returns warnings. On any other address it refuses (error) while the
// password, the JWT secret or a ws_token is empty or a known example value,
// naming the setting to change; otherwise it returns freqtrade's warning.
func CheckListen(cfg Config, addr string) (warnings []string, err error) {
	if IsLoopback(addr) {
		if cfg.Password == "" {
			warnings = append(warnings, "no password set: anyone on this machine can use the API")
		}
		return warnings, nil
	}
	var bad []string
	if IsWeakSecret(cfg.Password) {
		bad = append(bad, "password (--password or FREQDECK_PASSWORD)")
	}
	if IsWeakSecret(cfg.JWTSecret) {
		bad = append(bad, "jwt_secret_key (--jwt-secret)")
	}
	for _, t := range cfg.WSTokens {
		if IsWeakSecret(t) {
			bad = append(bad, "ws_token (--ws-token)")
			break
		}
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("server: refusing to listen on %s, which other machines can reach, "+
			"while these settings are empty or example values: %s; set strong values, or listen on 127.0.0.1",
			addr, strings.Join(bad, ", "))
	}
	return []string{
		"SECURITY WARNING: the API server listens on " + addr + " and accepts connections from other machines",
		"SECURITY WARNING: this is insecure; prefer a loopback address (127.0.0.1) and an SSH tunnel",
	}, nil
}
