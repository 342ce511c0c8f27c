package market

import (
	"math"
	"testing"
	"time"
)

var t0 = time.Date(2024, 5, 1, 12, 0, 30, 0, time.UTC)

func simAt(seed int64, now time.Time, warmup int, saved map[string]PairState) *Sim {
	return NewSim(SimConfig{Pairs: []string{"BTC/USDT", "ETH/USDT", "NEW/USDT"}, Seed: seed, Timeframe: time.Minute,
		Volatility: 0.002}, Start{Now: now, Warmup: warmup, Saved: saved, MaxGap: time.Hour})
}

// closes returns the closed candles of frames by pair.
func closes(frames []Frame) map[string][]Candle {
	out := map[string][]Candle{}
	for _, f := range frames {
		if !f.Closed {
			continue
		}
		for p, mv := range f.Moves {
			out[p] = append(out[p], mv.Candle)
		}
	}
	return out
}

func TestSimHistoryEndsAtTheCandleInProgress(t *testing.T) {
	t.Parallel()
	m := simAt(42, t0, 50, nil)
	frames := m.Advance(t0)
	hist := closes(frames)
	btc := hist["BTC/USDT"]
	if len(btc) != 50 || !btc[49].Date.Equal(time.Date(2024, 5, 1, 11, 59, 0, 0, time.UTC)) {
		t.Fatalf("%d closed candles, last opens %v", len(btc), btc[len(btc)-1].Date)
	}
	last := frames[len(frames)-1]
	live := last.Moves["BTC/USDT"].Candle
	if last.Closed || !last.End.Equal(t0) || !live.Date.Equal(time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)) {
		t.Fatalf("last frame %v..%v closed %v, live candle %v", last.Start, last.End, last.Closed, live.Date)
	}
	if live.Open != btc[49].Close || !m.Time().Equal(t0) {
		t.Fatalf("the live candle opens at %v, the last close was %v", live.Open, btc[49].Close)
	}
	for i, c := range btc {
		if c.Low > math.Min(c.Open, c.Close) || c.High < math.Max(c.Open, c.Close) || c.Low <= 0 || c.Volume <= 0 {
			t.Fatalf("bad candle %d: %+v", i, c)
		}
		if i > 0 && c.Open != btc[i-1].Close {
			t.Fatalf("candle %d opens at %v, the one before closed at %v", i, c.Open, btc[i-1].Close)
		}
	}
}

func TestSimIsDeterministicAndTicksEverySecond(t *testing.T) {
	t.Parallel()
	a, b, c := simAt(42, t0, 20, nil), simAt(42, t0.Add(7*time.Hour), 20, nil), simAt(43, t0, 20, nil)
	ha, hb, hc := closes(a.Advance(t0)), closes(b.Advance(t0.Add(7*time.Hour))), closes(c.Advance(t0))
	for i := range ha["ETH/USDT"] {
		x, y := ha["ETH/USDT"][i], hb["ETH/USDT"][i]
		if x.Open != y.Open || x.High != y.High || x.Close != y.Close || x.Volume != y.Volume {
			t.Fatalf("candle %d differs for the same seed at another start: %+v vs %+v", i, x, y)
		}
	}
	if ha["ETH/USDT"][10] == hc["ETH/USDT"][10] {
		t.Fatal("seeds 42 and 43 gave the same market")
	}
	// One second later the price has taken one step; half a second adds
	// nothing.
	f := a.Advance(t0.Add(1500 * time.Millisecond))
	if len(f) != 1 || f[0].Closed || len(f[0].Moves) != 3 {
		t.Fatalf("one and a half seconds: %d frames", len(f))
	}
	if more := a.Advance(t0.Add(1900 * time.Millisecond)); len(more) != 1 || more[0].Moves["BTC/USDT"].Path.Volume != 0 {
		t.Fatalf("no step due, yet the price moved: %+v", more)
	}
	// Crossing a close cuts the frames there.
	f = a.Advance(t0.Add(40 * time.Second))
	if len(f) != 2 || !f[0].Closed || !f[0].End.Equal(time.Date(2024, 5, 1, 12, 1, 0, 0, time.UTC)) || f[1].Closed {
		t.Fatalf("frames across a close: %+v", f)
	}
	if f[1].Moves["BTC/USDT"].Path.Open != f[0].Moves["BTC/USDT"].Candle.Close {
		t.Fatal("the next frame does not start where the candle closed")
	}
}

func TestSimResumesFromItsState(t *testing.T) {
	t.Parallel()
	a := simAt(42, t0, 20, nil)
	a.Advance(t0.Add(10 * time.Minute))
	saved := map[string]PairState{}
	for _, p := range []string{"BTC/USDT", "ETH/USDT"} {
		st, ok := a.State(p)
		if !ok || st.Mode != "simulated" || !st.Time.Equal(t0.Add(10*time.Minute)) {
			t.Fatalf("state %+v", st)
		}
		saved[p] = st
	}
	// Restarted 5 minutes later: the walk catches up from its saved price
	// and candle; NEW/USDT, without a state, starts afresh.
	b := simAt(42, t0.Add(15*time.Minute), 20, saved)
	if !b.Resumed("BTC/USDT") || b.Resumed("NEW/USDT") {
		t.Fatal("resumed pairs")
	}
	frames := b.Advance(t0.Add(15 * time.Minute))
	first := frames[0].Moves["NEW/USDT"]
	if !frames[0].Start.Equal(time.Date(2024, 5, 1, 11, 55, 0, 0, time.UTC)) || first.Path.Open == 0 {
		t.Fatalf("frames start at %v", frames[0].Start)
	}
	var resumed Move
	for _, f := range frames {
		if mv, ok := f.Moves["ETH/USDT"]; ok {
			resumed = mv
			break
		}
	}
	if resumed.Path.Open != saved["ETH/USDT"].Candle.Close || resumed.Candle.Open != saved["ETH/USDT"].Candle.Open {
		t.Fatalf("ETH resumed at %v (candle open %v), saved close %v", resumed.Path.Open, resumed.Candle.Open, saved["ETH/USDT"].Candle.Close)
	}
	// A state older than MaxGap passes its price on but not its time.
	old := simAt(42, t0.Add(3*time.Hour), 20, saved)
	if old.Resumed("ETH/USDT") || old.walks["ETH/USDT"].price != saved["ETH/USDT"].Price {
		t.Fatal("an old state was resumed, or its price lost")
	}
}
