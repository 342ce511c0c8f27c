package client

import (
	"net/http"
	"strings"
	"testing"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/fakebot"
)

func TestClientTables(t *testing.T) {
	t.Parallel()
	cases := clientCases()
	tests := []struct {
		name string // a clientCases key
		want string
	}{
		{"status", `
ID  PAIR      SIDE  AMOUNT  OPEN RATE  CURRENT  PROFIT %  PROFIT  OPENED               TAG
3   BTC/USDT  long  0.01    64000      64640    1.00%     6.4     2024-05-01 12:00:00  ema
`},
		{"locks", `
ID  PAIR      SIDE  UNTIL                REASON
7   BTC/USDT  *     2024-05-01 14:00:00  manual
`},
		{"delete_lock", "\nno active locks\n"},
		{"count", `
open trades      2
max open trades  5
total stake      1280.5
`},
		{"daily", `
DATE        TRADES  PROFIT USDT  PROFIT %  STARTING BALANCE
2024-05-01  1       6.4          0.64%     1000
`},
		{"performance", `
PAIR      TRADES  PROFIT %  PROFIT
BTC/USDT  2       1.50%     3
`},
		{"exits", `
EXIT REASON  TRADES  PROFIT %  PROFIT
roi          1       1.00%     6.4
`},
		{"whitelist", "\nBTC/USDT\nETH/USDT\n"},
		{"logs", "\n2024-05-01 12:00:00 INFO     freqtrade.worker: Bot heartbeat.\n"},
		{"forceenter no trade", "\nError entering long trade for pair BTC/USDT.\n"},
		{"stats", `
EXIT REASON  WINS  LOSSES  DRAWS
roi          2     0       0
average duration: wins 300.5s, draws -, losses -
`},
		{"delete_trade", `
cancel_order_count  0
result              success
result_msg          Deleted trade #3 for pair BTC/USDT. Closed 0 open orders.
trade_id            3
`},
		{"health", `
last_process     2024-05-01T12:00:00Z
last_process_ts  1714564800
bot_start        -
bot_start_ts     -
bot_startup      -
bot_startup_ts   -
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tc, ok := cases[tt.name]
			if !ok {
				t.Fatalf("no client case %q", tt.name)
			}
			fb := fakebot.New(t, http.StatusOK, tc.resp)
			code, out, errOut := runCLI(t, nil, append([]string{"client", "--url", fb.URL, "--table"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if want := strings.TrimPrefix(tt.want, "\n"); out != want {
				t.Fatalf("table:\n%s\nwant:\n%s", out, want)
			}
		})
	}
}

func TestClientHelpListsEveryCommand(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"client", "--show"}, {"client", "help"}, {"client"}, {"client", "--help"}} {
		code, out, errOut := runCLI(t, nil, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		for _, cc := range clientCommands() {
			line := cc.name
			if u := usageOf(cc.params); u != "" {
				line += " " + u
			}
			if !strings.Contains(out, "  "+line+"\n") {
				t.Fatalf("%v does not list %q:\n%s", args, line, out)
			}
		}
	}
	code, out, _ := runCLI(t, nil, "client", "help", "forceenter")
	if code != 0 || !strings.Contains(out, "freqdeck client forceenter <pair> <side> [price] [order_type=]") ||
		!strings.Contains(out, "Examples:\n  freqdeck client forceenter BTC/USDT long") {
		t.Fatalf("client help forceenter: exit %d\n%s", code, out)
	}
}
