package main

import (
	"bytes"
	"context"
	"testing"
)

// runCLI runs freqdeck with args and a private environment.
func runCLI(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if env == nil {
		env = map[string]string{}
	}
	if _, ok := env["HOME"]; !ok {
		env["HOME"] = t.TempDir() // no real config file
	}
	var out, errb bytes.Buffer
	code = run(context.Background(), args, stdio{out: &out, err: &errb}, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}
