package server

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
)

// uiFiles is an installed FreqUI build, opened as an os.Root so no request
// can read outside it.
type uiFiles struct {
	root *os.Root
}

func openUI(dir string) (*uiFiles, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("server: ui dir: %w", err)
	}
	return &uiFiles{root: root}, nil
}

func (u *uiFiles) close() error { return u.root.Close() }

// open returns a regular file of the UI, or an error.
func (u *uiFiles) open(name string) (*os.File, fs.FileInfo, error) {
	f, err := u.root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = fs.ErrNotExist
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

// handleUI serves the UI (§2.6): a file that exists, else index.html (SPA
// fallback), else the install hint. Paths starting with "api" or "." (and
// any dot segment) are 404, as freqtrade does.
func (s *Server) handleUI(w http.ResponseWriter, r *http.Request) {
	p := r.PathValue("path")
	if strings.HasPrefix(p, "api") || hasDotSegment(p) {
		s.writeDetail(w, http.StatusNotFound, detailNotFound)
		return
	}
	if s.ui == nil {
		s.handleFallback(w, r)
		return
	}
	if p != "" && s.serveUIFile(w, r, p) {
		return
	}
	if !s.serveUIFile(w, r, "index.html") {
		s.handleFallback(w, r)
	}
}

func hasDotSegment(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if strings.HasPrefix(seg, ".") {
			return true
		}
	}
	return false
}

// serveUIFile serves one UI file and reports whether it existed.
func (s *Server) serveUIFile(w http.ResponseWriter, r *http.Request, name string) bool {
	f, st, err := s.ui.open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	if strings.HasSuffix(name, ".js") {
		w.Header().Set("Content-Type", "application/javascript")
	}
	http.ServeContent(w, r, name, st.ModTime(), f)
	return true
}

// handleFavicon serves the UI's favicon.ico.
func (s *Server) handleFavicon(w http.ResponseWriter, r *http.Request) {
	if s.ui == nil || !s.serveUIFile(w, r, "favicon.ico") {
		s.writeDetail(w, http.StatusNotFound, detailNotFound)
	}
}

// handleFallback serves the page that says how to install a UI.
func (s *Server) handleFallback(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = io.WriteString(w, fallbackPage)
}

// handleUIVersion answers GET /ui_version from the UI's .uiversion file.
func (s *Server) handleUIVersion(w http.ResponseWriter, _ *http.Request) {
	version := "not_installed"
	if s.ui != nil {
		if b, err := s.ui.root.ReadFile(".uiversion"); err == nil {
			version = strings.TrimSpace(string(b))
		} else if !errors.Is(err, fs.ErrNotExist) {
			s.log.Warn("server: read .uiversion", "err", err)
		}
	}
	s.writeJSON(w, http.StatusOK, apiclient.Version{Version: version})
}

// fallbackPage is shown at / when no UI is installed.
const fallbackPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>freqdeck API server</title>
<style>body{font-family:sans-serif;max-width:40em;margin:3em auto;line-height:1.5}code{background:#eee;padding:0 .3em}</style>
</head><body>
<h1>freqdeck API server</h1>
<p>The freqtrade-compatible API is running under <code>/api/v1</code>, but no web UI is installed.</p>
<p>To use FreqUI: download a release zip (<code>freqUI.zip</code>) from
https://github.com/freqtrade/frequi/releases, unzip it into a folder, and start the server with
<code>freqdeck serve --ui-dir /path/to/that/folder</code>.</p>
<p>Or use the terminal console: <code>freqdeck --url http://HOST:PORT</code>.</p>
</body></html>
`
