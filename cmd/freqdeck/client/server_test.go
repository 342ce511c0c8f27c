package client

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/cli"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// TestClientAgainstServer runs every client command against freqdeck's own
// API server (over the rpctest fake bot): the CLI and the server must agree
// on every route, so each command either succeeds with JSON on stdout or
// gets the server's own error, never a decoding failure.
func TestClientAgainstServer(t *testing.T) {
	t.Parallel()

	// The answers that are errors: routes a trading bot refuses (webserver
	// mode only, or removed like edge), and the fake bot's business errors
	// for ids and names the cases use (trade 3, strategy "S").
	refused := map[string]string{
		"strategies":                   "503: Bot is not in the correct state.",
		"pairlists_available":          "503: Bot is not in the correct state.",
		"available_pairs":              "503: Bot is not in the correct state.",
		"pair_history":                 "503: Bot is not in the correct state.",
		"edge":                         "404: Not Found",
		"trade":                        "404: Trade not found.",
		"delete_trade":                 "502: Error querying /api/v1/trades/3: Trade with id '3' not found.",
		"cancel_open_order":            "502: Error querying /api/v1/trades/3/open-order: Invalid trade_id.",
		"forceexit":                    "502: Error querying /api/v1/forceexit: invalid argument",
		"list_custom_data":             "404: No custom-data found for Trade ID: 3.",
		"list_open_trades_custom_data": "404: No custom-data found for any open trades.",
		"strategy":                     "404: Only the currently active strategy is available in trade mode",
	}
	for name, tc := range clientCases() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			// A server per case: stop or forceexit must not change what the
			// others see.
			// The clock before the cases' lock end (2024-03-30), which the
			// server wants in the future.
			srv, err := server.New(rpctest.New(), server.Config{Username: "u", Password: "p", Version: "test"},
				server.WithClock(func() time.Time { return time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC) }))
			if err != nil {
				t.Fatal(err)
			}
			hs := httptest.NewServer(srv)
			t.Cleanup(hs.Close)
			t.Cleanup(func() { srv.Close() })
			args := append([]string{"client", "--url", hs.URL, "--username", "u"}, tc.args...)
			code, out, errOut := runCLI(t, map[string]string{"FREQDECK_PASSWORD": "p"}, args...)
			if strings.Contains(errOut, "decode") {
				t.Fatalf("the client cannot decode the server's answer: %s", errOut)
			}
			if want, ok := refused[name]; ok {
				if code != cli.ExitAPIError || !strings.Contains(errOut, want) {
					t.Fatalf("exit %d, stderr %q; want %d and %q", code, errOut, cli.ExitAPIError, want)
				}
				return
			}
			if code != 0 || !json.Valid([]byte(out)) {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
			}
		})
	}
}
