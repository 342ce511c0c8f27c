package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// buildConsole builds freqdeck into dir.
func buildConsole(repo, dir string) (string, error) {
	bin := filepath.Join(dir, "freqdeck")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/freqdeck")
	cmd.Dir = repo
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build: %w", err)
	}
	return bin, nil
}
