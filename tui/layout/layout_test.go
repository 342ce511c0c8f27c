package layout

import (
	"fmt"
	"testing"
)

func TestComputeTiles(t *testing.T) {
	t.Parallel()
	sizes := [][2]int{
		{60, 20}, {80, 24}, {120, 40}, {200, 60}, {100, 24}, {99, 23},
		{59, 30}, {30, 6}, {61, 18}, {250, 90}, {45, 12},
	}
	for _, s := range sizes {
		for focus := range NumPanes {
			w, h := s[0], s[1]
			t.Run(fmt.Sprintf("%dx%d/f%d", w, h, focus), func(t *testing.T) {
				t.Parallel()
				l := Compute(w, h, Chrome{StatusLines: 1, Focused: focus})
				if l.Mode == TooSmall {
					t.Fatalf("%dx%d: too small", w, h)
				}
				checkTiling(t, l)
				if l.Mode == Single && !l.Panes[focus].Visible() {
					t.Errorf("single mode hides the focused pane %d", focus)
				}
			})
		}
	}
}

func checkTiling(t *testing.T, l Layout) {
	t.Helper()
	grid := make([][]int, l.Height)
	for y := range grid {
		grid[y] = make([]int, l.Width)
	}
	mark := func(name string, r Rect) {
		if !r.Visible() {
			return
		}
		if r.X < 0 || r.Y < 0 || r.X+r.W > l.Width || r.Y+r.H > l.Height {
			t.Fatalf("%s %+v leaves the %dx%d terminal", name, r, l.Width, l.Height)
		}
		if r.H < minPaneHeight && name != "status" {
			t.Errorf("%s %+v is shorter than %d lines", name, r, minPaneHeight)
		}
		for y := r.Y; y < r.Y+r.H; y++ {
			for x := r.X; x < r.X+r.W; x++ {
				grid[y][x]++
			}
		}
	}
	for i, r := range l.Panes {
		mark(fmt.Sprintf("pane %d", i), r)
	}
	mark("status", l.Status)
	if l.Tabs.Visible() {
		// The strip is one line by design: not held to a pane's height.
		if l.Tabs.H != 1 {
			t.Errorf("tabs %+v are not one line", l.Tabs)
		}
		for x := l.Tabs.X; x < l.Tabs.X+l.Tabs.W; x++ {
			grid[l.Tabs.Y][x]++
		}
	}
	for y := range grid {
		for x, n := range grid[y] {
			if n != 1 {
				t.Fatalf("%s layout %dx%d: cell (%d,%d) covered %d times", l.Mode, l.Width, l.Height, x, y, n)
			}
		}
	}
}

func TestComputeModes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		w, h int
		want Mode
	}{
		{200, 60, Wide},
		{120, 40, Wide},
		{100, 24, Wide},
		{99, 40, Stacked},
		{80, 24, Stacked},
		{60, 20, Stacked},
		{60, 17, Single},
		{59, 20, Single},
		{29, 20, TooSmall},
		{80, 3, TooSmall},
		{0, 0, TooSmall},
		{-5, -5, TooSmall},
	}
	for _, c := range cases {
		l := Compute(c.w, c.h, Chrome{StatusLines: 1})
		if l.Mode != c.want {
			t.Errorf("Compute(%d, %d) mode = %s, want %s", c.w, c.h, l.Mode, c.want)
		}
	}
}

func TestComputeStatusBar(t *testing.T) {
	t.Parallel()
	l := Compute(80, 24, Chrome{StatusLines: 1})
	if want := (Rect{X: 0, Y: 23, W: 80, H: 1}); l.Status != want {
		t.Errorf("status = %+v, want %+v", l.Status, want)
	}
	if l.Panes[Trades].W != 80 || l.Panes[Logs].Y+l.Panes[Logs].H != 23 {
		t.Errorf("stacked panes do not fill the area: %+v", l.Panes)
	}
}

func TestComputeWideProportions(t *testing.T) {
	t.Parallel()
	l := Compute(120, 40, Chrome{StatusLines: 1})
	if l.Panes[Trades].W <= l.Panes[Profit].W {
		t.Errorf("trades (%d) should be wider than profit (%d)", l.Panes[Trades].W, l.Panes[Profit].W)
	}
	if l.Panes[Logs].W <= l.Panes[Locks].W {
		t.Errorf("logs (%d) should be wider than locks (%d)", l.Panes[Logs].W, l.Panes[Locks].W)
	}
}

// TestComputeScreenTiles: every screen tiles the terminal at every size
// and focus, shows the focused pane, and goes wide where it has room.
func TestComputeScreenTiles(t *testing.T) {
	t.Parallel()
	sizes := [][2]int{{60, 20}, {80, 24}, {120, 40}, {160, 48}, {200, 60}, {100, 24}, {30, 6}, {45, 12}, {30, 7}}
	for s := range NumScreens {
		for _, size := range sizes {
			for focus := range s.Panes() {
				w, h := size[0], size[1]
				l := ComputeScreen(s, w, h, Chrome{StatusLines: 1, Focused: focus})
				if l.Mode == TooSmall {
					t.Fatalf("screen %d %dx%d: too small", s, w, h)
				}
				checkTiling(t, l)
				if !l.Panes[focus].Visible() {
					t.Errorf("screen %d %dx%d hides the focused pane %d", s, w, h, focus)
				}
			}
		}
	}
	if l := ComputeScreen(Pairs, 30, 5, Chrome{StatusLines: 1}); l.Mode != TooSmall {
		t.Errorf("pairs at 30x5: %v", l.Mode)
	}
	if l := ComputeScreen(History, 160, 48, Chrome{StatusLines: 1}); l.Mode != Wide || l.Tabs.Visible() {
		t.Errorf("history at 160x48: %v, tabs %v", l.Mode, l.Tabs)
	}
	if l := ComputeScreen(History, 80, 24, Chrome{StatusLines: 1, Focused: 2}); l.Mode != Single || !l.Tabs.Visible() || l.Panes[2].H != 22 {
		t.Errorf("history at 80x24: %+v", l)
	}
	if l := ComputeScreen(Pairs, 120, 40, Chrome{StatusLines: 1}); l.Mode != Wide {
		t.Errorf("pairs at 120x40: %v", l.Mode)
	}
	if l := ComputeScreen(Chart, 80, 24, Chrome{StatusLines: 1, Focused: 3}); !l.Panes[0].Visible() || l.Panes[0].H != 23 {
		t.Errorf("chart: %+v", l)
	}
	if l := ComputeScreen(TradeDesk, 120, 40, Chrome{StatusLines: 1}); l != Compute(120, 40, Chrome{StatusLines: 1}) {
		t.Error("the trade desk is not Compute")
	}
}
