package apiclient_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

func TestClockOffsetFromDateHeader(t *testing.T) {
	t.Parallel()
	local := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		date   string
		want   time.Duration
		wantOK bool
	}{
		{"server two hours ahead", local.Add(2 * time.Hour).Format(http.TimeFormat), 2*time.Hour + 500*time.Millisecond, true},
		{"server behind", local.Add(-90 * time.Second).Format(http.TimeFormat), -90*time.Second + 500*time.Millisecond, true},
		{"no date header", "", 0, false},
		{"garbage date header", "yesterday-ish", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				// Go's server adds a Date header unless the key is present;
				// a nil value suppresses it.
				if tc.date == "" {
					w.Header()["Date"] = nil
				} else {
					w.Header().Set("Date", tc.date)
				}
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"status":"pong"}`))
			}))
			t.Cleanup(srv.Close)
			c, err := apiclient.New(srv.URL, apiclient.WithClock(func() time.Time { return local }))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Ping(context.Background()); err != nil {
				t.Fatal(err)
			}
			got, ok := c.ClockOffset()
			if got != tc.want || ok != tc.wantOK {
				t.Fatalf("ClockOffset() = %v, %v; want %v, %v", got, ok, tc.want, tc.wantOK)
			}
			if want := local.Add(tc.want); !c.ServerNow().Equal(want) {
				t.Fatalf("ServerNow() = %v, want %v", c.ServerNow(), want)
			}
		})
	}
}
