package apiclient_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestWireImportsNoFreqdeckPackage: apiclient and apiclient/sshdial sit at
// the bottom of the import graph (docs/architecture.md): nothing they import,
// directly or not, is another freqdeck package.
func TestWireImportsNoFreqdeckPackage(t *testing.T) {
	t.Parallel()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not on PATH")
	}
	const module = "github.com/freqdeck/freqdeck"
	for _, pkg := range []string{".", "./sshdial"} {
		out, err := exec.CommandContext(t.Context(), goBin, "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v: %s", pkg, err, out)
		}
		self := module + "/apiclient" + strings.TrimPrefix(pkg, ".")
		for _, dep := range strings.Fields(string(out)) {
			if strings.HasPrefix(dep, module+"/") && dep != self {
				t.Errorf("%s imports %s", self, dep)
			}
		}
	}
}
