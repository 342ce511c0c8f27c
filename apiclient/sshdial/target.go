package sshdial

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// Target is a resolved SSH destination: what OpenSSH would connect to for
// the same argument and config.
type Target struct {
	// Alias is the name looked up in ssh config ("vps").
	Alias string
	// HostName is the address dialed (HostName, else Alias).
	HostName string
	// Port is the SSH port (default 22).
	Port int
	// User is the remote user (default: the local user).
	User string
	// IdentityFiles are the private keys to offer after the agent's, in
	// order: IdentityFile entries, else OpenSSH's defaults.
	IdentityFiles []string
	// IdentitiesExplicit is true when IdentityFiles came from the config
	// (a missing one is then reported, not skipped silently).
	IdentitiesExplicit bool
	// IdentitiesOnly limits the agent's keys to those of IdentityFiles.
	IdentitiesOnly bool
	// IdentityAgent is the agent's socket from IdentityAgent: "" means
	// SSH_AUTH_SOCK, "none" means no agent.
	IdentityAgent string
	// KnownHosts are the user's known_hosts files (UserKnownHostsFile);
	// Pool.Trust appends to the first.
	KnownHosts []string
	// GlobalKnownHosts are the system's known_hosts files, read only.
	GlobalKnownHosts []string
	// AliveInterval and AliveCountMax come from ServerAliveInterval and
	// ServerAliveCountMax (0 when unset).
	AliveInterval time.Duration
	AliveCountMax int
	// ConnectTimeout comes from ConnectTimeout (0 when unset).
	ConnectTimeout time.Duration
	// Jump is the host this one is reached through (ProxyJump), or nil.
	Jump *Target
}

// Addr is HostName:Port, the address dialed and checked in known_hosts.
func (t *Target) Addr() string { return net.JoinHostPort(t.HostName, strconv.Itoa(t.Port)) }

// String names the target for messages: "user@host:port", followed by
// " via ..." for each jump host.
func (t *Target) String() string {
	s := t.User + "@" + t.Addr()
	if t.Jump != nil {
		s += " via " + t.Jump.String()
	}
	return s
}

// chain lists the hops to connect, outermost first, ending with t.
func (t *Target) chain() []*Target {
	var hops []*Target
	for h := t; h != nil; h = h.Jump {
		hops = append([]*Target{h}, hops...)
	}
	return hops
}

// spec is a parsed destination argument: [user@]host[:port], or
// ssh://[user@]host[:port]. Zero fields are unset.
type spec struct {
	user, host string
	port       int
}

// ValidateSpec checks the syntax of an ssh destination as a config or flag
// gives it ("vps", "deploy@vps.example.com", "root@10.0.0.5:2222",
// "[::1]:2222"), without reading any file.
func ValidateSpec(s string) error {
	_, err := parseSpec(s)
	return err
}

func parseSpec(raw string) (spec, error) {
	s := strings.TrimSpace(raw)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "ssh://"), "/")
	var sp spec
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		sp.user, s = s[:i], s[i+1:]
		if sp.user == "" {
			return spec{}, fmt.Errorf("ssh destination %q: empty user before @", raw)
		}
	}
	host, port, err := splitHostPort(s)
	if err != nil {
		return spec{}, fmt.Errorf("ssh destination %q: %w", raw, err)
	}
	if host == "" || strings.ContainsAny(host, " \t/@") {
		return spec{}, fmt.Errorf("ssh destination %q: want a Host alias, host or user@host[:port]", raw)
	}
	sp.host, sp.port = host, port
	return sp, nil
}

// splitHostPort accepts "host", "host:port", "[v6]", "[v6]:port" and a bare
// IPv6 address.
func splitHostPort(s string) (string, int, error) {
	switch {
	case strings.HasPrefix(s, "["):
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", 0, fmt.Errorf("missing ]")
		}
		host, rest := s[1:end], s[end+1:]
		if rest == "" {
			return host, 0, nil
		}
		if !strings.HasPrefix(rest, ":") {
			return "", 0, fmt.Errorf("unexpected %q after ]", rest)
		}
		p, err := parsePort(rest[1:])
		return host, p, err
	case strings.Count(s, ":") == 1:
		host, ps, _ := strings.Cut(s, ":")
		p, err := parsePort(ps)
		return host, p, err
	default:
		return s, 0, nil
	}
}

func parsePort(s string) (int, error) {
	p, err := strconv.Atoi(s)
	if err != nil || p < 1 || p > 65535 {
		return 0, fmt.Errorf("port %q: want 1-65535", s)
	}
	return p, nil
}
