package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// freqdeck's own tables, next to freqtrade's. freqtrade ignores tables it
// does not know, so a database with them still opens in freqtrade.
const (
	// tableSequence holds the last id handed out per table, so that an id
	// is never handed out twice, even after the row holding it is deleted
	// (SQLite's AUTOINCREMENT semantics on freqtrade's plain tables).
	tableSequence = "freqdeck_sequence"
	// tableMarket holds the dry-run market's state per pair, so that a
	// restart continues the prices where they were.
	tableMarket = "freqdeck_market"
	// tableCandles holds the dry-run market's closed candles, so that a
	// restart keeps the chart and the indicators.
	tableCandles = "freqdeck_candles"
)

// migrateV2 creates freqdeck's own tables.
func migrateV2(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{
		"CREATE TABLE IF NOT EXISTS " + tableSequence + " (name VARCHAR(50) NOT NULL PRIMARY KEY, value INTEGER NOT NULL)",
		"CREATE TABLE IF NOT EXISTS " + tableMarket + " (pair VARCHAR(50) NOT NULL PRIMARY KEY, state TEXT NOT NULL)",
		// One row per candle time, holding every pair's candle as JSON
		// ({"BTC/USDT": [open, high, low, close, volume], ...}): a close
		// of many pairs is one insert, and a trim one range delete.
		"CREATE TABLE IF NOT EXISTS " + tableCandles + " (timeframe VARCHAR(10) NOT NULL, date INTEGER NOT NULL, " +
			"candles TEXT NOT NULL, PRIMARY KEY (timeframe, date)) WITHOUT ROWID",
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("create freqdeck tables: %w", err)
		}
	}
	return nil
}

// nextID hands out the next id of table: one above both the largest id
// ever handed out and the largest id in the table, so ids are never reused.
func (w *Writer) nextID(table string) (int, error) {
	var last, maxID sql.NullInt64
	err := w.tx.QueryRowContext(w.ctx, "SELECT value FROM "+tableSequence+" WHERE name = ?", table).Scan(&last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: read the %s sequence: %w", table, err)
	}
	if err := w.tx.QueryRowContext(w.ctx, "SELECT MAX(id) FROM "+quote(table)).Scan(&maxID); err != nil {
		return 0, fmt.Errorf("store: max %s id: %w", table, err)
	}
	id := int(max(last.Int64, maxID.Int64)) + 1
	_, err = w.tx.ExecContext(w.ctx, "INSERT INTO "+tableSequence+" (name, value) VALUES (?, ?) "+
		"ON CONFLICT (name) DO UPDATE SET value = excluded.value", table, id)
	if err != nil {
		return 0, fmt.Errorf("store: advance the %s sequence: %w", table, err)
	}
	return id, nil
}

// MarketStates returns the stored market state of every pair (opaque text
// the dry-run market writes).
func (s *Store) MarketStates(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT pair, state FROM "+tableMarket)
	if err != nil {
		return nil, fmt.Errorf("store: query market state: %w", err)
	}
	out := map[string]string{}
	err = scanAll(rows, func() error {
		var pair, state string
		if err := rows.Scan(&pair, &state); err != nil {
			return err
		}
		out[pair] = state
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: read market state: %w", err)
	}
	return out, nil
}

// SetMarketStates stores the market state of each pair in states,
// replacing the previous ones, in one statement.
func (w *Writer) SetMarketStates(states map[string]string) error {
	if len(states) == 0 {
		return nil
	}
	rows, args := make([]string, 0, len(states)), make([]any, 0, 2*len(states))
	for pair, st := range states {
		rows, args = append(rows, "(?, ?)"), append(args, pair, st)
	}
	_, err := w.tx.ExecContext(w.ctx, "INSERT INTO "+tableMarket+" (pair, state) VALUES "+strings.Join(rows, ", ")+
		" ON CONFLICT (pair) DO UPDATE SET state = excluded.state", args...)
	if err != nil {
		return fmt.Errorf("store: save market state: %w", err)
	}
	return nil
}

// Candle is one closed OHLCV candle of the dry-run market; Date is its
// open time.
type Candle struct {
	Date                           time.Time
	Open, High, Low, Close, Volume float64
}

// Candles returns pair's newest limit stored candles of timeframe, oldest
// first.
func (s *Store) Candles(ctx context.Context, pair, timeframe string, limit int) ([]Candle, error) {
	path := `$."` + strings.ReplaceAll(pair, `"`, `\"`) + `"`
	rows, err := s.db.QueryContext(ctx, "SELECT date, json_extract(candles, ?1) AS c FROM "+tableCandles+
		" WHERE timeframe = ?2 AND c IS NOT NULL ORDER BY date DESC LIMIT ?3", path, timeframe, limit)
	if err != nil {
		return nil, fmt.Errorf("store: query candles of %s: %w", pair, err)
	}
	var out []Candle
	err = scanAll(rows, func() error {
		var ms int64
		var raw string
		if err := rows.Scan(&ms, &raw); err != nil {
			return err
		}
		var v [5]float64
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			return err
		}
		out = append(out, Candle{Date: time.UnixMilli(ms).UTC(), Open: v[0], High: v[1], Low: v[2], Close: v[3], Volume: v[4]})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: read candles of %s: %w", pair, err)
	}
	slices.Reverse(out)
	return out, nil
}

// PairCandle is a candle of a pair, to be saved.
type PairCandle struct {
	Pair   string
	Candle Candle
}

// AddCandles stores closed candles of timeframe, one row per candle time
// (a pair's candle replaces one it already has there).
func (w *Writer) AddCandles(timeframe string, cs []PairCandle) error {
	byDate := map[int64][]byte{} // the JSON object of each candle time, being built
	var dates []int64
	for _, pc := range cs {
		ms, c := pc.Candle.Date.UnixMilli(), pc.Candle
		buf, ok := byDate[ms]
		if !ok {
			dates = append(dates, ms)
			buf = append(buf, '{')
		} else {
			buf = append(buf, ',')
		}
		key, err := json.Marshal(pc.Pair)
		if err != nil {
			return fmt.Errorf("store: encode candles: %w", err)
		}
		buf = append(append(buf, key...), ':', '[')
		for i, v := range [5]float64{c.Open, c.High, c.Low, c.Close, c.Volume} {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
		}
		byDate[ms] = append(buf, ']')
	}
	for _, ms := range dates {
		// json_patch merges a pair's candle into a row the time already has
		// (the later one wins, for a pair saved twice).
		_, err := w.tx.ExecContext(w.ctx, "INSERT INTO "+tableCandles+" (timeframe, date, candles) VALUES (?, ?, ?) "+
			"ON CONFLICT (timeframe, date) DO UPDATE SET candles = json_patch(candles, excluded.candles)",
			timeframe, ms, string(append(byDate[ms], '}')))
		if err != nil {
			return fmt.Errorf("store: save candles: %w", err)
		}
	}
	return nil
}

// TrimCandles deletes the stored candles of timeframe that open before
// before: the market keeps a bounded window.
func (w *Writer) TrimCandles(timeframe string, before time.Time) error {
	_, err := w.tx.ExecContext(w.ctx, "DELETE FROM "+tableCandles+" WHERE timeframe = ? AND date < ?", timeframe, before.UnixMilli())
	if err != nil {
		return fmt.Errorf("store: trim candles: %w", err)
	}
	return nil
}
