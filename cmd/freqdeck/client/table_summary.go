package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/freqdeck/freqdeck/apiclient"
)

func renderProfit(w io.Writer, p apiclient.Profit) error {
	t := newTable(w)
	t.row("trades", fmt.Sprintf("%d (%d closed)", p.TradeCount, p.ClosedTradeCount))
	t.row("closed profit", num(p.ProfitClosedCoin)+" ("+pct(p.ProfitClosedPercent)+")")
	t.row("all profit", num(p.ProfitAllCoin)+" ("+pct(p.ProfitAllPercent)+")")
	t.row("wins / losses", fmt.Sprintf("%d / %d (win rate %s)", p.WinningTrades, p.LosingTrades, pct(p.Winrate*100)))
	t.row("profit factor", numPtr(p.ProfitFactor))
	t.row("expectancy", num(p.Expectancy)+" (ratio "+num(p.ExpectancyRatio)+")")
	t.row("best pair", p.BestPair+" ("+pct(p.BestPairProfitRatio*100)+")")
	t.row("avg duration", p.AvgDuration)
	t.row("max drawdown", pct(p.MaxDrawdown*100)+" ("+num(p.MaxDrawdownAbs)+")")
	t.row("first trade", p.FirstTradeDate)
	t.row("latest trade", p.LatestTradeDate)
	t.row("bot started", p.BotStartDate)
	return t.flush()
}

func renderStats(w io.Writer, s apiclient.Stats) error {
	reasons := make([]string, 0, len(s.ExitReasons))
	for r := range s.ExitReasons {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	t := newTable(w, "EXIT REASON", "WINS", "LOSSES", "DRAWS")
	for _, r := range reasons {
		v := s.ExitReasons[r]
		t.row(r, strconv.Itoa(v.Wins), strconv.Itoa(v.Losses), strconv.Itoa(v.Draws))
	}
	if err := t.flush(); err != nil {
		return err
	}
	secs := func(f *float64) string {
		if f == nil {
			return "-"
		}
		return num(*f) + "s"
	}
	_, err := fmt.Fprintf(w, "average duration: wins %s, draws %s, losses %s\n",
		secs(s.Durations.Wins), secs(s.Durations.Draws), secs(s.Durations.Losses))
	return err
}

func renderShowConfig(w io.Writer, c apiclient.ShowConfig) error {
	mode := "live"
	if c.DryRun {
		mode = "dry run"
	}
	t := newTable(w)
	t.row("bot", c.BotName)
	t.row("state", c.State)
	t.row("mode", mode+", "+c.TradingMode)
	t.row("exchange", c.Exchange)
	t.row("strategy", strPtr(c.Strategy)+" ("+strPtr(c.Timeframe)+")")
	t.row("stake", c.StakeAmount+" "+c.StakeCurrency)
	t.row("max open trades", strconv.Itoa(c.MaxOpenTrades))
	t.row("stoploss", numPtr(c.Stoploss))
	t.row("version", c.Version)
	return t.flush()
}

// renderGeneric shows a JSON object as key/value lines (nested values as
// compact JSON), and anything else as indented JSON.
func renderGeneric(w io.Writer, v any) error {
	data, err := marshalJSON(v, false)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return writeJSON(w, v, true)
	}
	t := newTable(w)
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return fmt.Errorf("table: %w", err)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fmt.Errorf("table: %w", err)
		}
		val := string(raw)
		var s string
		switch {
		case val == "null":
			val = "-"
		case json.Unmarshal(raw, &s) == nil:
			val = s
		}
		t.row(fmt.Sprint(key), val)
	}
	return t.flush()
}
