package server

import (
	"fmt"
	"net"
	"strings"
)

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

// CheckExposure is CheckListen on cfg.Listen without the warnings: a pure
// check over the config that a command can run before it starts anything.
func CheckExposure(cfg Config) error {
	addr := cfg.Listen
	if addr == "" {
		addr = DefaultListen
	}
	_, err := CheckListen(cfg, addr)
	return err
}

// CheckListen is the start-up safety check. On a loopback address it only
// returns warnings. On any other address it refuses (error) while a secret
// fails the strength rule (secretWeakness: length, estimated entropy, not a
// common password) or two of them are the same (the password and the
// username, the password, the JWT secret and the ws_tokens), naming each
// setting to change; otherwise it returns a one-line warning that names the
// SSH-tunnel alternative. An empty JWT secret is a random one per run, which
// is strong.
func CheckListen(cfg Config, addr string) (warnings []string, err error) {
	if IsLoopback(addr) {
		if cfg.Password == "" {
			warnings = append(warnings, "no password set: anyone on this machine can use the API")
		}
		return warnings, nil
	}
	if bad := exposureProblems(cfg); len(bad) > 0 {
		return nil, fmt.Errorf("server: refusing to listen on %s, which other machines can reach, "+
			"while these settings are weak: %s; set strong values (e.g. openssl rand -hex 32), "+
			"or listen on 127.0.0.1 and use an SSH tunnel", addr, strings.Join(bad, "; "))
	}
	return []string{exposedWarning(addr)}, nil
}

// exposedWarning is the one-line warning of a server other machines can reach.
func exposedWarning(addr string) string {
	_, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" || port == "0" {
		port = "8080"
	}
	return "SECURITY WARNING: the API listens on " + addr + " and other machines can reach it; " +
		"prefer --listen 127.0.0.1:" + port + " and an SSH tunnel (ssh -N -L " + port + ":127.0.0.1:" + port + " <host>)"
}

// Setting names in the refusal.
const (
	settingPassword = "password (--password or FREQDECK_PASSWORD)"
	settingJWT      = "jwt_secret_key (--jwt-secret)"
	settingWSToken  = "ws_token (--ws-token)"
)

// exposureProblems lists each weak setting of cfg with its reason: equal
// to another credential, or failing secretWeakness.
func exposureProblems(cfg Config) []string {
	type named struct{ name, value string }
	user := named{"username", cfg.Username}
	pass := named{"password", cfg.Password}
	jwt := named{"JWT secret", cfg.JWTSecret}
	var bad []string
	check := func(setting, secret string, isJWT bool, others ...named) {
		for _, o := range others {
			if secret != "" && strings.EqualFold(strings.TrimSpace(secret), strings.TrimSpace(o.value)) {
				bad = append(bad, setting+": equal to the "+o.name)
				return
			}
		}
		if why := secretWeakness(secret, isJWT, cfg.Username); why != "" {
			bad = append(bad, setting+": "+why)
		}
	}
	check(settingPassword, cfg.Password, false, user)
	if cfg.JWTSecret != "" { // empty means a random secret per run: strong
		check(settingJWT, cfg.JWTSecret, true, user, pass)
	}
	for i, t := range cfg.WSTokens {
		setting := settingWSToken
		if len(cfg.WSTokens) > 1 {
			setting = fmt.Sprintf("%s #%d", settingWSToken, i+1)
		}
		check(setting, t, false, user, pass, jwt)
	}
	return bad
}
