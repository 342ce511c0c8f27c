package server

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestUIHosting: files, SPA fallback, refusals, /ui_version and favicon.
func TestUIHosting(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "index.html"), "<html>FreqUI index</html>")
	writeFile(t, filepath.Join(dir, "assets", "app.js"), "console.log(1)")
	writeFile(t, filepath.Join(dir, "favicon.ico"), "ICO")
	writeFile(t, filepath.Join(dir, ".uiversion"), "2.1.0\n")
	writeFile(t, filepath.Join(dir, "assets", ".secret"), "no")
	writeFile(t, filepath.Join(filepath.Dir(dir), "outside.txt"), "no")
	cfg := testConfig()
	cfg.UIDir = dir
	s, _ := newTestServer(t, cfg)

	for target, want := range map[string]string{
		"/": "FreqUI index", "/trade": "FreqUI index", "/dashboard/x/y": "FreqUI index",
		"/assets/app.js": "console.log(1)", "/favicon.ico": "ICO", "/assets/missing.js": "FreqUI index",
	} {
		rec := request(t, s, get, target, "")
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s: %d %q, want %q", target, rec.Code, rec.Body, want)
		}
	}
	if ct := request(t, s, get, "/assets/app.js", "").Header().Get("Content-Type"); ct != "application/javascript" {
		t.Errorf("js Content-Type %q", ct)
	}
	for _, target := range []string{"/api/unknown", "/apidocs", "/.uiversion", "/assets/.secret", "/../outside.txt", "/assets/../../outside.txt"} {
		rec := request(t, s, get, target, "")
		if rec.Code == http.StatusOK && strings.Contains(rec.Body.String(), "no") {
			t.Errorf("%s served a refused file", target)
		}
	}
	wantDetail(t, request(t, s, get, "/api/unknown", ""), http.StatusNotFound, "Not Found")
	wantDetail(t, request(t, s, get, "/.uiversion", ""), http.StatusNotFound, "Not Found")

	var v apiclient.Version
	wantJSON(t, request(t, s, get, "/ui_version", ""), http.StatusOK, &v)
	if v.Version != "2.1.0" {
		t.Fatalf("ui_version %q", v.Version)
	}
	if rec := request(t, s, get, "/fallback_file.html", ""); !strings.Contains(rec.Body.String(), "--ui-dir") {
		t.Fatalf("fallback page %q", rec.Body)
	}
}

// TestNoUI: without a UI dir, / explains how to install one.
func TestNoUI(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, testConfig())
	for _, target := range []string{"/", "/trade", "/fallback_file.html"} {
		rec := request(t, s, get, target, "")
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "--ui-dir") ||
			rec.Header().Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("%s: %d %q %q", target, rec.Code, rec.Header().Get("Content-Type"), rec.Body)
		}
	}
	var v apiclient.Version
	wantJSON(t, request(t, s, get, "/ui_version", ""), http.StatusOK, &v)
	if v.Version != "not_installed" {
		t.Fatalf("ui_version %q", v.Version)
	}
	wantDetail(t, request(t, s, get, "/favicon.ico", ""), http.StatusNotFound, "Not Found")
}

// TestUIDirMissing: a bad --ui-dir fails at New, not at the first request.
func TestUIDirMissing(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.UIDir = filepath.Join(t.TempDir(), "nope")
	if _, err := New(nil, cfg); err == nil {
		t.Fatal("New with nil bot succeeded")
	}
	s, _ := newTestServer(t, testConfig())
	if _, err := New(s.bot, cfg); err == nil || !strings.Contains(err.Error(), "ui dir") {
		t.Fatalf("New with a missing ui dir: %v", err)
	}
}
