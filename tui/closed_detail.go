package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// closedDetailWidth is the widest the closed trade's detail gets: its
// orders take a line each.
const closedDetailWidth = 96

// closedDetailTitle names the closed trade in its detail's border.
func (m *Model) closedDetailTitle() string {
	t := m.modal.closed
	return fmt.Sprintf("Closed trade #%d %s", t.TradeID, panes.Sanitize(t.Pair))
}

// closedDetailBody shows one closed trade: when and at what it opened and
// closed, the realised profit, the exit reason, the fees, the stoploss's
// history as far as the bot keeps it, and every order.
func (m *Model) closedDetailBody() []string {
	b := m.bots[m.modal.bot]
	t := m.modal.closed
	st := m.styles
	side := "long"
	if t.IsShort {
		side = "short"
	}
	abs, ratio, hasRatio := t.RealisedProfit()
	profit := panes.FormatSignedMoney(abs) + " " + panes.Sanitize(t.QuoteCurrency)
	if hasRatio {
		profit += " (" + panes.FormatPercent(ratio) + ")"
	}
	rows := [][2]string{
		{"Bot", b.displayName()},
		{"Side", side + tagSuffix(t.EnterTag)},
		{"Opened", utc(t.OpenedAt()) + " at " + panes.FormatPrice(t.OpenRate)},
		{"Closed", utc(t.ClosedAt()) + " at " + optPrice(t.CloseRate) + durationSuffix(t)},
		{"Amount", panes.FormatAmount(t.Amount) + " " + panes.Sanitize(t.BaseCurrency) + " for " + panes.FormatMoney(t.StakeAmount) + " " + panes.Sanitize(t.QuoteCurrency)},
		{"Profit", st.PnL(abs).Render(profit)},
		{"Exit reason", apiclient.Deref(t.ExitReason)},
		{"Fees", fees(t)},
	}
	rows = append(rows, stoplossHistory(t)...)
	var lines []string
	for _, r := range rows {
		if r[1] == "" {
			continue // nothing known
		}
		lines = append(lines, st.Muted.Render(fmt.Sprintf("%-11s", r[0]))+" "+r[1])
	}
	if len(t.Orders) > 0 {
		lines = append(lines, "", st.Dialog.Title.Render("Orders"),
			st.Muted.Render(fmt.Sprintf(orderFormat, "Filled UTC", "Side", "Type", "Status", "Amount", "Price", "Cost", "Fee")))
		lines = append(lines, orderLines(t.Orders, m.height-2-len(lines)-2)...)
	}
	closing := m.keys.Dialog.Cancel
	closing.SetHelp(closing.Help().Key, "close")
	return append(lines, "", m.helpLine([]key.Binding{closing}))
}

// tagSuffix is ", tag <enter tag>", or "".
func tagSuffix(tag *string) string {
	if tag == nil || *tag == "" {
		return ""
	}
	return ", tag " + panes.Sanitize(*tag)
}

// utc formats a time for the detail, "-" when unknown.
func utc(at time.Time) string {
	if at.IsZero() {
		return "-"
	}
	return at.UTC().Format("2006-01-02 15:04:05")
}

// optPrice formats a price that may be unknown.
func optPrice(p *float64) string {
	if p == nil {
		return "-"
	}
	return panes.FormatPrice(*p)
}

// durationSuffix is ", after 2h 10m", or "".
func durationSuffix(t apiclient.RawTrade) string {
	if d, ok := t.Duration(); ok {
		return ", after " + panes.FormatDuration(d)
	}
	return ""
}

// fees says the entry and exit fee rates and what they cost, where known.
func fees(t apiclient.RawTrade) string {
	var parts []string
	for _, f := range []struct {
		name       string
		rate, cost *float64
		currency   *string
	}{{"entry", t.FeeOpen, t.FeeOpenCost, t.FeeOpenCurrency}, {"exit", t.FeeClose, t.FeeCloseCost, t.FeeCloseCurrency}} {
		if f.rate == nil {
			continue
		}
		part := fmt.Sprintf("%s %.3g%%", f.name, *f.rate*100)
		if f.cost != nil {
			part += " = " + panes.FormatAmount(*f.cost) + " " + panes.Sanitize(apiclient.Deref(f.currency))
		}
		parts = append(parts, strings.TrimSpace(part))
	}
	return strings.Join(parts, ", ")
}

// stoplossHistory is what the bot keeps of the stoploss, as detail rows:
// where it started, and where it ended and when it last moved if it moved.
func stoplossHistory(t apiclient.RawTrade) [][2]string {
	if t.InitialStopLossAbs == nil && t.StopLossAbs == nil {
		return nil
	}
	level := func(abs, ratio *float64) string {
		s := optPrice(abs)
		if ratio != nil {
			s += " (" + panes.FormatPercent(*ratio) + ")"
		}
		return s
	}
	moved := t.StopLossAbs != nil && (t.InitialStopLossAbs == nil || *t.StopLossAbs != *t.InitialStopLossAbs)
	if !moved {
		return [][2]string{{"Stoploss", level(t.InitialStopLossAbs, t.InitialStopLossRatio) + ", never moved"}}
	}
	rows := [][2]string{{"Stoploss", "started at " + level(t.InitialStopLossAbs, t.InitialStopLossRatio)}}
	end := "ended at " + level(t.StopLossAbs, t.StopLossRatio)
	if t.StoplossLastUpdateTimestamp != nil {
		end += ", last moved " + apiclient.FromMillis(*t.StoplossLastUpdateTimestamp).UTC().Format("01-02 15:04")
	}
	return append(rows, [2]string{"", end})
}

// orderLines renders orders in at most room lines (and one at least): when
// they do not all fit (a DCA trade on a short terminal), the first ones,
// how many are left out, and the last one, which closed the trade.
func orderLines(orders []apiclient.RawOrder, room int) []string {
	if len(orders) > max(room, 3) {
		shown := max(room, 3) - 2
		out := make([]string, 0, shown+2)
		for _, o := range orders[:shown] {
			out = append(out, rawOrderLine(o))
		}
		more := "… " + plural(len(orders)-shown-1, "more order", "more orders")
		return append(out, more, rawOrderLine(orders[len(orders)-1]))
	}
	out := make([]string, 0, len(orders))
	for _, o := range orders {
		out = append(out, rawOrderLine(o))
	}
	return out
}

// orderFormat lays out an order line of the detail and its header.
const orderFormat = "%-11s %-4s %-6s %-8s %9s %9s %8s %s"

// rawOrderLine renders one order of a closed trade: when it filled, its
// side, type and status, amount, average price, cost and fee.
func rawOrderLine(o apiclient.RawOrder) string {
	at := "-"
	switch {
	case o.OrderFilledTimestamp != nil:
		at = apiclient.FromMillis(*o.OrderFilledTimestamp).UTC().Format("01-02 15:04")
	case o.OrderTimestamp != nil:
		at = apiclient.FromMillis(*o.OrderTimestamp).UTC().Format("01-02 15:04")
	}
	price := o.Average
	if price == 0 {
		price = o.SafePrice
	}
	fee := "-"
	if o.FtFeeBase != nil {
		fee = panes.FormatAmount(*o.FtFeeBase)
	}
	return fmt.Sprintf(orderFormat, at, panes.Sanitize(o.FtOrderSide),
		panes.Sanitize(o.OrderType), panes.Sanitize(o.Status), panes.FormatAmount(o.Amount), panes.FormatPrice(price),
		panes.FormatMoney(o.Cost), fee)
}
