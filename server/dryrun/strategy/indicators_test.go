package strategy

import (
	"math"
	"testing"
)

func TestIndicators(t *testing.T) {
	t.Parallel()
	e := NewEMA(3)
	var got []float64
	for _, x := range []float64{1, 2, 3, 4, 6} {
		got = append(got, e.Update(x))
	}
	// Seeded with SMA(1,2,3) = 2, then alpha = 0.5.
	if !math.IsNaN(got[1]) || got[2] != 2 || got[3] != 3 || got[4] != 4.5 {
		t.Fatalf("ema %v", got)
	}
	r := NewRSI(2)
	var rs []float64
	for _, x := range []float64{1, 2, 1, 2, 3} {
		rs = append(rs, r.Update(x))
	}
	// Changes +1, -1: averages 0.5/0.5 → 50; then +1: gain (0.5+1)/2, loss 0.25 → 75.
	if !math.IsNaN(rs[1]) || rs[2] != 50 || rs[3] != 75 || !(rs[4] > 75) {
		t.Fatalf("rsi %v", rs)
	}
	up := NewRSI(3)
	var last float64
	for i := range 10 {
		last = up.Update(float64(i))
	}
	if last != 100 {
		t.Fatalf("rsi of a steady rise = %v, want 100", last)
	}
}
