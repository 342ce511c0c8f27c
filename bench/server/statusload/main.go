// Command statusload measures GET /api/v1/status throughput: it starts the
// API server in-process over the rpctest fake bot holding N open trades on
// 127.0.0.1, logs in for a JWT, and runs wrk with the Bearer header.
//
//	go run ./bench/server/statusload -trades 50 -procs 2 -duration 10s
//
// Pin the whole run to two cores with taskset to match the target
// ("≥ 5,000 requests/s on 2 cores"): taskset -c 0,1 go run ...
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

func main() {
	trades := flag.Int("trades", 50, "open trades returned by /status")
	procs := flag.Int("procs", 2, "GOMAXPROCS of the server")
	duration := flag.Duration("duration", 10*time.Second, "wrk duration")
	conns := flag.Int("conns", 32, "wrk connections")
	threads := flag.Int("threads", 1, "wrk threads")
	wrk := flag.String("wrk", "wrk", "wrk binary (apt-get install -y wrk)")
	flag.Parse()
	if err := run(*trades, *procs, *duration, *conns, *threads, *wrk); err != nil {
		fmt.Fprintln(os.Stderr, "statusload:", err)
		os.Exit(1)
	}
}

func run(trades, procs int, duration time.Duration, conns, threads int, wrk string) error {
	runtime.GOMAXPROCS(procs)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done, err := startServer(ctx, trades)
	if err != nil {
		return err
	}
	token, err := loginAndCheck(ctx, base, trades)
	if err != nil {
		return err
	}
	fmt.Printf("server on %s, GOMAXPROCS=%d, %d open trades, Bearer auth\n", base, procs, trades)
	cmd := exec.CommandContext(ctx, wrk, "-t", strconv.Itoa(threads), "-c", strconv.Itoa(conns),
		"-d", duration.String(), "--latency", "-H", "Authorization: Bearer "+token, base+"/api/v1/status")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.MultiWriter(os.Stdout, &out), os.Stderr
	before := cpuTime()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("wrk: %w", err)
	}
	reportCPU(out.String(), cpuTime()-before, procs)
	cancel()
	return <-done
}

// cpuTime is this process's user+system CPU time (the server; wrk is a
// child and not counted).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU prints the server's CPU cost per request and the throughput
// that cost allows on procs dedicated cores (an upper bound: wrk and other
// processes share the machine during the run).
func reportCPU(wrkOut string, cpu time.Duration, procs int) {
	m := regexp.MustCompile(`(\d+) requests in`).FindStringSubmatch(wrkOut)
	if m == nil || cpu <= 0 {
		return
	}
	n, _ := strconv.Atoi(m[1])
	per := cpu / time.Duration(max(n, 1))
	fmt.Printf("server CPU: %v for %d requests = %v per request; %d dedicated cores would allow ~%.0f req/s\n",
		cpu.Round(time.Millisecond), n, per.Round(time.Microsecond), procs, float64(procs)*float64(time.Second)/float64(per))
}

// startServer serves the fake bot with n open trades on 127.0.0.1.
func startServer(ctx context.Context, n int) (string, <-chan error, error) {
	bot := rpctest.New()
	bot.Update(func(f *rpctest.Fixtures) { f.OpenTrades = rpctest.OpenTrades(n) })
	srv, err := server.New(bot, server.Config{Username: "bench", Password: "bench-password", JWTSecret: "bench-secret-0123456789"})
	if err != nil {
		return "", nil, err
	}
	ready := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe(ctx, "127.0.0.1:0", func(a net.Addr) { ready <- a }) }()
	select {
	case addr := <-ready:
		return "http://" + addr.String(), done, nil
	case err := <-done:
		return "", nil, err
	}
}

// loginAndCheck gets an access token and checks /status answers n trades.
func loginAndCheck(ctx context.Context, base string, n int) (string, error) {
	c, err := apiclient.New(base, apiclient.WithBasicAuth("bench", "bench-password"))
	if err != nil {
		return "", err
	}
	tok, err := c.Login(ctx)
	if err != nil {
		return "", fmt.Errorf("login: %w", err)
	}
	status, err := apiclient.New(base, apiclient.WithTokens(tok))
	if err != nil {
		return "", err
	}
	open, err := status.Status(ctx)
	if err != nil || len(open) != n {
		return "", fmt.Errorf("status check: %d trades, %v", len(open), err)
	}
	return tok.AccessToken, nil
}
