package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/fakebot"
)

// buildBinary builds freqdeck into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "freqdeck")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// execBinary runs the built binary with a private environment.
func execBinary(t *testing.T, bin string, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append([]string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("run %v: %v", args, err)
	}
	return code, out.String(), errb.String()
}

func TestBinary(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)

	t.Run("version", func(t *testing.T) {
		code, out, errOut := execBinary(t, bin, nil, "version")
		if code != 0 || !strings.HasPrefix(out, "freqdeck "+appVersion+" (") {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
	t.Run("client ping", func(t *testing.T) {
		fb := fakebot.New(t, http.StatusOK, `{"state":"running","bot_name":"b"}`)
		code, out, errOut := execBinary(t, bin, []string{"FREQDECK_PASSWORD=pw"},
			"client", "--url", fb.URL, "--username", "ft", "ping")
		if code != 0 || out != `{"status":"pong"}`+"\n" {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
		r := fb.Requests()
		if len(r) != 1 || r[0].Path != "/api/v1/show_config" || r[0].User != "ft" || r[0].Pass != "pw" {
			t.Fatalf("requests %+v", r)
		}
	})
	t.Run("client error exit code", func(t *testing.T) {
		fb := fakebot.New(t, http.StatusBadGateway, `{"error":"Error querying /api/v1/count: trader is not running"}`)
		code, out, errOut := execBinary(t, bin, nil, "client", "--url", fb.URL, "count")
		if code != cli.ExitAPIError || out != "" || !strings.Contains(errOut, "trader is not running") {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
	t.Run("serve --help", func(t *testing.T) {
		code, out, errOut := execBinary(t, bin, nil, "serve", "--help")
		if code != 0 || !strings.Contains(out, "Usage:\n  freqdeck serve") || !strings.Contains(out, "--listen") {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
}
