package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/dryrun"
	"github.com/freqdeck/freqdeck/server/store"
)

// holdWatch keeps the longest hold of the bot's lock since its last reset.
type holdWatch struct {
	mu  sync.Mutex
	max time.Duration
}

func (w *holdWatch) see(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.max = max(w.max, d)
}

// take returns the longest hold since the last take and starts over.
func (w *holdWatch) take() time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	d := w.max
	w.max = 0
	return d
}

// seedClosed writes n closed trades to a new SQLite file at path, closed
// one every 55 minutes back from now, alternating a profit of 1.5 and a loss of
// 0.25, and returns the trade count and profit expected per day (index 0
// is today) over the last days days.
func seedClosed(t testing.TB, path string, now time.Time, n, days int) ([]int, []float64) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	counts, profits := make([]int, days), make([]float64, days)
	today := now.Truncate(24 * time.Hour)
	err = db.Write(ctx, func(w *store.Writer) error {
		for i := range n {
			closeAt := now.Add(-time.Duration(i+1) * 55 * time.Minute)
			openAt := closeAt.Add(-time.Hour)
			abs := 1.5
			if i%2 == 1 {
				abs = -0.25
			}
			if d := int(today.Sub(closeAt.Truncate(24*time.Hour)) / (24 * time.Hour)); d < days {
				counts[d]++
				profits[d] += abs
			}
			tr := closedTrade(openAt, closeAt, abs)
			if err := w.InsertTrade(tr); err != nil {
				return err
			}
			for _, o := range tr.Orders {
				if err := w.InsertOrder(o); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return counts, profits
}

// decodeBody decodes resp's JSON body into out and closes it.
func decodeBody(resp *http.Response, out any) error {
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// closedTrade is a closed 100 USDT BTC/USDT trade that made abs.
func closedTrade(openAt, closeAt time.Time, abs float64) *store.Trade {
	amount, closeRate := 0.001, 100000+abs*1000
	order := func(side string, price float64, at time.Time) *store.Order {
		return &store.Order{Side: side, Pair: "BTC/USDT", FtAmount: amount, FtPrice: price,
			OrderID: fmt.Sprintf("dry_run_%s_%d", side, at.Unix()), Status: apiclient.Ptr("closed"),
			Symbol: apiclient.Ptr("BTC/USDT"), OrderType: apiclient.Ptr("limit"), OrderSide: apiclient.Ptr(side),
			Price: &price, Average: &price, Amount: &amount, Filled: &amount, Remaining: apiclient.Ptr(0.0),
			Cost: apiclient.Ptr(price * amount), OrderDate: &at, FilledDate: &at}
	}
	return &store.Trade{Exchange: "binance", Pair: "BTC/USDT", BaseCurrency: apiclient.Ptr("BTC"),
		StakeCurrency: apiclient.Ptr("USDT"), OpenRate: 100000, OpenRateRequested: apiclient.Ptr(100000.0),
		OpenTradeValue: 100, StakeAmount: 100, Amount: amount, AmountRequested: &amount, OpenDate: openAt,
		CloseRate: &closeRate, CloseDate: &closeAt, CloseProfit: apiclient.Ptr(abs / 100), CloseProfitAbs: &abs,
		ExitReason: apiclient.Ptr("roi"), EnterTag: apiclient.Ptr("ema_cross"), Strategy: apiclient.Ptr("FreqdeckEmaRsi"),
		Timeframe: apiclient.Ptr(5), TradingMode: apiclient.Ptr("SPOT"), Leverage: apiclient.Ptr(1.0), RecordVersion: 2,
		Orders: []*store.Order{order("buy", 100000, openAt), order("sell", closeRate, closeAt)}}
}

// TestDailyAtTheCapWithManyClosedTrades runs the dry-run bot on a SQLite
// file holding 10,000 closed trades behind a real HTTP server: /daily at
// the cap (365) counts every trade of each day, holds the bot's lock only
// briefly (it copies the open trades and reads the closed ones outside
// the lock) and answers within 50 ms; above the cap it is a 422.
func TestDailyAtTheCapWithManyClosedTrades(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 12, 0, 17, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "bot.sqlite")
	counts, profits := seedClosed(t, path, now, 10_000, 365)
	watch := &holdWatch{}
	clock := func() time.Time { return now }
	s, _ := dryRunServer(t, dryrun.DefaultConfig(), clock, []dryrun.Option{dryrun.WithDBPath(path), dryrun.WithLockWatch(watch.see)})
	ts := httptest.NewServer(s)
	defer ts.Close()

	get := func(target string) (*http.Response, time.Duration) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, ts.URL+target, nil)
		req.Header.Set("Authorization", basicAuth(testUser, testPass))
		began := time.Now()
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp, time.Since(began)
	}
	if resp, _ := get("/api/v1/daily?timescale=366"); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("timescale 366: %d, want 422", resp.StatusCode)
	}
	get("/api/v1/daily?timescale=1") // a first request warms the connection and the database up
	watch.take()
	var best time.Duration
	for range 3 {
		resp, took := get("/api/v1/daily?timescale=365")
		var daily apiclient.PeriodicProfit
		if err := decodeBody(resp, &daily); err != nil {
			t.Fatal(err)
		}
		if len(daily.Data) != 365 {
			t.Fatalf("%d rows, want 365", len(daily.Data))
		}
		for i, row := range daily.Data {
			if row.TradeCount != counts[i] || row.AbsProfit != profits[i] {
				t.Fatalf("row %d (%s): %d trades, %v, want %d, %v", i, row.Date, row.TradeCount, row.AbsProfit, counts[i], profits[i])
			}
		}
		if best == 0 || took < best {
			best = took
		}
	}
	held := watch.take()
	t.Logf("/daily?timescale=365 over 10,000 closed trades: %v (best of 3), longest lock hold %v", best, held)
	holdLimit := 5 * time.Millisecond
	if raceEnabled {
		holdLimit = 50 * time.Millisecond // the race detector slows everything several times over
	}
	if held > holdLimit {
		t.Errorf("the bot's lock was held %v during /daily, want under %v", held, holdLimit)
	}
	if raceEnabled {
		return
	}
	if best > 50*time.Millisecond {
		t.Errorf("/daily?timescale=365 took %v, want under 50 ms", best)
	}
}
