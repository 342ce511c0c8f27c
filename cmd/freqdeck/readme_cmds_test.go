package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/config"
)

// TestReadmeConfigInstall follows the README's install steps (mkdir, cp,
// chmod 600) in a private HOME and checks freqdeck finds the file at the
// default location, decodes it and has nothing to warn about.
func TestReadmeConfigInstall(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	dir := filepath.Join(home, ".config", "freqdeck")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOME": home}
	cfg, err := config.Load("", func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Path != path || len(cfg.Warnings) != 0 {
		t.Fatalf("Load: path %q, warnings %q", cfg.Path, cfg.Warnings)
	}
	if err := cfg.Validate(config.Checks{}); err != nil {
		t.Fatal(err)
	}
	// The copied example configures no bot, so the client says how to add one.
	code, _, errOut := runCLI(t, env, "client", "status")
	if code != cli.ExitUsage || !strings.Contains(errOut, "no bot to call") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

// TestServeForFreqUI runs the README's serve line (on a free port): FreqUI
// from --ui-dir at /, the API at /api/v1 with CORS for --cors-origin.
func TestServeForFreqUI(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ui := filepath.Join(dir, "frequi")
	if err := os.MkdirAll(ui, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ui, "index.html"), []byte("<html>FreqUI test build</html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOME": dir, "FREQDECK_PASSWORD": "a long secret"}
	base, _ := startServeCmd(t, env, "--ui-dir", ui, "--cors-origin", "http://localhost:3000",
		"--listen", "127.0.0.1:0", "--db", filepath.Join(dir, "bot.sqlite"))

	if body := getBody(t, base+"/", nil); !strings.Contains(body, "FreqUI test build") {
		t.Fatalf("/ serves %q, not the UI", body)
	}
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, base+"/api/v1/version", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth("freqdeck", "a long secret")
	req.Header.Set("Origin", "http://localhost:3000")
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Access-Control-Allow-Origin") != "http://localhost:3000" {
		t.Fatalf("version: %d, allow-origin %q", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
	}
}

func getBody(t *testing.T, url string, header http.Header) string {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}
