package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// benchShim is added to cmd/freqdeck (through a build overlay, the source
// tree is not touched) while the root command does not start the console
// yet: it maps the environment the harness sets to consoleOptions.
const benchShim = `package main

func benchConsoleOptions(getenv func(string) string) consoleOptions {
	url := getenv("FREQDECK_URL")
	if url == "" {
		return consoleOptions{}
	}
	return consoleOptions{Bots: []consoleBot{{
		Name: "bench", URL: url, Username: getenv("FREQDECK_USERNAME"), Password: getenv("FREQDECK_PASSWORD"),
	}}}
}
`

// buildConsole builds freqdeck into dir. When the root command still only
// prints help, an overlay makes it run the console.
func buildConsole(repo, dir string) (string, error) {
	bin := filepath.Join(dir, "freqdeck")
	rootPath := filepath.Join(repo, "cmd", "freqdeck", "root.go")
	root, err := os.ReadFile(rootPath)
	if err != nil {
		return "", err
	}
	args := []string{"build", "-o", bin}
	if !strings.Contains(string(root), "runConsole(") {
		const helpLine = "\t\t\treturn cmd.Help()"
		if !strings.Contains(string(root), helpLine) {
			return "", fmt.Errorf("cannot find the root command's RunE in %s", rootPath)
		}
		patched := strings.Replace(string(root), helpLine,
			"\t\t\treturn runConsole(cmd.Context(), benchConsoleOptions(getenv), io, getenv)", 1)
		overlay, err := writeOverlay(dir, map[string]string{
			rootPath: patched,
			filepath.Join(repo, "cmd", "freqdeck", "zz_bench_shim.go"): benchShim,
		})
		if err != nil {
			return "", err
		}
		args = append(args, "-overlay", overlay)
	}
	cmd := exec.Command("go", append(args, "./cmd/freqdeck")...)
	cmd.Dir = repo
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build: %w", err)
	}
	return bin, nil
}

// writeOverlay writes the replacement files and the overlay JSON.
func writeOverlay(dir string, files map[string]string) (string, error) {
	var entries []string
	i := 0
	for target, content := range files {
		i++
		p := filepath.Join(dir, fmt.Sprintf("overlay%d.go", i))
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return "", err
		}
		entries = append(entries, fmt.Sprintf("%q: %q", target, p))
	}
	p := filepath.Join(dir, "overlay.json")
	body := `{"Replace": {` + strings.Join(entries, ", ") + `}}`
	return p, os.WriteFile(p, []byte(body), 0o644)
}
