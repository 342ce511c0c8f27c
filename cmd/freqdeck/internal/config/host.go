package config

import (
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"time"
)

// Defaults of [host] (`freqdeck host`).
const (
	DefaultHostListen      = "127.0.0.1:2222"
	DefaultHostMaxSessions = 10
	DefaultHostIdleTimeout = 30 * time.Minute
)

// Host is the [host] table: `freqdeck host`, the console served over SSH.
type Host struct {
	// Listen is the SSH server's address, host:port.
	Listen string `toml:"listen"`
	// AuthorizedKeys is the authorized_keys-format file of the keys let in,
	// each an operator or (freqdeck-role=viewer) a viewer. Empty means
	// $XDG_CONFIG_HOME/freqdeck/authorized_keys.
	AuthorizedKeys string `toml:"authorized_keys"`
	// HostKey is the server's ed25519 private key, generated on first start.
	// Empty means host_ed25519 in the state directory.
	HostKey string `toml:"host_key"`
	// MaxSessions bounds the sessions open at once; one more is refused.
	MaxSessions int `toml:"max_sessions"`
	// IdleTimeout closes a session where no key was pressed for that long.
	IdleTimeout time.Duration `toml:"idle_timeout"`
}

// defaultHost is [host] when the file says nothing.
func defaultHost() Host {
	return Host{Listen: DefaultHostListen, MaxSessions: DefaultHostMaxSessions, IdleTimeout: DefaultHostIdleTimeout}
}

// validate checks [host].
func (h Host) validate() []error {
	var errs []error
	if _, _, err := net.SplitHostPort(h.Listen); err != nil {
		errs = append(errs, fmt.Errorf("listen: %w", err))
	}
	if h.MaxSessions < 1 {
		errs = append(errs, errors.New("max_sessions: must be at least 1"))
	}
	if h.IdleTimeout < time.Second {
		errs = append(errs, errors.New("idle_timeout: must be at least 1s"))
	}
	return errs
}

// Resolved fills in [host]'s default paths: authorized_keys beside the
// config file's default place, the host key in the state directory; "~"
// is expanded.
func (h Host) Resolved(getenv func(string) string) Host {
	if h.AuthorizedKeys == "" {
		if def, _ := Find("", getenv); def != "" {
			h.AuthorizedKeys = filepath.Join(filepath.Dir(def), "authorized_keys")
		}
	}
	if h.HostKey == "" {
		h.HostKey = filepath.Join(StateDir(getenv), "host_ed25519")
	}
	h.AuthorizedKeys = expandHome(h.AuthorizedKeys, getenv)
	h.HostKey = expandHome(h.HostKey, getenv)
	return h
}
