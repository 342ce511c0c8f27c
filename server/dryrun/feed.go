package dryrun

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/freqdeck/freqdeck/server/dryrun/market"
)

// newMarket builds the market of cfg, started at st.
func newMarket(cfg Config, tf time.Duration, st market.Start) (market.Source, error) {
	switch cfg.Market.Mode {
	case "simulated":
		return market.NewSim(market.SimConfig{Pairs: cfg.Pairs, Seed: cfg.Market.Seed, Timeframe: tf,
			Volatility: cfg.Market.Volatility}, st), nil
	case "replay":
		m, err := newReplayFiles(cfg.Market.DataDir, cfg.Pairs, cfg.Timeframe, tf)
		if err != nil {
			return nil, err
		}
		m.Start(st)
		return m, nil
	default:
		return nil, fmt.Errorf("market: unknown mode %q", cfg.Market.Mode)
	}
}

// replayFiles is the I/O edge of a replay: it reads each pair's freqtrade
// OHLCV file from dir and hands the candles to the pure market.Replay.
type replayFiles struct {
	*market.Replay
	dir    string
	tfName string
}

func newReplayFiles(dir string, pairs []string, tfName string, tf time.Duration) (*replayFiles, error) {
	m := &replayFiles{Replay: market.NewReplay(tf), dir: dir, tfName: tfName}
	for _, p := range pairs {
		if err := m.AddPair(p); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// Describe implements market.Source.
func (m *replayFiles) Describe() string { return "replay of " + m.dir }

// AddPair implements market.Source: it loads the pair's file.
func (m *replayFiles) AddPair(pair string) error {
	if m.Has(pair) {
		return nil
	}
	candles, err := readOHLCV(filepath.Join(m.dir, market.ReplayFileName(pair, m.tfName)))
	if err != nil {
		return fmt.Errorf("market: replay data for %s: %w", pair, err)
	}
	m.Add(pair, candles)
	return nil
}

// readOHLCV reads and parses one freqtrade OHLCV JSON file.
func readOHLCV(path string) ([]market.Candle, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return market.ParseOHLCV(path, raw) //nolint:wrapcheck // its errors name the file
}
