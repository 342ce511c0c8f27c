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

func TestReplayPlaysOnTheWallClock(t *testing.T) {
	t.Parallel()
	file := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	series := func(from, n int) []Candle {
		var out []Candle
		for i := from; i < from+n; i++ {
			p := float64(100 + i)
			out = append(out, Candle{Date: file.Add(time.Duration(i) * 5 * time.Minute), Open: p, High: p + 3, Low: p - 3, Close: p + 1, Volume: 30})
		}
		return out
	}
	m := NewReplay(5 * time.Minute)
	m.Add("A/X", series(0, 6))
	m.Add("B/X", series(2, 2)) // starts later, ends earlier
	now := time.Date(2024, 5, 1, 12, 2, 30, 0, time.UTC)
	m.Start(Start{Now: now, Warmup: 2})
	hist := closes(m.Advance(now))
	if len(hist["A/X"]) != 2 || len(hist["B/X"]) != 0 || !hist["A/X"][1].Date.Equal(time.Date(2024, 5, 1, 11, 55, 0, 0, time.UTC)) {
		t.Fatalf("history %+v", hist)
	}
	// Half-way through the third candle (open 102, low 99 at 1/3, high 105
	// at 2/3, close 103): the path has dipped to the low and is climbing.
	st, _ := m.State("A/X")
	if st.Candle.Open != 102 || st.Candle.Low != 99 || st.Candle.High != 102 || st.Candle.Close != 102 || st.Candle.Volume != 15 {
		t.Fatalf("candle in progress %+v", st.Candle)
	}
	frames := m.Advance(now.Add(150 * time.Second))
	if len(frames) != 1 || !frames[0].Closed || frames[0].Moves["A/X"].Candle.Close != 103 || frames[0].Moves["A/X"].Path.High != 105 {
		t.Fatalf("the close: %+v", frames)
	}
	if m.Exhausted() {
		t.Fatal("exhausted early")
	}
	m.Advance(now.Add(24 * time.Hour))
	if !m.Exhausted() || !m.Time().Equal(time.Date(2024, 5, 1, 12, 20, 0, 0, time.UTC)) {
		t.Fatalf("after the last candle: exhausted %v at %v", m.Exhausted(), m.Time())
	}
	// A restart with the saved state continues the same shift.
	r := NewReplay(5 * time.Minute)
	r.Add("A/X", series(0, 6))
	r.Start(Start{Now: now.Add(time.Minute), Saved: map[string]PairState{"A/X": st}, MaxGap: time.Hour})
	if !r.Resumed("A/X") || !r.Time().Equal(now) || r.offset != m.offset {
		t.Fatalf("resumed at %v with offset %v", r.Time(), r.offset)
	}
}
