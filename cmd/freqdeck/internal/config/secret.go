package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// PasswordCmdTimeout bounds a password_cmd.
const PasswordCmdTimeout = 10 * time.Second

// sources lists the secret's non-empty sources by key name.
func (s Secret) sources() []string {
	var out []string
	for _, f := range []struct{ key, v string }{
		{"password", s.Password},
		{"password_env", s.PasswordEnv},
		{"password_file", s.PasswordFile},
		{"password_cmd", s.PasswordCmd},
	} {
		if f.v != "" {
			out = append(out, f.key)
		}
	}
	return out
}

// IsSet reports whether the secret has a source.
func (s Secret) IsSet() bool { return len(s.sources()) > 0 }

// Resolve returns the password from its source: the plain value, the named
// environment variable (which must be set), the file's content without its
// trailing newline, or the standard output of `sh -c password_cmd` (which
// must succeed within PasswordCmdTimeout). No source gives "".
func (s Secret) Resolve(ctx context.Context, getenv func(string) string) (string, error) {
	return s.resolve(ctx, getenv, false)
}

// ResolveDetached is Resolve for the console, which resolves secrets in
// the background: a password_cmd runs in a process group of its own, and
// the whole group is killed when it is given up on, so a command that
// hangs leaves nothing behind (its terminal is the console's, which it
// could not prompt on anyway).
func (s Secret) ResolveDetached(ctx context.Context, getenv func(string) string) (string, error) {
	return s.resolve(ctx, getenv, true)
}

func (s Secret) resolve(ctx context.Context, getenv func(string) string, detached bool) (string, error) {
	switch {
	case s.Password != "":
		return s.Password, nil
	case s.PasswordEnv != "":
		v := getenv(s.PasswordEnv)
		if v == "" && !s.optionalEnv {
			return "", fmt.Errorf("password_env: $%s is not set", s.PasswordEnv)
		}
		return v, nil
	case s.PasswordFile != "":
		b, err := os.ReadFile(s.PasswordFile)
		if err != nil {
			return "", fmt.Errorf("password_file: %w", err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	case s.PasswordCmd != "":
		return runPasswordCmd(ctx, s.PasswordCmd, detached)
	}
	return "", nil
}

func runPasswordCmd(ctx context.Context, command string, detached bool) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, PasswordCmdTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	if detached {
		ownGroup(cmd)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 250 * time.Millisecond
	err := cmd.Run()
	if ctx.Err() != nil {
		return "", fmt.Errorf("password_cmd: gave up waiting: %w", ctx.Err())
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 200 {
			msg = msg[:200] + "…"
		}
		if msg != "" {
			return "", fmt.Errorf("password_cmd: %w: %s", err, msg)
		}
		return "", fmt.Errorf("password_cmd: %w", err)
	}
	out := strings.TrimRight(stdout.String(), "\r\n")
	if out == "" {
		return "", errors.New("password_cmd: printed nothing")
	}
	return out, nil
}

// Interactive reports whether the operator may type the password in the
// console: no source is configured, or it is the one-off bot's
// $FREQDECK_PASSWORD (a bot given by --url or --ft-config).
func (s Secret) Interactive() bool { return !s.IsSet() || s.optionalEnv }

// Missing reports whether the secret gives no password: no source at all,
// or the one-off bot's $FREQDECK_PASSWORD unset. The console then asks for
// the password on the terminal.
func (s Secret) Missing(getenv func(string) string) bool {
	if !s.IsSet() {
		return true
	}
	return s.optionalEnv && s.Password == "" && s.PasswordFile == "" && s.PasswordCmd == "" && getenv(s.PasswordEnv) == ""
}
