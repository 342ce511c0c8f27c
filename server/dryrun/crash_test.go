package dryrun

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/store"
)

// crashEnv names the database the child process trades into.
const crashEnv = "FREQDECK_DRYRUN_CRASH_DB"

// crashChild runs the bot as fast as it can and prints every fill it
// reports, as it receives it from Events: "FILL <type> <trade id> <amount>
// <final>". It never returns; the parent kills it.
func crashChild(dbPath string) {
	cfg := DefaultConfig()
	cfg.Market.Speed = 3e6
	cfg.OrderTypes.Entry, cfg.OrderTypes.Exit = "market", "market"
	cfg.MinimalROI = map[string]float64{"0": 0.004}
	cfg.Stoploss = -0.004
	b, err := New(context.Background(), cfg, WithDBPath(dbPath))
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(2)
	}
	go func() { _ = b.Run(context.Background()) }()
	for m := range b.Events() {
		switch e := m.(type) {
		case apiclient.EntryMsg:
			if e.Type == apiclient.MsgEntryFill {
				fmt.Printf("FILL entry %d %v false\n", e.TradeID, e.Amount)
			}
		case apiclient.ExitMsg:
			if e.Type == apiclient.MsgExitFill {
				fmt.Printf("FILL exit %d %v %v\n", e.TradeID, e.Amount, e.IsFinalExit)
			}
		}
	}
}

// reportedFill is one fill line of the child.
type reportedFill struct {
	entry   bool
	tradeID int
	amount  float64
	final   bool
}

func parseFill(line string) (reportedFill, bool) {
	f := strings.Fields(line)
	if len(f) != 5 || f[0] != "FILL" {
		return reportedFill{}, false
	}
	id, err1 := strconv.Atoi(f[2])
	amount, err2 := strconv.ParseFloat(f[3], 64)
	if err1 != nil || err2 != nil {
		return reportedFill{}, false
	}
	return reportedFill{entry: f[1] == "entry", tradeID: id, amount: amount, final: f[4] == "true"}, true
}

// TestCrashKeepsReportedFills kills a trading bot with SIGKILL and checks
// that every fill it had reported is in the database.
func TestCrashKeepsReportedFills(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(path)
		return
	}
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL semantics")
	}
	t.Parallel()
	db := filepath.Join(t.TempDir(), "crash.sqlite")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashKeepsReportedFills$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+db)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	fills := readFills(t, out, 25, 60*time.Second)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if len(fills) < 25 {
		t.Fatalf("the child reported only %d fills", len(fills))
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	trades, err := s.Trades(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int]*store.Trade{}
	for _, tr := range trades {
		byID[tr.ID] = tr
	}
	for _, f := range fills {
		if err := checkStored(byID[f.tradeID], f); err != nil {
			t.Errorf("reported fill %+v: %v", f, err)
		}
	}
}

// readFills collects up to n fills from the child's output.
func readFills(t *testing.T, out interface{ Read([]byte) (int, error) }, n int, timeout time.Duration) []reportedFill {
	t.Helper()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var fills []reportedFill
	deadline := time.After(timeout)
	for len(fills) < n {
		select {
		case line, ok := <-lines:
			if !ok {
				return fills
			}
			if f, ok := parseFill(line); ok {
				fills = append(fills, f)
			} else if strings.HasPrefix(line, "ERROR") {
				t.Fatal(line)
			}
		case <-deadline:
			return fills
		}
	}
	go func() { // keep the pipe drained until the child dies
		for range lines {
		}
	}()
	return fills
}

// checkStored reports whether the trade holds a filled order matching f.
func checkStored(tr *store.Trade, f reportedFill) error {
	if tr == nil {
		return fmt.Errorf("trade %d is missing", f.tradeID)
	}
	side := "sell"
	if f.entry {
		side = "buy"
	}
	for _, o := range tr.Orders {
		if o.Side == side && !o.IsOpen && o.Filled != nil && math.Abs(*o.Filled-f.amount) < 1e-8 {
			if f.final && tr.IsOpen {
				return fmt.Errorf("the final exit is stored but the trade is open")
			}
			return nil
		}
	}
	return fmt.Errorf("no filled %s order of %v in %d orders", side, f.amount, len(tr.Orders))
}
