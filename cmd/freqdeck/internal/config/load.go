package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Environment variables freqdeck reads.
const (
	// EnvConfig is the config file's path when --config is not given.
	EnvConfig = "FREQDECK_CONFIG"
	// EnvPassword is the password of the server ([server]) and of a one-off
	// bot given by --url or --ft-config without a password.
	EnvPassword = "FREQDECK_PASSWORD"
	// EnvURL and EnvUsername give a one-off bot, as --url and --username do.
	EnvURL      = "FREQDECK_URL"
	EnvUsername = "FREQDECK_USERNAME"
	// EnvTheme is the console's theme.
	EnvTheme = "FREQDECK_THEME"
)

// Find returns the config file to read: flagPath (from --config) if set,
// else $FREQDECK_CONFIG, else $XDG_CONFIG_HOME/freqdeck/config.toml (or
// ~/.config/freqdeck/config.toml). explicit reports that the user named the
// file, so that its absence is an error; the default file may be missing.
func Find(flagPath string, getenv func(string) string) (path string, explicit bool) {
	if flagPath != "" {
		return expandHome(flagPath, getenv), true
	}
	if p := getenv(EnvConfig); p != "" {
		return expandHome(p, getenv), true
	}
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			return "", false
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "freqdeck", "config.toml"), false
}

// Load returns the defaults, overlaid by the config file found from
// flagPath (see Find), then by the environment (see ApplyEnv). No file at the
// default location is fine: that is the embedded mode. The result carries
// warnings (see Config.Warnings) but is not yet validated.
func Load(flagPath string, getenv func(string) string) (Config, error) {
	path, explicit := Find(flagPath, getenv)
	cfg := Default()
	if path != "" {
		data, info, err := readFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist) && !explicit:
			path = ""
		case err != nil:
			return Config{}, fmt.Errorf("config: %w", err)
		default:
			if cfg, err = Decode(data, path); err != nil {
				return Config{}, err
			}
			if w := permissionWarning(path, info.Mode(), cfg.plaintextSecret()); w != "" {
				cfg.Warnings = append(cfg.Warnings, w)
			}
		}
	}
	cfg.Path = path
	cfg = ApplyEnv(cfg, getenv)
	cfg.Warnings = append(cfg.Warnings, cfg.secretFileWarnings()...)
	return cfg, nil
}

// secretFileWarnings warns about each password_file that other users can
// read, as about a config file holding a plaintext password. A file that
// cannot be read is left to Secret.Resolve to report.
func (c Config) secretFileWarnings() []string {
	var warns []string
	check := func(path, what string) {
		if path == "" {
			return
		}
		info, err := os.Stat(path)
		if err != nil {
			return
		}
		if w := permissionWarning(path, info.Mode(), what); w != "" {
			warns = append(warns, w)
		}
	}
	for _, b := range c.Bots {
		check(b.PasswordFile, fmt.Sprintf("the password of bot %q", b.Name))
	}
	check(c.Server.PasswordFile, "the [server] password")
	return warns
}

func readFile(path string) ([]byte, fs.FileInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if info.IsDir() {
		return nil, nil, fmt.Errorf("%s is a directory", path)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	return data, info, nil
}

// ApplyEnv overlays the environment: $FREQDECK_THEME, $FREQDECK_PASSWORD
// (the server's password), "~" in paths, and the default log paths in the
// state directory (StateDir).
func ApplyEnv(cfg Config, getenv func(string) string) Config {
	if v := getenv(EnvTheme); v != "" {
		cfg.Theme = v
	}
	if v := getenv(EnvPassword); v != "" {
		cfg.Server.Secret = Secret{Password: v}
	}
	if cfg.AuditLog == "" {
		cfg.AuditLog = filepath.Join(StateDir(getenv), "audit.jsonl")
	}
	if cfg.LogFile == "" {
		cfg.LogFile = filepath.Join(StateDir(getenv), "freqdeck.log")
	}
	for _, p := range []*string{&cfg.AuditLog, &cfg.LogFile, &cfg.Server.UIDir, &cfg.Server.DB, &cfg.Server.PasswordFile} {
		*p = expandHome(*p, getenv)
	}
	bots := make([]Bot, len(cfg.Bots))
	for i, b := range cfg.Bots {
		b.PasswordFile = expandHome(b.PasswordFile, getenv)
		bots[i] = b
	}
	if cfg.Bots != nil {
		cfg.Bots = bots
	}
	return cfg
}

// StateDir is freqdeck's state directory: $XDG_STATE_HOME/freqdeck, else
// ~/.local/state/freqdeck, else (neither variable set) freqdeck-state in
// the temporary directory.
func StateDir(getenv func(string) string) string {
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "freqdeck")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "state", "freqdeck")
	}
	return filepath.Join(os.TempDir(), "freqdeck-state")
}

// expandHome replaces a leading "~/" (or a lone "~") by $HOME.
func expandHome(p string, getenv func(string) string) string {
	home := getenv("HOME")
	if home == "" {
		return p
	}
	if p == "~" {
		return home
	}
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		return filepath.Join(home, rest)
	}
	return p
}

// plaintextSecret names the first secret written in clear in the file, or
// "" when there is none.
func (c Config) plaintextSecret() string {
	for _, b := range c.Bots {
		if b.Password != "" {
			return fmt.Sprintf("the password of bot %q", b.Name)
		}
	}
	switch {
	case c.Server.Password != "":
		return "the [server] password"
	case c.Server.JWTSecretKey != "":
		return "the [server] jwt_secret_key"
	}
	return ""
}

// permissionWarning warns when a file holding a plaintext secret can be
// read by group or others.
func permissionWarning(path string, mode fs.FileMode, secret string) string {
	if secret == "" || mode.Perm()&0o077 == 0 {
		return ""
	}
	return fmt.Sprintf("%s holds %s in plain text and can be read by other users (mode %04o): run chmod 600 %s",
		path, secret, mode.Perm(), path)
}
