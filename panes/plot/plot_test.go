package plot

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/freqdeck/freqdeck/panes"
)

func renderer(p termenv.Profile) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(p)
	return r
}

// TestLinesMatchesCanvasView: painting runs draws what the canvas's own
// View draws, cell for cell and colour for colour.
func TestLinesMatchesCanvasView(t *testing.T) {
	t.Parallel()
	r := renderer(termenv.TrueColor)
	red := r.NewStyle().Foreground(lipgloss.Color("#ff0000"))
	bold := r.NewStyle().Foreground(lipgloss.Color("#00ff00")).Bold(true)
	c := canvas.New(12, 3)
	c.SetStringWithStyle(canvas.Point{X: 1, Y: 0}, "abc", red)
	c.SetStringWithStyle(canvas.Point{X: 4, Y: 0}, "de", bold)
	c.SetStringWithStyle(canvas.Point{X: 0, Y: 2}, "表x", red)
	got, want := Lines(&c), strings.Split(c.View(), "\n")
	for i := range want {
		if ansi.Strip(got[i]) != ansi.Strip(want[i]) {
			t.Fatalf("line %d: %q, canvas %q", i, ansi.Strip(got[i]), ansi.Strip(want[i]))
		}
	}
	if !strings.Contains(got[0], strings.TrimSuffix(red.Render("abc"), "\x1b[0m")) || !strings.Contains(got[0], "\x1b[1;") {
		t.Fatalf("colours lost: %q", got[0])
	}
	if Lines(&canvas.Model{}) != nil {
		t.Fatal("an empty canvas has lines")
	}
}

func TestSignedBars(t *testing.T) {
	t.Parallel()
	st := BarStyles{Up: lipgloss.NewStyle(), Down: lipgloss.NewStyle(), Axis: lipgloss.NewStyle()}
	if SignedBars([]float64{1}, BarsMinWidth-1, 5, st) != nil || SignedBars([]float64{1}, 10, BarsMinHeight-1, st) != nil {
		t.Fatal("bars below the minimum size")
	}
	got := SignedBars([]float64{2, -0.5, 0, 1}, 7, 4, st)
	want := []string{
		"█      ",
		"█     █",
		"───────",
		"  ▀    ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// All profits: the zero line is at the bottom; more values than fit:
	// the newest are drawn.
	got = SignedBars([]float64{9, 9, 9, 1, 2, 3}, 5, 4, st)
	if got[3] != "─────" || got[2] != "█ █ █" || got[0] != "    █" {
		t.Fatalf("positive bars:\n%s", strings.Join(got, "\n"))
	}
	for _, l := range SignedBars([]float64{-5, 3, 0.1, -0.2}, 31, 9, st) {
		if ansi.StringWidth(l) != 31 {
			t.Fatalf("line %q is %d wide", l, ansi.StringWidth(l))
		}
	}
}

func TestLine(t *testing.T) {
	t.Parallel()
	st := LineStyles{Line: lipgloss.NewStyle(), Axis: lipgloss.NewStyle(), Label: lipgloss.NewStyle()}
	t0 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	pts := []Point{{t0, 1}, {t0.Add(time.Hour), 3}, {t0.Add(2 * time.Hour), 2}}
	if Line(pts[:1], 40, 8, st, panes.FormatMoney) != nil || Line(pts, LineMinWidth-1, 8, st, panes.FormatMoney) != nil {
		t.Fatal("a line of one point or below the minimum width")
	}
	got := Line(pts, 40, 8, st, panes.FormatMoney)
	if len(got) != 8 || !strings.Contains(strings.Join(got, "\n"), "3.00") || !strings.Contains(got[7], "05-01") {
		t.Fatalf("line:\n%s", strings.Join(got, "\n"))
	}
	for _, l := range got {
		if ansi.StringWidth(l) != 40 {
			t.Fatalf("line %q is %d wide", l, ansi.StringWidth(l))
		}
	}
	if flat := Line([]Point{{t0, 5}, {t0, 5}}, 30, 6, st, panes.FormatMoney); len(flat) != 6 {
		t.Fatal("a flat line at one instant was not drawn")
	}
}

func TestTooSmall(t *testing.T) {
	t.Parallel()
	st := panes.DefaultStyles()
	got := TooSmall(st, 30, 3, 24, 5)
	if len(got) != 3 || !strings.Contains(ansi.Strip(got[0]), "too small (chart needs 24×5)") {
		t.Fatalf("%q", got)
	}
	if TooSmall(st, 0, 3, 1, 1) != nil {
		t.Fatal("lines at width 0")
	}
}
