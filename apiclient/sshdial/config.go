package sshdial

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kevinburke/ssh_config"
)

// maxJumps bounds a ProxyJump chain, which also ends loops.
const maxJumps = 8

// defaultIdentities are tried, below ~/.ssh, when the config names no
// IdentityFile.
func defaultIdentities() []string { return []string{"id_ed25519", "id_ecdsa", "id_rsa"} }

// resolver answers what OpenSSH's config says about a destination. It
// reads the files afresh for each resolution, so edits apply to the next
// Host.
type resolver struct {
	home, localUser string
	localHost       string
	uid             int
	configFile      string // "" reads none
	systemDir       string
	getenv          func(string) string
	files           []*configFile // user file first, then the system file
}

// configFile is one parsed ssh config file.
type configFile struct {
	path string
	cfg  *ssh_config.Config
}

// load parses the user and system config files; a missing file is skipped.
func (r *resolver) load() error {
	r.files = nil
	paths := []string{r.configFile, filepath.Join(r.systemDir, "ssh_config")}
	bases := []string{filepath.Join(r.home, ".ssh"), r.systemDir}
	for i, p := range paths {
		if p == "" {
			continue
		}
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("ssh config: %w", err)
		}
		cfg, err := ssh_config.DecodeBytes(absIncludes(data, bases[i], r.home))
		if err != nil {
			return fmt.Errorf("ssh config %s: %w", r.tilde(p), err)
		}
		r.files = append(r.files, &configFile{path: p, cfg: cfg})
	}
	return nil
}

// get returns the first value of key for alias, user file first, as
// OpenSSH does (the first value obtained wins).
func (r *resolver) get(alias, key string) (string, error) {
	for _, f := range r.files {
		v, err := f.cfg.Get(alias, key)
		if err != nil {
			return "", fmt.Errorf("ssh config %s: %s: %w", r.tilde(f.path), key, err)
		}
		if v != "" {
			return unquote(v), nil
		}
	}
	return "", nil
}

// getAll returns every value of key for alias, across both files.
func (r *resolver) getAll(alias, key string) ([]string, error) {
	var all []string
	for _, f := range r.files {
		vs, err := f.cfg.GetAll(alias, key)
		if err != nil {
			return nil, fmt.Errorf("ssh config %s: %s: %w", r.tilde(f.path), key, err)
		}
		for _, v := range vs {
			all = append(all, unquote(v))
		}
	}
	return all, nil
}

// resolve turns a destination into a Target, jump hosts included.
func (r *resolver) resolve(dest string) (*Target, error) {
	if err := r.load(); err != nil {
		return nil, err
	}
	return r.resolveDepth(dest, 0)
}

func (r *resolver) resolveDepth(dest string, depth int) (*Target, error) {
	if depth > maxJumps {
		return nil, fmt.Errorf("ssh %q: ProxyJump chain longer than %d hops (a loop?)", dest, maxJumps)
	}
	sp, err := parseSpec(dest)
	if err != nil {
		return nil, err
	}
	t, err := r.target(sp)
	if err != nil {
		return nil, fmt.Errorf("ssh %q: %w", dest, err)
	}
	jump, err := r.get(sp.host, "ProxyJump")
	if err != nil {
		return nil, err
	}
	if jump == "" || strings.EqualFold(jump, "none") {
		return t, r.noProxyCommand(sp.host)
	}
	// "a,b" reaches a (as its own config says), then b through a, then t.
	var prev *Target
	for i, hop := range strings.Split(jump, ",") {
		ht, err := r.resolveDepth(strings.TrimSpace(hop), depth+1)
		if err != nil {
			return nil, fmt.Errorf("ssh %q: ProxyJump: %w", dest, err)
		}
		if i > 0 {
			ht.Jump = prev
		}
		prev = ht
	}
	t.Jump = prev
	return t, nil
}

// noProxyCommand refuses a ProxyCommand: connecting directly instead would
// go somewhere the operator did not mean.
func (r *resolver) noProxyCommand(alias string) error {
	pc, err := r.get(alias, "ProxyCommand")
	if err != nil || pc == "" || strings.EqualFold(pc, "none") {
		return err
	}
	return fmt.Errorf("ssh %q: ProxyCommand is not supported; use ProxyJump", alias)
}

// target fills in everything but the jump host.
func (r *resolver) target(sp spec) (*Target, error) {
	alias := sp.host
	t := &Target{Alias: alias, HostName: alias, Port: 22, User: sp.user}
	if v, err := r.get(alias, "HostName"); err != nil {
		return nil, err
	} else if v != "" {
		t.HostName = strings.NewReplacer("%h", alias, "%%", "%").Replace(v)
	}
	if err := r.numbers(alias, t); err != nil {
		return nil, err
	}
	if sp.port != 0 {
		t.Port = sp.port
	}
	if t.User == "" {
		u, err := r.get(alias, "User")
		if err != nil {
			return nil, err
		}
		t.User = firstNonEmpty(u, r.localUser)
	}
	if err := r.paths(t); err != nil {
		return nil, err
	}
	return t, nil
}
