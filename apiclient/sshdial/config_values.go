package sshdial

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// numbers reads Port, ServerAliveInterval, ServerAliveCountMax and
// ConnectTimeout.
func (r *resolver) numbers(alias string, t *Target) error {
	if v, err := r.get(alias, "Port"); err != nil {
		return err
	} else if v != "" {
		p, err := parsePort(v)
		if err != nil {
			return fmt.Errorf("option Port: %w", err)
		}
		t.Port = p
	}
	secs := []struct {
		key string
		set func(int)
	}{
		{"ServerAliveInterval", func(n int) { t.AliveInterval = time.Duration(n) * time.Second }},
		{"ServerAliveCountMax", func(n int) { t.AliveCountMax = n }},
		{"ConnectTimeout", func(n int) { t.ConnectTimeout = time.Duration(n) * time.Second }},
	}
	for _, s := range secs {
		v, err := r.get(alias, s.key)
		if err != nil || v == "" {
			if err != nil {
				return err
			}
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("%s %q: want a number of seconds", s.key, v)
		}
		s.set(n)
	}
	return nil
}

// paths reads IdentityFile, IdentitiesOnly, UserKnownHostsFile and
// GlobalKnownHostsFile, with ~, ${VAR} and %-tokens expanded.
func (r *resolver) paths(t *Target) error {
	tokens := r.tokens(t)
	ids, err := r.getAll(t.Alias, "IdentityFile")
	if err != nil {
		return err
	}
	for _, id := range ids {
		if strings.EqualFold(id, "none") {
			continue
		}
		p, err := r.expand(id, tokens)
		if err != nil {
			return fmt.Errorf("option IdentityFile %q: %w", id, err)
		}
		t.IdentityFiles = append(t.IdentityFiles, p)
	}
	t.IdentitiesExplicit = len(ids) > 0
	if len(ids) == 0 {
		for _, name := range defaultIdentities() {
			t.IdentityFiles = append(t.IdentityFiles, filepath.Join(r.home, ".ssh", name))
		}
	}
	only, err := r.get(t.Alias, "IdentitiesOnly")
	if err != nil {
		return err
	}
	t.IdentitiesOnly = strings.EqualFold(only, "yes") || strings.EqualFold(only, "true")
	if t.IdentityAgent, err = r.identityAgent(t.Alias, tokens); err != nil {
		return err
	}
	user := filepath.Join(r.home, ".ssh", "known_hosts") + " " + filepath.Join(r.home, ".ssh", "known_hosts2")
	global := filepath.Join(r.systemDir, "ssh_known_hosts") + " " + filepath.Join(r.systemDir, "ssh_known_hosts2")
	if t.KnownHosts, err = r.fileList(t.Alias, "UserKnownHostsFile", user, tokens); err != nil {
		return err
	}
	t.GlobalKnownHosts, err = r.fileList(t.Alias, "GlobalKnownHostsFile", global, tokens)
	return err
}

// identityAgent reads IdentityAgent: a socket path, "none", or
// "SSH_AUTH_SOCK" / "$VAR" naming an environment variable.
func (r *resolver) identityAgent(alias string, tokens map[byte]string) (string, error) {
	v, err := r.get(alias, "IdentityAgent")
	switch {
	case err != nil || v == "" || v == "SSH_AUTH_SOCK":
		return "", err
	case strings.EqualFold(v, "none"):
		return "none", nil
	case strings.HasPrefix(v, "$") && !strings.HasPrefix(v, "${"):
		return firstNonEmpty(r.getenv(v[1:]), "none"), nil
	}
	p, err := r.expand(v, tokens)
	if err != nil {
		return "", fmt.Errorf("option IdentityAgent %q: %w", v, err)
	}
	return p, nil
}

// fileList reads a whitespace-separated list of files, def when unset.
func (r *resolver) fileList(alias, key, def string, tokens map[byte]string) ([]string, error) {
	v, err := r.get(alias, key)
	if err != nil {
		return nil, err
	}
	if v == "" {
		v = def
	}
	if strings.EqualFold(v, "none") {
		return nil, nil
	}
	var out []string
	for _, f := range strings.Fields(v) {
		p, err := r.expand(unquote(f), tokens)
		if err != nil {
			return nil, fmt.Errorf("%s %q: %w", key, f, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// tokens are the %-escapes of ssh_config(5) this package knows.
func (r *resolver) tokens(t *Target) map[byte]string {
	return map[byte]string{
		'%': "%",
		'd': r.home,
		'h': t.HostName,
		'n': t.Alias,
		'p': strconv.Itoa(t.Port),
		'r': t.User,
		'u': r.localUser,
		'l': r.localHost,
		'i': strconv.Itoa(r.uid),
	}
}

// expand applies ~, ${VAR} and %-tokens to a path.
func (r *resolver) expand(p string, tokens map[byte]string) (string, error) {
	switch {
	case p == "~":
		p = r.home
	case strings.HasPrefix(p, "~/"):
		p = filepath.Join(r.home, p[2:])
	case strings.HasPrefix(p, "~"):
		return "", fmt.Errorf("~user paths are not supported")
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch {
		case p[i] == '%' && i+1 < len(p):
			v, ok := tokens[p[i+1]]
			if !ok {
				return "", fmt.Errorf("unknown token %%%c", p[i+1])
			}
			b.WriteString(v)
			i++
		case p[i] == '$' && i+1 < len(p) && p[i+1] == '{':
			end := strings.IndexByte(p[i:], '}')
			if end < 0 {
				return "", fmt.Errorf("unterminated ${")
			}
			b.WriteString(r.getenv(p[i+2 : i+end]))
			i += end
		default:
			b.WriteByte(p[i])
		}
	}
	return b.String(), nil
}

// tilde shortens a path below the home directory to ~/..., for messages.
func (r *resolver) tilde(p string) string { return tildePath(r.home, p) }

func tildePath(home, p string) string {
	if home != "" && home != "/" {
		if rest, ok := strings.CutPrefix(p, strings.TrimSuffix(home, "/")+"/"); ok {
			return "~/" + rest
		}
	}
	return p
}

// absIncludes rewrites the relative paths of Include lines: the parser
// would resolve them against the process's own home directory, not the
// one this Pool was given. Relative paths are below base (~/.ssh for the
// user's file, the system directory for the system's).
func absIncludes(data []byte, base, home string) []byte {
	lines := strings.Split(string(data), "\n")
	for i, line := range lines {
		fields := strings.Fields(strings.ReplaceAll(line, "=", " "))
		if len(fields) < 2 || !strings.EqualFold(fields[0], "Include") {
			continue
		}
		args := fields[1:]
		for j, a := range args {
			if strings.HasPrefix(a, "#") {
				args = args[:j]
				break
			}
			switch {
			case strings.HasPrefix(a, "~/"):
				args[j] = filepath.Join(home, a[2:])
			case !filepath.IsAbs(a):
				args[j] = filepath.Join(base, a)
			}
		}
		lines[i] = "Include " + strings.Join(args, " ")
	}
	return []byte(strings.Join(lines, "\n"))
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
