package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// env returns a getenv over a fixed map.
func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func writeFile(t *testing.T, dir, name, content string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil { // umask may have narrowed it
		t.Fatal(err)
	}
	return p
}

func TestFind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		flag     string
		env      map[string]string
		want     string
		explicit bool
	}{
		{"flag wins", "/a.toml", map[string]string{EnvConfig: "/b.toml", "HOME": "/h"}, "/a.toml", true},
		{"env next", "", map[string]string{EnvConfig: "/b.toml", "HOME": "/h"}, "/b.toml", true},
		{"tilde in flag", "~/c.toml", map[string]string{"HOME": "/h"}, "/h/c.toml", true},
		{"xdg", "", map[string]string{"XDG_CONFIG_HOME": "/x", "HOME": "/h"}, "/x/freqdeck/config.toml", false},
		{"home fallback", "", map[string]string{"HOME": "/h"}, "/h/.config/freqdeck/config.toml", false},
		{"nothing", "", map[string]string{}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, explicit := Find(tt.flag, env(tt.env))
			if got != tt.want || explicit != tt.explicit {
				t.Fatalf("Find = %q, %v; want %q, %v", got, explicit, tt.want, tt.explicit)
			}
		})
	}
}

func TestLoadMissingFiles(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	cfg, err := Load("", env(map[string]string{"HOME": home}))
	if err != nil {
		t.Fatalf("no file at the default location must be fine: %v", err)
	}
	if cfg.Path != "" || len(cfg.Bots) != 0 {
		t.Fatalf("Load without a file: path %q, %d bots", cfg.Path, len(cfg.Bots))
	}
	if want := filepath.Join(home, ".local/state/freqdeck/audit.jsonl"); cfg.AuditLog != want {
		t.Fatalf("AuditLog = %q, want %q", cfg.AuditLog, want)
	}
	if _, err := Load(filepath.Join(home, "nope.toml"), env(map[string]string{"HOME": home})); err == nil {
		t.Fatal("a missing --config file must be an error")
	}
	if _, err := Load("", env(map[string]string{"HOME": home, EnvConfig: filepath.Join(home, "nope.toml")})); err == nil {
		t.Fatal("a missing $FREQDECK_CONFIG file must be an error")
	}
}

func TestLoadPrecedence(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := writeFile(t, dir, "c.toml", `theme = "file-theme"
log_file = "~/logs/fd.log"
[[bot]]
name = "a"
url = "http://a:8080"
[[bot]]
name = "b"
url = "http://b:8080"
[server]
password = "from-file"
`, 0o600)
	getenv := env(map[string]string{"HOME": "/home/u", "XDG_STATE_HOME": "/state"})
	cfg, err := Load(path, getenv)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Theme != "file-theme" || cfg.Server.Password != "from-file" || cfg.LogFile != "/home/u/logs/fd.log" ||
		cfg.AuditLog != "/state/freqdeck/audit.jsonl" || len(cfg.Warnings) != 0 {
		t.Fatalf("file step: %+v", cfg)
	}

	getenv = env(map[string]string{"HOME": "/home/u", EnvTheme: "env-theme", EnvPassword: "from-env"})
	cfg, err = Load(path, getenv)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Theme != "env-theme" || cfg.Server.Password != "from-env" {
		t.Fatalf("env step: theme %q, password %q", cfg.Theme, cfg.Server.Password)
	}

	cfg, err = ApplyFlags(cfg, Flags{Theme: "flag-theme", Bot: "b"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Theme != "flag-theme" || len(cfg.Bots) != 1 || cfg.Bots[0].Name != "b" {
		t.Fatalf("flag step: theme %q, bots %+v", cfg.Theme, cfg.Bots)
	}
}

func TestLoadPermissionWarning(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		content string
		mode    os.FileMode
		warn    string
	}{
		{"plaintext password readable by others", "[[bot]]\nname = \"a\"\nurl = \"http://a:1\"\npassword = \"x\"\n", 0o644, "the password of bot \"a\""},
		{"server password readable by group", "[server]\npassword = \"x\"\n", 0o640, "the [server] password"},
		{"jwt secret", "[server]\njwt_secret_key = \"x\"\n", 0o604, "jwt_secret_key"},
		{"private file", "[server]\npassword = \"x\"\n", 0o600, ""},
		{"no plaintext secret", "[[bot]]\nname = \"a\"\nurl = \"http://a:1\"\npassword_env = \"P\"\n", 0o644, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeFile(t, t.TempDir(), "c.toml", tt.content, tt.mode)
			cfg, err := Load(path, env(nil))
			if err != nil {
				t.Fatal(err)
			}
			if tt.warn == "" {
				if len(cfg.Warnings) != 0 {
					t.Fatalf("unexpected warnings %q", cfg.Warnings)
				}
				return
			}
			if len(cfg.Warnings) != 1 {
				t.Fatalf("warnings %q, want one", cfg.Warnings)
			}
			w := cfg.Warnings[0]
			for _, s := range []string{tt.warn, "chmod 600 " + path, path} {
				if !strings.Contains(w, s) {
					t.Fatalf("warning %q does not contain %q", w, s)
				}
			}
		})
	}
}

// TestLoadPasswordFileWarning: a password_file readable by others gets the
// same warning as a plaintext password in the config; a private one none.
func TestLoadPasswordFileWarning(t *testing.T) {
	t.Parallel()
	for _, mode := range []os.FileMode{0o644, 0o600} {
		dir := t.TempDir()
		secret := writeFile(t, dir, "pw", "hunter2\n", mode)
		server := writeFile(t, dir, "server-pw", "hunter2\n", mode)
		conf := "[[bot]]\nname = \"a\"\nurl = \"http://a:1\"\npassword_file = \"" + secret + "\"\n" +
			"[server]\npassword_file = \"" + server + "\"\n"
		cfg, err := Load(writeFile(t, dir, "c.toml", conf, 0o600), env(nil))
		if err != nil {
			t.Fatal(err)
		}
		if mode == 0o600 {
			if len(cfg.Warnings) != 0 {
				t.Fatalf("private files: warnings %q", cfg.Warnings)
			}
			continue
		}
		if len(cfg.Warnings) != 2 {
			t.Fatalf("warnings %q, want two", cfg.Warnings)
		}
		for i, want := range []string{secret + ` holds the password of bot "a" in plain text and can be read by other users (mode 0644): run chmod 600 ` + secret,
			server + " holds the [server] password"} {
			if !strings.Contains(cfg.Warnings[i], want) {
				t.Errorf("warning %q does not contain %q", cfg.Warnings[i], want)
			}
		}
	}
}
