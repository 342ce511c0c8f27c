package vtest

import "testing"

// TestMovesBeyondTheScreenAreClamped: a frame drawn for a larger terminal
// (it was on its way when the window shrank) lands on the last row and
// column, as a terminal clamps the cursor, instead of panicking.
func TestMovesBeyondTheScreenAreClamped(t *testing.T) {
	v := New(10, 3)
	v.Write("\x1b[40;1Hlast\x1b[K\x1b[2;99Hx\x1b[1;50r")
	lines := v.Lines()
	if lines[2] != "last" || lines[1] != "         x" {
		t.Fatalf("lines %q", lines)
	}
}
