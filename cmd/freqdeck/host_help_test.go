package main

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeHostHelp: the README's copy of `freqdeck host --help` (usage
// and flags) is the command's own.
func TestReadmeHostHelp(t *testing.T) {
	t.Parallel()
	code, out, _ := runCLI(t, nil, "host", "--help")
	if code != 0 {
		t.Fatalf("host --help: exit %d", code)
	}
	i := strings.Index(out, "Usage:")
	if i < 0 {
		t.Fatalf("no usage in:\n%s", out)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.TrimRight(out[i:], "\n"); !strings.Contains(string(readme), want) {
		t.Fatalf("README.md lacks `freqdeck host --help` as it is now:\n%s", want)
	}
}
