package config

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestServeFlagsPrecedence: defaults, then the file, then the environment,
// then the serve flags that were given (even at their default value).
func TestServeFlagsPrecedence(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := writeFile(t, dir, "config.toml", `[server]
listen = "127.0.0.1:9000"
username = "fileuser"
password_cmd = "echo filepw"
ws_token = ["file-token"]
enable_openapi = true
db = "file.sqlite"
`, 0o600)
	getenv := env(map[string]string{"HOME": dir})
	load := func(f ServeFlags) Server {
		t.Helper()
		cfg, err := Load(path, getenv)
		if err != nil {
			t.Fatal(err)
		}
		if cfg, err = ApplyFlags(cfg, Flags{Server: f}); err != nil {
			t.Fatal(err)
		}
		if err := cfg.Validate(Checks{}); err != nil {
			t.Fatal(err)
		}
		return cfg.Server
	}

	s := load(ServeFlags{})
	if s.Listen != "127.0.0.1:9000" || s.Username != "fileuser" || s.PasswordCmd != "echo filepw" ||
		!slices.Equal(s.WSToken, []string{"file-token"}) || !s.EnableOpenAPI || s.DB != filepath.Join(dir, "file.sqlite") {
		t.Fatalf("no flags: the file's values should stand: %+v", s)
	}

	s = load(ServeFlags{Listen: new("127.0.0.1:0"), Username: new("flaguser"), Password: new("flagpw"),
		WSTokens: []string{"t1", "t2"}, OpenAPI: new(false), DB: new("flag.sqlite"), Speed: new(60.0)})
	if s.Listen != "127.0.0.1:0" || s.Username != "flaguser" || s.Secret != (Secret{Password: "flagpw"}) ||
		!slices.Equal(s.WSToken, []string{"t1", "t2"}) || s.EnableOpenAPI || s.DB != "flag.sqlite" || s.Market.Speed != 60 {
		t.Fatalf("the given flags should win: %+v", s)
	}

	// $FREQDECK_PASSWORD beats the file; a non-empty --password beats both.
	getenv = env(map[string]string{"HOME": dir, EnvPassword: "envpw"})
	if s = load(ServeFlags{}); s.Secret != (Secret{Password: "envpw"}) {
		t.Fatalf("env password: %+v", s.Secret)
	}
	if s = load(ServeFlags{Password: new("")}); s.Secret != (Secret{Password: "envpw"}) {
		t.Fatalf("an empty --password is no password: %+v", s.Secret)
	}
	if s = load(ServeFlags{Password: new("flagpw")}); s.Secret != (Secret{Password: "flagpw"}) {
		t.Fatalf("--password: %+v", s.Secret)
	}
}
