package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// TestClosedTradeDetailManyOrders: at 80×24, the detail of a closed trade
// with more orders than fit (a DCA trade) shows the first ones, how many
// are left out and the last one, and still says how to close it.
func TestClosedTradeDetailManyOrders(t *testing.T) {
	t.Parallel()
	sb := newScreenBot(t, 30)
	sb.bot.Update(func(f *rpctest.Fixtures) {
		for i := range f.ClosedTrades {
			tr := &f.ClosedTrades[i]
			if tr.TradeID != 29 {
				continue
			}
			entry, exit := tr.Orders[0], tr.Orders[len(tr.Orders)-1]
			orders := []apiclient.RawOrder{}
			for range 11 {
				orders = append(orders, entry)
			}
			exit.OrderType = "limit"
			tr.Orders = append(orders, exit)
		}
	})
	tm, _ := sb.start(t)
	tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	keys(tm, "h")
	waitText(t, tm, "Closed trades (30)")
	keys(tm, "j", "enter")
	waitText(t, tm, "Closed trade #29 DOGE/USDT")
	v := finalView(t, tm)
	for _, want := range []string{"… 6 more orders", "sell limit  closed", "n/esc close"} {
		if !strings.Contains(v, want) {
			t.Errorf("detail lacks %q:\n%s", want, v)
		}
	}
	if n := strings.Count(v, "\n"); n > 23 {
		t.Errorf("the view is %d lines high:\n%s", n+1, v)
	}
}
