package feed

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
)

// resource is one REST resource the feed keeps fresh.
type resource uint8

// The resources, in the order they are fetched and named.
const (
	resConfig resource = iota
	resStatus
	resCount
	resProfit
	resLocks
	resBalance
	resWhitelist
	numResources
)

// String returns the route of the resource.
func (r resource) String() string {
	switch r {
	case resConfig:
		return "/show_config"
	case resStatus:
		return "/status"
	case resCount:
		return "/count"
	case resProfit:
		return "/profit"
	case resLocks:
		return "/locks"
	case resBalance:
		return "/balance"
	case resWhitelist:
		return "/whitelist"
	case numResources:
	}
	return "?"
}

// Resources is a set of the REST resources a feed keeps fresh.
type Resources uint16

// The sets an action names for its refetch.
const (
	// TradeData is what trades change: /status, /count and /profit. Entry
	// and exit events refetch it.
	TradeData Resources = 1<<resStatus | 1<<resCount | 1<<resProfit
	// ConfigData is /show_config, which holds the bot's state.
	ConfigData Resources = 1 << resConfig
	// LockData is /locks.
	LockData Resources = 1 << resLocks
	// WhitelistData is /whitelist.
	WhitelistData Resources = 1 << resWhitelist
	// BalanceData is /balance, which fills change.
	BalanceData Resources = 1 << resBalance
)

// The feed's own sets.
const (
	// allResources is everything, for the first fetch and after a gap.
	allResources = TradeData | ConfigData | LockData | WhitelistData | BalanceData
	// statusData is /status, polled while trades are open.
	statusData Resources = 1 << resStatus
	// safetyResources is the safety-net poll while the WebSocket is live.
	safetyResources = statusData | LockData | BalanceData
)

// has reports whether r is in s.
func (s Resources) has(r resource) bool { return s&(1<<r) != 0 }

// String lists the routes of s.
func (s Resources) String() string {
	var names []string
	for r := range numResources {
		if s.has(r) {
			names = append(names, r.String())
		}
	}
	return strings.Join(names, " ")
}

// fetchRequest says what one fetch command asks for. Poll is set on the
// slow poll chain, whose tag decides whether the result re-arms it.
type fetchRequest struct {
	seq  uint64
	want Resources
	poll bool
	tag  int
}

// fetchResults are the answers of one fetch; errs[r] is set for each
// resource that failed.
type fetchResults struct {
	config    apiclient.ShowConfig
	trades    []apiclient.OpenTrade
	count     apiclient.Count
	profit    apiclient.Profit
	locks     apiclient.Locks
	balance   apiclient.Balances
	whitelist apiclient.Whitelist
	errs      [numResources]error
	// countStopped: /count said "trader is not running" (a stopped bot).
	countStopped bool
}

// notRunning reports whether err is freqtrade's answer of a stopped bot to
// /count: 502 "Error querying /api/v1/count: trader is not running".
func notRunning(err error) bool {
	var e *apiclient.APIError
	return errors.As(err, &e) && e.Status == http.StatusBadGateway && strings.HasSuffix(e.Message, "trader is not running")
}

// fetchedMsg is the result of fetchCmd.
type fetchedMsg struct {
	origin
	req fetchRequest
	res *fetchResults
}

// fetchCmd fetches the wanted resources concurrently and returns one
// fetchedMsg. It takes everything it needs as values.
func fetchCmd(ctx context.Context, o origin, api Source, timeout time.Duration, req fetchRequest) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		res := &fetchResults{}
		var wg sync.WaitGroup
		for r := range numResources {
			if req.want.has(r) {
				wg.Go(func() { res.errs[r] = res.fetch(ctx, api, r) })
			}
		}
		wg.Wait()
		return fetchedMsg{origin: o, req: req, res: res}
	}
}

// fetch fills in one resource. Each resource writes its own field, so the
// concurrent calls of fetchCmd never share memory.
func (f *fetchResults) fetch(ctx context.Context, api Source, r resource) error {
	var err error
	switch r {
	case resConfig:
		f.config, err = api.ShowConfig(ctx)
	case resStatus:
		f.trades, err = api.Status(ctx)
	case resCount:
		f.count, err = api.Count(ctx)
		if notRunning(err) {
			// A stopped freqtrade answers /count with this 502 only: it
			// answers, and its open trades (/status) are the count.
			f.count, f.countStopped, err = apiclient.Count{}, true, nil
		}
	case resProfit:
		f.profit, err = api.Profit(ctx)
	case resLocks:
		f.locks, err = api.Locks(ctx)
	case resBalance:
		f.balance, err = api.Balance(ctx)
	case resWhitelist:
		f.whitelist, err = api.Whitelist(ctx)
	case numResources:
	}
	return err
}

// logsRequest asks for /logs; limit 0 is the whole buffer. Seq numbers it
// among the feed's requests.
type logsRequest struct {
	seq   uint64
	tag   int
	limit int
}

// logsFetchedMsg is the result of logsCmd.
type logsFetchedMsg struct {
	origin
	req  logsRequest
	logs apiclient.Logs
	err  error
}

// logsCmd fetches /logs.
func logsCmd(ctx context.Context, o origin, api Source, timeout time.Duration, req logsRequest) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		logs, err := api.Logs(ctx, req.limit)
		return logsFetchedMsg{origin: o, req: req, logs: logs, err: err}
	}
}
