package market

import (
	"strings"
	"testing"
	"time"
)

func TestParseOHLCV(t *testing.T) {
	t.Parallel()
	// Rows out of order come back sorted by date.
	got, err := ParseOHLCV("x.json", []byte(`[[600000,2,3,1,2.5,7],[300000,1,2,0.5,1.5,6]]`))
	if err != nil {
		t.Fatal(err)
	}
	want := []Candle{
		{Date: time.UnixMilli(300000).UTC(), Open: 1, High: 2, Low: 0.5, Close: 1.5, Volume: 6},
		{Date: time.UnixMilli(600000).UTC(), Open: 2, High: 3, Low: 1, Close: 2.5, Volume: 7},
	}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("candles %+v, want %+v", got, want)
	}
	for raw, msg := range map[string]string{
		`[[1,2,3]]`: "x.json: row 0 has 3 values",
		`[]`:        "x.json holds no candles",
		`{`:         "decode x.json",
	} {
		if _, err := ParseOHLCV("x.json", []byte(raw)); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%s: error %v, want %q", raw, err, msg)
		}
	}
}

func TestReplayPlaysPairsInStep(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	series := func(from, n int) []Candle {
		var out []Candle
		for i := from; i < from+n; i++ {
			out = append(out, Candle{Date: t0.Add(time.Duration(i) * 5 * time.Minute), Close: float64(i)})
		}
		return out
	}
	m := NewReplay()
	m.Add("A/X", series(0, 6))
	m.Add("B/X", series(2, 2)) // starts later, ends earlier
	if w := m.Warmup(2); len(w["A/X"]) != 2 || len(w["B/X"]) != 0 {
		t.Fatalf("warmup %v", w)
	}
	date, cs, ok := m.Next()
	if !ok || !date.Equal(t0.Add(10*time.Minute)) || len(cs) != 2 || cs["B/X"].Close != 2 {
		t.Fatalf("third candle time: %v %v %v", date, cs, ok)
	}
	// A pair added now joins at the current position, not at its start.
	m.Add("C/X", series(0, 6))
	m.Add("C/X", nil) // a second Add keeps the first
	if !m.Has("C/X") || m.Has("D/X") {
		t.Fatal("Has")
	}
	_, cs, _ = m.Next()
	if cs["A/X"].Close != 3 || cs["B/X"].Close != 3 || cs["C/X"].Close != 3 {
		t.Fatalf("fourth candle time: %v", cs)
	}
	m.Next()
	m.Next()
	if _, _, ok := m.Next(); ok {
		t.Fatal("the replay did not run out")
	}
}
