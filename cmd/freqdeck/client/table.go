package client

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/freqdeck/freqdeck/apiclient"
)

// table writes aligned columns.
type table struct {
	tw *tabwriter.Writer
}

func newTable(w io.Writer, header ...string) *table {
	t := &table{tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	if len(header) > 0 {
		t.row(header...)
	}
	return t
}

func (t *table) row(cells ...string) {
	fmt.Fprintln(t.tw, strings.Join(cells, "\t"))
}

func (t *table) flush() error { return t.tw.Flush() }

// num formats a number without exponent or float noise (at most 8
// decimals, trailing zeros dropped).
func num(f float64) string {
	s := strconv.FormatFloat(f, 'f', 8, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		return "0"
	}
	return s
}

func numPtr(f *float64) string {
	if f == nil {
		return "-"
	}
	return num(*f)
}

func pct(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) + "%" }

func pctPtr(f *float64) string {
	if f == nil {
		return "-"
	}
	return pct(*f)
}

func strPtr(s *string) string {
	if s == nil || *s == "" {
		return "-"
	}
	return *s
}

func side(short bool) string {
	if short {
		return "short"
	}
	return "long"
}

func renderOpenTrades(w io.Writer, trades []apiclient.OpenTrade) error {
	if len(trades) == 0 {
		_, err := fmt.Fprintln(w, "no open trades")
		return err
	}
	t := newTable(w, "ID", "PAIR", "SIDE", "AMOUNT", "OPEN RATE", "CURRENT", "PROFIT %", "PROFIT", "OPENED", "TAG")
	for _, tr := range trades {
		t.row(strconv.Itoa(tr.TradeID), tr.Pair, side(tr.IsShort), num(tr.Amount), num(tr.OpenRate),
			numPtr(tr.CurrentRate), pctPtr(tr.ProfitPct), numPtr(tr.ProfitAbs), tr.OpenDate, strPtr(tr.EnterTag))
	}
	return t.flush()
}

func renderOpenTrade(w io.Writer, tr apiclient.OpenTrade) error {
	return renderOpenTrades(w, []apiclient.OpenTrade{tr})
}

func renderForceEnter(w io.Writer, r apiclient.ForceEnterResult) error {
	if r.Trade == nil {
		_, err := fmt.Fprintln(w, r.Status)
		return err
	}
	tr := r.Trade
	t := newTable(w, "ID", "PAIR", "SIDE", "AMOUNT", "STAKE", "OPEN RATE", "OPENED", "TAG")
	t.row(strconv.Itoa(tr.TradeID), tr.Pair, side(tr.IsShort), num(tr.Amount), num(tr.StakeAmount),
		num(tr.OpenRate), tr.OpenDate, strPtr(tr.EnterTag))
	return t.flush()
}

func renderTrades(w io.Writer, r apiclient.TradesResponse) error {
	t := newTable(w, "ID", "PAIR", "SIDE", "OPENED", "CLOSED", "PROFIT %", "PROFIT", "EXIT REASON")
	for _, tr := range r.Trades {
		t.row(strconv.Itoa(tr.TradeID), tr.Pair, side(tr.IsShort), tr.OpenDate, strPtr(tr.CloseDate),
			pctPtr(tr.CloseProfitPct), numPtr(tr.CloseProfitAbs), strPtr(tr.ExitReason))
	}
	if err := t.flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%d of %d closed trades (offset %d)\n", r.TradesCount, r.TotalTrades, r.Offset)
	return err
}

func renderLocks(w io.Writer, l apiclient.Locks) error {
	if len(l.Locks) == 0 {
		_, err := fmt.Fprintln(w, "no active locks")
		return err
	}
	t := newTable(w, "ID", "PAIR", "SIDE", "UNTIL", "REASON")
	for _, k := range l.Locks {
		t.row(strconv.Itoa(k.ID), k.Pair, k.Side, k.LockEndTime, strPtr(k.Reason))
	}
	return t.flush()
}

func renderPerformance(w io.Writer, rows []apiclient.Performance) error {
	t := newTable(w, "PAIR", "TRADES", "PROFIT %", "PROFIT")
	for _, p := range rows {
		t.row(p.Pair, strconv.Itoa(p.Count), pct(p.ProfitPct), num(p.ProfitAbs))
	}
	return t.flush()
}

// renderTags renders rows of profit per tag; split returns a row's tag and
// its profit.
func renderTags[T any](w io.Writer, head string, rows []T, split func(T) (string, apiclient.TagProfit)) error {
	t := newTable(w, head, "TRADES", "PROFIT %", "PROFIT")
	for _, r := range rows {
		tag, p := split(r)
		t.row(tag, strconv.Itoa(p.Count), pct(p.ProfitPct), num(p.ProfitAbs))
	}
	return t.flush()
}

func renderEntries(w io.Writer, rows []apiclient.EntryStat) error {
	return renderTags(w, "ENTRY TAG", rows, func(r apiclient.EntryStat) (string, apiclient.TagProfit) {
		return r.EnterTag, r.TagProfit
	})
}

func renderExits(w io.Writer, rows []apiclient.ExitStat) error {
	return renderTags(w, "EXIT REASON", rows, func(r apiclient.ExitStat) (string, apiclient.TagProfit) {
		return r.ExitReason, r.TagProfit
	})
}

func renderMixTags(w io.Writer, rows []apiclient.MixTagStat) error {
	return renderTags(w, "MIX TAG", rows, func(r apiclient.MixTagStat) (string, apiclient.TagProfit) {
		return r.MixTag, r.TagProfit
	})
}

func renderPeriodic(w io.Writer, p apiclient.PeriodicProfit) error {
	t := newTable(w, "DATE", "TRADES", "PROFIT "+p.StakeCurrency, "PROFIT %", "STARTING BALANCE")
	for _, d := range p.Data {
		t.row(d.Date, strconv.Itoa(d.TradeCount), num(d.AbsProfit), pct(d.RelProfit*100), num(d.StartingBalance))
	}
	return t.flush()
}

func renderCount(w io.Writer, c apiclient.Count) error {
	limit := strconv.Itoa(c.Max)
	if c.Max < 0 {
		limit = "unlimited"
	}
	t := newTable(w)
	t.row("open trades", strconv.Itoa(c.Current))
	t.row("max open trades", limit)
	t.row("total stake", num(c.TotalStake))
	return t.flush()
}

func renderBalance(w io.Writer, b apiclient.Balances) error {
	t := newTable(w, "CURRENCY", "FREE", "USED", "BALANCE", "EST. "+b.Stake)
	for _, c := range b.Currencies {
		t.row(c.Currency, num(c.Free), num(c.Used), num(c.Balance), num(c.EstStake))
	}
	t.row("TOTAL", "", "", "", num(b.Total))
	if b.Symbol != "" {
		t.row("", "", "", "", num(b.Value)+" "+b.Symbol)
	}
	return t.flush()
}

func renderWhitelist(w io.Writer, l apiclient.Whitelist) error {
	_, err := fmt.Fprintln(w, strings.Join(l.Whitelist, "\n"))
	return err
}

func renderBlacklist(w io.Writer, l apiclient.Blacklist) error {
	t := newTable(w)
	for _, p := range l.Blacklist {
		t.row(p)
	}
	for pair, e := range l.Errors {
		t.row(pair, "error: "+e.ErrorMsg)
	}
	return t.flush()
}

func renderLogs(w io.Writer, l apiclient.Logs) error {
	for _, r := range l.Logs {
		if _, err := fmt.Fprintf(w, "%s %-8s %s: %s\n", r.Date, r.Level, r.Logger, r.Message); err != nil {
			return err
		}
	}
	return nil
}
