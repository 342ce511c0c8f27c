package server

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/server/dryrun"
)

// BenchmarkStatsManyClosed asks the statistics routes that read every
// closed trade (/profit, /performance, /stats) of a bot whose SQLite file
// holds 10,000 closed trades, through the HTTP server. Between requests
// no trade closes, as between two polls of a UI.
func BenchmarkStatsManyClosed(b *testing.B) {
	now := time.Date(2024, 5, 1, 12, 0, 17, 0, time.UTC)
	path := filepath.Join(b.TempDir(), "bot.sqlite")
	seedClosed(b, path, now, 10_000, 1)
	clock := func() time.Time { return now }
	s, _ := dryRunServer(b, dryrun.DefaultConfig(), clock, []dryrun.Option{dryrun.WithDBPath(path)})
	ts := httptest.NewServer(s)
	defer ts.Close()
	for _, route := range []string{"/api/v1/profit", "/api/v1/performance", "/api/v1/stats"} {
		b.Run(route[len("/api/v1/"):], func(b *testing.B) {
			for b.Loop() {
				req, _ := http.NewRequest(http.MethodGet, ts.URL+route, nil)
				req.Header.Set("Authorization", basicAuth(testUser, testPass))
				resp, err := ts.Client().Do(req)
				if err != nil {
					b.Fatal(err)
				}
				if err := decodeBody(resp, new(any)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
