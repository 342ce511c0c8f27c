package config

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestSecretResolve(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := writeFile(t, dir, "pw", "from-file\n", 0o600)
	getenv := env(map[string]string{"BOT_PW": "from-env"})
	tests := []struct {
		name    string
		secret  Secret
		want    string
		wantErr string
	}{
		{name: "none", secret: Secret{}, want: ""},
		{name: "plain", secret: Secret{Password: "plain"}, want: "plain"},
		{name: "env", secret: Secret{PasswordEnv: "BOT_PW"}, want: "from-env"},
		{name: "env unset", secret: Secret{PasswordEnv: "NOPE"}, wantErr: "$NOPE is not set"},
		{name: "optional env unset", secret: Secret{PasswordEnv: "NOPE", optionalEnv: true}, want: ""},
		{name: "file without its newline", secret: Secret{PasswordFile: file}, want: "from-file"},
		{name: "missing file", secret: Secret{PasswordFile: dir + "/nope"}, wantErr: "password_file:"},
		{name: "command", secret: Secret{PasswordCmd: "printf 'from-cmd\\n'"}, want: "from-cmd"},
		{name: "failing command shows its stderr", secret: Secret{PasswordCmd: "echo vault locked >&2; exit 3"}, wantErr: "vault locked"},
		{name: "silent command", secret: Secret{PasswordCmd: "true"}, wantErr: "printed nothing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.secret.Resolve(context.Background(), getenv)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Resolve error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Resolve = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestSecretCommandIsBounded(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Secret{PasswordCmd: "sleep 30"}.Resolve(ctx, env(nil))
	if err == nil || !strings.Contains(err.Error(), "gave up waiting") {
		t.Fatalf("Resolve error = %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("a hung password_cmd held Resolve for %s", d)
	}
}

func TestSecretMissing(t *testing.T) {
	t.Parallel()
	set := env(map[string]string{EnvPassword: "x"})
	unset := env(nil)
	tests := []struct {
		name   string
		s      Secret
		getenv func(string) string
		want   bool
	}{
		{"no source", Secret{}, unset, true},
		{"plain", Secret{Password: "p"}, unset, false},
		{"required env unset is an error, not a prompt", Secret{PasswordEnv: "X"}, unset, false},
		{"one-off env unset", Secret{PasswordEnv: EnvPassword, optionalEnv: true}, unset, true},
		{"one-off env set", Secret{PasswordEnv: EnvPassword, optionalEnv: true}, set, false},
	}
	for _, tt := range tests {
		if got := tt.s.Missing(tt.getenv); got != tt.want {
			t.Errorf("%s: Missing = %v, want %v", tt.name, got, tt.want)
		}
	}
}
