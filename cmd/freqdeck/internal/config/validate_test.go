package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func validBot(name string) Bot {
	return Bot{Name: name, URL: "http://127.0.0.1:8080", Refresh: DefaultRefresh, LogsRefresh: DefaultLogsRefresh}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		mutate func(*Config)
		checks Checks
		want   []string // substrings; none means valid
	}{
		{name: "defaults are valid", mutate: func(*Config) {}},
		{name: "two good bots", mutate: func(c *Config) { c.Bots = []Bot{validBot("a"), validBot("b")} }},
		{
			name:   "bad [host]",
			mutate: func(c *Config) { c.Host = Host{Listen: "2222", MaxSessions: 0, IdleTimeout: time.Millisecond} },
			want:   []string{"[host]: listen:", "[host]: max_sessions: must be at least 1", "[host]: idle_timeout: must be at least 1s"},
		},
		{
			name:   "unknown theme",
			mutate: func(c *Config) { c.Theme = "solarized" },
			want:   []string{`theme: unknown theme "solarized" (available: dark, `},
		},
		{
			name:   "bad URL scheme",
			mutate: func(c *Config) { b := validBot("a"); b.URL = "127.0.0.1:8080"; c.Bots = []Bot{b} },
			want:   []string{`bot "a": url:`},
		},
		{
			name:   "URL without host",
			mutate: func(c *Config) { b := validBot("a"); b.URL = "http://"; c.Bots = []Bot{b} },
			want:   []string{`bot "a": url: "http://" has no host`},
		},
		{
			name:   "missing URL and name",
			mutate: func(c *Config) { c.Bots = []Bot{{Refresh: time.Second, LogsRefresh: time.Second}} },
			want:   []string{"bot 1: name: must not be empty", "bot 1: url: must be set"},
		},
		{
			name:   "duplicate bot names",
			mutate: func(c *Config) { c.Bots = []Bot{validBot("a"), validBot("a")} },
			want:   []string{`bot "a": duplicate bot name`},
		},
		{
			name:   "two password sources",
			mutate: func(c *Config) { b := validBot("a"); b.Password, b.PasswordCmd = "x", "pass x"; c.Bots = []Bot{b} },
			want:   []string{`bot "a": set only one of password, password_cmd`},
		},
		{
			name:   "refresh too short",
			mutate: func(c *Config) { b := validBot("a"); b.Refresh = 5; c.Bots = []Bot{b} },
			want:   []string{`bot "a": refresh: 5ns is too short`},
		},
		{
			name:   "bad listen address",
			mutate: func(c *Config) { c.Server.Listen = "8080" },
			want:   []string{`[server]: listen: "8080" is not host:port`},
		},
		{
			name:   "CORS origin with a trailing slash",
			mutate: func(c *Config) { c.Server.CORSOrigins = []string{"http://localhost:3000/"} },
			want:   []string{"[server]: cors_origins:", "trailing /"},
		},
		{
			name:   "key overrides checked by the console",
			mutate: func(c *Config) { c.Keys = Keys{"trades": {"fly": {"F"}}} },
			checks: Checks{Keys: func(Keys) error { return errors.New(`unknown action "trades.fly"`) }},
			want:   []string{`[keys]: unknown action "trades.fly"`},
		},
		{
			name: "every problem reported at once",
			mutate: func(c *Config) {
				c.Theme = ""
				c.Server.Listen = "nope"
				c.Bots = []Bot{validBot("a"), validBot("a")}
			},
			want: []string{"theme: must not be empty", `bot "a": duplicate bot name`, "[server]: listen:"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := Default()
			tt.mutate(&cfg)
			err := cfg.Validate(tt.checks)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate succeeded, want %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Fatalf("Validate error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestApplyFlags(t *testing.T) {
	t.Parallel()
	base := Default()
	base.Bots = []Bot{validBot("a"), validBot("b")}
	ft := Bot{Name: "ftbot", URL: "http://127.0.0.1:8080", Username: "ft", Secret: Secret{Password: "pw"},
		Refresh: DefaultRefresh, LogsRefresh: DefaultLogsRefresh}

	t.Run("url replaces the configured bots", func(t *testing.T) {
		t.Parallel()
		cfg, err := ApplyFlags(base, Flags{URL: "http://10.0.0.1:9000", Username: "me"})
		if err != nil {
			t.Fatal(err)
		}
		want := Bot{Name: "10.0.0.1:9000", URL: "http://10.0.0.1:9000", Username: "me",
			Secret:  Secret{PasswordEnv: EnvPassword, optionalEnv: true},
			Refresh: DefaultRefresh, LogsRefresh: DefaultLogsRefresh}
		if len(cfg.Bots) != 1 || cfg.Bots[0] != want {
			t.Fatalf("bots = %+v, want [%+v]", cfg.Bots, want)
		}
		if len(base.Bots) != 2 {
			t.Fatal("ApplyFlags changed its input")
		}
	})
	t.Run("ft-config with a tunnelled url keeps its credentials", func(t *testing.T) {
		t.Parallel()
		cfg, err := ApplyFlags(base, Flags{FTConfig: &ft, URL: "http://127.0.0.1:18080"})
		if err != nil {
			t.Fatal(err)
		}
		b := cfg.Bots[0]
		if len(cfg.Bots) != 1 || b.Name != "ftbot" || b.URL != "http://127.0.0.1:18080" || b.Password != "pw" || b.Username != "ft" {
			t.Fatalf("bots = %+v", cfg.Bots)
		}
	})
	t.Run("unknown bot", func(t *testing.T) {
		t.Parallel()
		_, err := ApplyFlags(base, Flags{Bot: "zzz"})
		if err == nil || !strings.Contains(err.Error(), `no bot named "zzz" (configured: a, b)`) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("username alone", func(t *testing.T) {
		t.Parallel()
		if _, err := ApplyFlags(base, Flags{Username: "x"}); err == nil {
			t.Fatal("--username without --url must be an error")
		}
	})
	t.Run("bot with url", func(t *testing.T) {
		t.Parallel()
		if _, err := ApplyFlags(base, Flags{Bot: "a", URL: "http://x:1"}); err == nil {
			t.Fatal("--bot with --url must be an error")
		}
	})
}
