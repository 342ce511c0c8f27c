package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/freqdeck/freqdeck/themes"
)

// Checks are validations whose rules and results belong to the caller:
// cmd/freqdeck checks [keys] against the console's keymap and keeps the
// keymap that check builds, so the keys are checked once. A nil function
// skips its check.
type Checks struct {
	// Keys validates the [keys] overrides (unknown scopes or actions,
	// duplicate keys inside a scope).
	Keys func(Keys) error
}

// Validate checks the whole configuration and returns every problem found,
// one per line, each naming the setting.
func (c Config) Validate(chk Checks) error {
	var errs []error
	if c.Theme == "" {
		errs = append(errs, errors.New("theme: must not be empty"))
	} else if names := themes.Names(); !slices.Contains(names, c.Theme) {
		errs = append(errs, fmt.Errorf("theme: unknown theme %q (available: %s)", c.Theme, strings.Join(names, ", ")))
	}
	seen := map[string]bool{}
	for i, b := range c.Bots {
		label := fmt.Sprintf("bot %d", i+1)
		if b.Name != "" {
			label = fmt.Sprintf("bot %q", b.Name)
		}
		if b.Name != "" && seen[b.Name] {
			errs = append(errs, fmt.Errorf("%s: duplicate bot name", label))
		}
		seen[b.Name] = true
		errs = append(errs, prefixed(label, b.validate())...)
	}
	errs = append(errs, prefixed("[server]", c.Server.validate())...)
	errs = append(errs, prefixed("[host]", c.Host.validate())...)
	errs = append(errs, prefixed("[alerts]", c.Alerts.validate(c.Bots))...)
	if chk.Keys != nil {
		if err := chk.Keys(c.Keys); err != nil {
			errs = append(errs, fmt.Errorf("[keys]: %w", err))
		}
	}
	return errors.Join(errs...)
}

func prefixed(label string, errs []error) []error {
	out := make([]error, 0, len(errs))
	for _, e := range errs {
		out = append(out, fmt.Errorf("%s: %w", label, e))
	}
	return out
}

func (b Bot) validate() []error {
	var errs []error
	if strings.TrimSpace(b.Name) == "" {
		errs = append(errs, errors.New("name: must not be empty"))
	}
	if b.URL == "" {
		errs = append(errs, errors.New(`url: must be set, e.g. "http://127.0.0.1:8080"`))
	} else if _, err := parseBotURL(b.URL); err != nil {
		errs = append(errs, fmt.Errorf("url: %w", err))
	}
	if err := b.Secret.validate(); err != nil {
		errs = append(errs, err)
	}
	if err := b.validateSSH(); err != nil {
		errs = append(errs, err)
	}
	for _, d := range []struct {
		key string
		v   time.Duration
	}{{"refresh", b.Refresh}, {"logs_refresh", b.LogsRefresh}} {
		if d.v < MinRefresh {
			errs = append(errs, fmt.Errorf("%s: %s is too short; write a duration of at least %s, like \"5s\"", d.key, d.v, MinRefresh))
		}
	}
	return errs
}

// parseBotURL checks the shape of a bot URL: http or https, a host, no
// query or fragment.
func parseBotURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%q is not a URL", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%q: the scheme must be http or https, e.g. \"http://127.0.0.1:8080\"", raw)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("%q has no host", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q must not have a query or a fragment", raw)
	}
	return u, nil
}

func (s Secret) validate() error {
	if src := s.sources(); len(src) > 1 {
		return fmt.Errorf("set only one of %s", strings.Join(src, ", "))
	}
	return nil
}

func (s Server) validate() []error {
	var errs []error
	if err := validListen(s.Listen); err != nil {
		errs = append(errs, fmt.Errorf("listen: %w", err))
	}
	if err := s.Secret.validate(); err != nil {
		errs = append(errs, err)
	}
	for _, t := range s.WSToken {
		if strings.TrimSpace(t) == "" {
			errs = append(errs, errors.New("ws_token: a token must not be empty"))
		}
	}
	for _, o := range s.CORSOrigins {
		if err := validOrigin(o); err != nil {
			errs = append(errs, fmt.Errorf("cors_origins: %w", err))
		}
	}
	if err := s.Config.Validate(); err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			errs = append(errs, errors.New(line))
		}
	}
	return errs
}

func validListen(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not host:port, e.g. \"127.0.0.1:8080\"", addr)
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return fmt.Errorf("%q: bad port %q", addr, port)
	}
	return nil
}

// validOrigin checks a CORS origin: browsers send exactly
// "scheme://host[:port]", so anything more never matches.
func validOrigin(o string) error {
	u, err := url.Parse(o)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return fmt.Errorf("%q is not an origin like \"http://localhost:3000\"", o)
	}
	if u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("%q must be only scheme://host[:port] (no path, not even a trailing /): browsers send it so and it must match exactly", o)
	}
	return nil
}
