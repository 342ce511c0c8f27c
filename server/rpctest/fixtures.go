package rpctest

import (
	"embed"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/freqdeck/freqdeck/apiclient"
)

//go:embed fixtures/*.json
var fixtureFS embed.FS

// Fixtures holds every value the fake bot answers with. The defaults come from
// the JSON examples of freqtrade-api.md §3. Values returned by the Bot share
// memory with its fixtures: treat them as read-only.
type Fixtures struct {
	ShowConfig   apiclient.ShowConfig
	Logs         apiclient.Logs
	PlotConfig   apiclient.PlotConfig
	Markets      apiclient.Markets
	Strategy     apiclient.StrategyInfo
	Health       apiclient.Health
	Balance      apiclient.Balances
	WalletHist   apiclient.WalletHistory
	Count        apiclient.Count
	Entries      []apiclient.EntryStat
	Exits        []apiclient.ExitStat
	MixTags      []apiclient.MixTagStat
	Performance  []apiclient.Performance
	Profit       apiclient.Profit
	Stats        apiclient.Stats
	Periodic     apiclient.PeriodicProfit
	OpenTrades   []apiclient.OpenTrade
	ClosedTrades []apiclient.RawTrade
	CustomData   []apiclient.TradeCustomData
	ForceEnter   apiclient.ForceEnterResult
	Locks        []apiclient.Lock
	Whitelist    apiclient.Whitelist
	Blacklist    apiclient.Blacklist
	PairHistory  apiclient.PairHistory
	AnalyzedDF   []apiclient.AnalyzedDF
	SysInfo      apiclient.SysInfo
}

// DefaultFixtures returns a fresh copy of the documented example values.
func DefaultFixtures() Fixtures {
	f, err := loadFixtures()
	if err != nil {
		// The fixtures are embedded and checked by the package's tests, so
		// this only fires on a broken build.
		panic(fmt.Sprintf("rpctest: embedded fixtures: %v", err))
	}
	return f
}

// The fixture files that group several answers.
type (
	listsFile struct {
		Whitelist apiclient.Whitelist `json:"whitelist"`
		Blacklist apiclient.Blacklist `json:"blacklist"`
	}
	statsFile struct {
		Count       apiclient.Count         `json:"count"`
		Entries     []apiclient.EntryStat   `json:"entries"`
		Exits       []apiclient.ExitStat    `json:"exits"`
		MixTags     []apiclient.MixTagStat  `json:"mix_tags"`
		Performance []apiclient.Performance `json:"performance"`
		Stats       apiclient.Stats         `json:"stats"`
		SysInfo     apiclient.SysInfo       `json:"sysinfo"`
	}
	infoFile struct {
		PlotConfig apiclient.PlotConfig        `json:"plot_config"`
		Markets    apiclient.Markets           `json:"markets"`
		Strategy   apiclient.StrategyInfo      `json:"strategy"`
		CustomData []apiclient.TradeCustomData `json:"custom_data"`
	}
)

func loadFixtures() (Fixtures, error) {
	var (
		f      Fixtures
		trades apiclient.TradesResponse
		locks  apiclient.Locks
		trade  apiclient.OpenTrade
		lists  listsFile
		stats  statsFile
		info   infoFile
	)
	files := []struct {
		name string
		dst  any
	}{
		{"show_config", &f.ShowConfig}, {"logs", &f.Logs}, {"health", &f.Health},
		{"balance", &f.Balance}, {"historic_balance", &f.WalletHist}, {"profit", &f.Profit}, {"daily", &f.Periodic},
		{"open_trade", &trade}, {"trades", &trades}, {"force_enter", &f.ForceEnter},
		{"locks", &locks}, {"lists", &lists}, {"stats", &stats}, {"info", &info},
		{"pair_history", &f.PairHistory},
	}
	for _, file := range files {
		if err := readFixture(file.name, file.dst); err != nil {
			return Fixtures{}, err
		}
	}
	f.OpenTrades = []apiclient.OpenTrade{trade}
	f.ClosedTrades, f.Locks = trades.Trades, locks.Locks
	f.Whitelist, f.Blacklist = lists.Whitelist, lists.Blacklist
	f.Count, f.Entries, f.Exits, f.MixTags = stats.Count, stats.Entries, stats.Exits, stats.MixTags
	f.Performance, f.Stats, f.SysInfo = stats.Performance, stats.Stats, stats.SysInfo
	f.PlotConfig, f.Markets, f.Strategy, f.CustomData = info.PlotConfig, info.Markets, info.Strategy, info.CustomData
	f.AnalyzedDF = []apiclient.AnalyzedDF{analyzedFromHistory(f.PairHistory)}
	return f, nil
}

func readFixture(name string, dst any) error {
	b, err := fixtureFS.ReadFile("fixtures/" + name + ".json")
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if err := json.Unmarshal(b, dst); err != nil {
		return fmt.Errorf("decode %s: %w", name, err)
	}
	return nil
}

// analyzedFromHistory builds the WebSocket form of the fixture dataframe.
func analyzedFromHistory(h apiclient.PairHistory) apiclient.AnalyzedDF {
	df := apiclient.DataFrame{Columns: h.Columns, Data: h.Data}
	for i := range h.Data {
		df.Index = append(df.Index, int64(i))
	}
	return apiclient.AnalyzedDF{
		Key: apiclient.PairKey{h.Pair, h.Timeframe, "spot"},
		DF:  df,
		LA:  apiclient.WSTime{Time: h.LastAnalyzed.Time},
	}
}

// OpenTrades returns n independent copies of the example open trade, with
// trade ids 1..n and distinct pairs, for load tests and list views.
func OpenTrades(n int) []apiclient.OpenTrade {
	tmpl, err := json.Marshal(DefaultFixtures().OpenTrades[0])
	if err != nil {
		panic(fmt.Sprintf("rpctest: encode trade: %v", err))
	}
	out := make([]apiclient.OpenTrade, n)
	for i := range out {
		if err := json.Unmarshal(tmpl, &out[i]); err != nil {
			panic(fmt.Sprintf("rpctest: decode trade: %v", err))
		}
		base := "C" + strconv.Itoa(i+1)
		out[i].TradeID = i + 1
		out[i].Pair, out[i].BaseCurrency = base+"/BTC", base
		for j := range out[i].Orders {
			out[i].Orders[j].Pair = out[i].Pair
		}
	}
	return out
}
