// Command console measures the freqdeck console against DESIGN.md's
// performance targets, in a real pseudo-terminal (util-linux script):
//
//   - startup: start to first frame, embedded mode (≤ 300 ms);
//   - latency: a server event → the console's screen, loopback (p95 ≤ 50 ms);
//   - burst:   a burst of events: refetches of /status per 100 ms (≤ 1) and
//     the last event → screen;
//   - idle:    CPU of a console whose data does not change (≤ 0.5 % of a core);
//   - bytes:   bytes written to the terminal at steady state compared with a
//     full repaint on each update (≤ 10 %): rates moving with a log line
//     every 2 s, then -lines log lines a second;
//   - rss:     memory with 10,000 log lines and 2,000 closed trades (≤ 60 MB);
//   - switch:  bytes written and time to the new screen on switching screens;
//   - rss-history: memory with 10,000 closed trades paged into the history
//     screen (≤ 80 MB);
//   - requests: requests a minute one idle freqtrade-like bot gets, counted
//     at the server (≤ 12), without and with open trades (-idle 3m);
//   - fleet:   -bots freqtrade-like bots in one console, idle: CPU (≤ 1 %),
//     RSS (≤ 80 MB) and requests a minute per bot, desk then overview.
//
// View() time is a Go benchmark: go test ./tui -bench 'RootView|OverviewView'
// (cold: drawn again; cached: nothing changed). The /status path, cache
// hit and invalidated on every tick: go test ./server -bench Status50.
//
// Usage, from the repository root:
//
//	go run ./bench/console                 # everything
//	go run ./bench/console -run latency -n 100
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

// config holds the flags.
type config struct {
	bin    string
	repo   string
	width  int
	height int
	n      int
	idle   time.Duration
	lines  float64
	bots   int
	tmp    string
}

func main() {
	var cfg config
	run := flag.String("run", "startup,latency,burst,idle,bytes,rss,switch,rss-history", "comma-separated scenarios")
	flag.StringVar(&cfg.bin, "bin", "", "freqdeck binary (default: build ./cmd/freqdeck)")
	flag.StringVar(&cfg.repo, "repo", ".", "repository root")
	flag.IntVar(&cfg.width, "width", 120, "terminal width")
	flag.IntVar(&cfg.height, "height", 40, "terminal height")
	flag.IntVar(&cfg.n, "n", 50, "samples for startup (n/5) and latency")
	flag.DurationVar(&cfg.idle, "idle", 30*time.Second, "measuring window of idle, bytes, requests and fleet")
	flag.Float64Var(&cfg.lines, "lines", 4, "log lines a second of the bytes scenario's busy bot")
	flag.IntVar(&cfg.bots, "bots", 20, "bots of the fleet scenarios")
	flag.Parse()
	if err := mainErr(cfg, strings.Split(*run, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "bench/console:", err)
		os.Exit(1)
	}
}

func mainErr(cfg config, scenarios []string) error {
	tmp, err := os.MkdirTemp("", "freqdeck-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	cfg.tmp = tmp
	if cfg.bin == "" {
		if cfg.bin, err = buildConsole(cfg.repo, tmp); err != nil {
			return err
		}
	}
	all := map[string]func(context.Context, config) error{
		"startup": benchStartup, "requests": benchRequests, "fleet": benchFleet, "latency": benchLatency, "burst": benchBurst, "idle": benchIdle, "bytes": benchBytes, "rss": benchRSS,
		"switch": benchSwitch, "rss-history": benchHistoryRSS,
	}
	ctx := context.Background()
	for _, name := range scenarios {
		fn, ok := all[strings.TrimSpace(name)]
		if !ok {
			return fmt.Errorf("unknown scenario %q", name)
		}
		if err := fn(ctx, cfg); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// stats summarises durations.
func stats(d []time.Duration) string {
	s := slices.Clone(d)
	slices.Sort(s)
	pct := func(p float64) time.Duration { return s[min(int(p*float64(len(s))), len(s)-1)] }
	return fmt.Sprintf("n=%d min=%s p50=%s p95=%s max=%s", len(s), ms(s[0]), ms(pct(0.5)), ms(pct(0.95)), ms(s[len(s)-1]))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }

// clockTicks is the kernel's USER_HZ.
func clockTicks() float64 {
	out, err := exec.Command("getconf", "CLK_TCK").Output()
	if err != nil {
		return 100
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
	if err != nil || v <= 0 {
		return 100
	}
	return v
}
