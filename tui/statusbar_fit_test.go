package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestFitPartsShrinksTheConnection: on a narrow line, a long connection
// state (an SSH link's reason) is cut to the room left, never dropped, so the
// status bar still says where the link stands.
func TestFitPartsShrinksTheConnection(t *testing.T) {
	conn := "offline: ssh: cannot reach 127.0.0.1:42125 (connection refused), retrying in 6 s"
	parts := []statusPart{
		{text: " [1/3] vps1", keep: 9},
		{text: "● running", keep: 6},
		{text: "dry", keep: 3},
		{text: conn, keep: 8},
		{text: "updated 23s ago", keep: 1},
	}
	got := fitParts(parts, " · ", 60)
	if w := ansi.StringWidth(got); w > 60 {
		t.Fatalf("line %q is %d wide, want at most 60", got, w)
	}
	if !strings.HasPrefix(got, " [1/3] vps1 · offline: ssh: cannot reach") || !strings.HasSuffix(got, "…") {
		t.Fatalf("line %q: want the bot then the connection state cut with …", got)
	}
	if wide := fitParts(parts, " · ", 200); !strings.Contains(wide, conn+" · updated 23s ago") {
		t.Fatalf("wide line %q: want every part whole", wide)
	}
}
