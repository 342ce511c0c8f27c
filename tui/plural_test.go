package tui

import "testing"

func TestPlural(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 locks"}, {1, "1 lock"}, {2, "2 locks"}} {
		if got := plural(tc.n, "lock", "locks"); got != tc.want {
			t.Errorf("plural(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
