package dryrun_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPurePackagesDoNoIO: market, strategy and metrics compute from values
// (docs/architecture.md): they import no file, network, database, process or
// lock package themselves.
func TestPurePackagesDoNoIO(t *testing.T) {
	t.Parallel()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not on PATH")
	}
	banned := map[string]bool{"os": true, "os/exec": true, "net": true, "net/http": true,
		"database/sql": true, "sync": true, "io/fs": true}
	for _, pkg := range []string{"./market", "./strategy", "./metrics"} {
		out, err := exec.CommandContext(t.Context(), goBin, "list", "-f", `{{join .Imports " "}}`, pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v: %s", pkg, err, out)
		}
		for _, imp := range strings.Fields(string(out)) {
			if banned[imp] {
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
}
