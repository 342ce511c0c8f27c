package panes

import "testing"

func TestLoad(t *testing.T) {
	t.Parallel()
	var l Load
	if l.Pending() || l.Title("Chart") != "Chart" {
		t.Fatalf("zero Load: %v %q", l.Pending(), l.Title("Chart"))
	}
	l.Start()
	if !l.Pending() || l.Title("Chart") != "Chart · loading…" {
		t.Fatalf("started: %q", l.Title("Chart"))
	}
	if l.Fail(LoadFailedMsg{Data: DataStats, Problem: "x"}, DataCandles) || !l.Pending() {
		t.Fatal("another data's failure was taken")
	}
	if !l.Fail(LoadFailedMsg{Data: DataCandles, Problem: "/pair_candles: 502"}, DataCandles) || l.Pending() {
		t.Fatal("the failure was not taken")
	}
	if got := l.Title("Chart"); got != "Chart · /pair_candles: 502" {
		t.Fatalf("failed: %q", got)
	}
	l.Done()
	if l.Title("Chart") != "Chart" {
		t.Fatalf("done: %q", l.Title("Chart"))
	}
}

func TestDrawn(t *testing.T) {
	t.Parallel()
	draws := 0
	d := NewDrawn(Common{}, noHelp{}, func() []string { draws++; return []string{"x"} })
	d.SetSize(10, 5)
	d.Body()
	d.Body()
	if draws != 1 || !d.Drawing() {
		t.Fatalf("%d draws", draws)
	}
	d.SetSize(10, 5) // the same size keeps the drawing
	d.Body()
	d.SetSize(11, 5)
	d.Body()
	d.Redraw()
	if d.Drawing() {
		t.Fatal("Redraw kept the drawing")
	}
	d.Body()
	if draws != 3 {
		t.Fatalf("%d draws, want 3", draws)
	}
}
