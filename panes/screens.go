package panes

import (
	"github.com/freqdeck/freqdeck/apiclient"
)

// The data and intents of the screens beyond the trade desk (history,
// pairs, chart). As with the trade desk's, the console sends every data
// message to every pane of a bot, and a pane ignores what it does not show.

// ClosedTradesMsg carries the closed trades loaded so far, newest close
// first and without duplicates (the console merges the /trades pages), and
// how many closed trades the bot has in all.
type ClosedTradesMsg struct {
	Trades []apiclient.RawTrade
	Total  int
}

// PeriodicMsg carries one answer of /daily, /weekly or /monthly.
type PeriodicMsg struct {
	Unit   apiclient.PeriodUnit
	Profit apiclient.PeriodicProfit
}

// StatsKind names a grouping of closed trades' profit.
type StatsKind int

// The groupings: /performance (per pair), /entries, /exits, /mix_tags.
const (
	StatsPairs StatsKind = iota
	StatsEntries
	StatsExits
	StatsMixTags
	// NumStatsKinds is the number of groupings.
	NumStatsKinds
)

// String names the grouping for titles: "pair", "entry tag", ...
func (k StatsKind) String() string {
	switch k {
	case StatsPairs:
		return "pair"
	case StatsEntries:
		return "entry tag"
	case StatsExits:
		return "exit reason"
	case StatsMixTags:
		return "entry+exit"
	case NumStatsKinds:
	}
	return "?"
}

// StatsRow is the closed-trade profit of one pair or tag.
type StatsRow struct {
	Name        string
	Count       int
	ProfitRatio float64
	ProfitAbs   float64
}

// StatsMsg carries one grouping's rows, as the bot answered.
type StatsMsg struct {
	Kind StatsKind
	Rows []StatsRow
}

// WhitelistMsg carries /whitelist.
type WhitelistMsg struct{ Whitelist apiclient.Whitelist }

// BlacklistMsg carries /blacklist.
type BlacklistMsg struct{ Blacklist apiclient.Blacklist }

// CandlesMsg carries /pair_candles of one pair.
type CandlesMsg struct{ History apiclient.PairHistory }

// ChartPairMsg tells the chart which pair to show (the console asks for its
// candles at the same time).
type ChartPairMsg struct{ Pair string }

// ClosedTradesPageRequestedMsg asks for the next page of closed trades,
// starting at Offset (the number already loaded).
type ClosedTradesPageRequestedMsg struct{ Offset int }

// PeriodicRequestedMsg asks for profit by Unit (the pane switched units).
type PeriodicRequestedMsg struct{ Unit apiclient.PeriodUnit }

// StatsRequestedMsg asks for one grouping (the pane switched groupings).
type StatsRequestedMsg struct{ Kind StatsKind }

// ClosedTradeDetailRequestedMsg asks to show one closed trade in detail.
type ClosedTradeDetailRequestedMsg struct{ Trade apiclient.RawTrade }

// ChartPairRequestedMsg asks the chart to show Pair.
type ChartPairRequestedMsg struct{ Pair string }

// BlacklistAddRequestedMsg asks to add to the blacklist; Pattern pre-fills
// the dialog and may be empty.
type BlacklistAddRequestedMsg struct{ Pattern string }

// BlacklistDeleteRequestedMsg asks to delete one blacklist entry.
type BlacklistDeleteRequestedMsg struct{ Pattern string }

func (ClosedTradesPageRequestedMsg) intent()  {}
func (PeriodicRequestedMsg) intent()          {}
func (StatsRequestedMsg) intent()             {}
func (ClosedTradeDetailRequestedMsg) intent() {}
func (ChartPairRequestedMsg) intent()         {}
func (BlacklistAddRequestedMsg) intent()      {}
func (BlacklistDeleteRequestedMsg) intent()   {}

// PairSelector is a pane with a selected pair (an open or closed trade's,
// a whitelist entry): the chart key opens the chart on it.
type PairSelector interface {
	SelectedPair() (string, bool)
}

// ScreenData names what a screen fetches beyond the feed; the zero value
// names nothing.
type ScreenData int

// The screens' resources.
const (
	DataClosedTrades ScreenData = iota + 1
	DataPeriodic
	DataStats
	DataBlacklist
	DataCandles
)

// LoadFailedMsg says a screen's fetch of Data failed; the pane keeps what
// it had and shows Problem ("/trades: 502 ...").
type LoadFailedMsg struct {
	Data    ScreenData
	Problem string
}

// NewCandleMsg says the bot analysed a new candle of Pair at Timeframe
// (the WebSocket's new_candle).
type NewCandleMsg struct{ Pair, Timeframe string }
