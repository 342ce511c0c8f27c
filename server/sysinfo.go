package server

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
)

// sampleWindow is the gap between the two /proc/stat samples of a cold
// start; afterwards each answer measures since the previous sample, and
// answers are cached for cacheTTL so a burst of requests reads /proc once.
const (
	sampleWindow = 250 * time.Millisecond
	cacheTTL     = time.Second
)

// cpuTimes is one CPU line of /proc/stat: busy and total jiffies.
type cpuTimes struct{ busy, total uint64 }

// cpuSampler computes per-core CPU % from /proc/stat deltas and RAM % from
// /proc/meminfo, without blocking each request for a second as psutil does.
type cpuSampler struct {
	root   string
	now    func() time.Time
	window time.Duration
	sleep  func(ctx context.Context, d time.Duration) error

	mu     sync.Mutex
	prev   []cpuTimes
	last   apiclient.SysInfo
	lastAt time.Time
}

func newCPUSampler(root string, now func() time.Time, window time.Duration) *cpuSampler {
	return &cpuSampler{root: root, now: now, window: window, sleep: sleepCtx}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("sysinfo: %w", ctx.Err())
	}
}

// sysInfo answers /sysinfo.
func (c *cpuSampler) sysInfo(ctx context.Context) (apiclient.SysInfo, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.lastAt.IsZero() && c.now().Sub(c.lastAt) < cacheTTL {
		return c.last, nil
	}
	if c.prev == nil {
		first, err := c.readStat()
		if err != nil {
			return apiclient.SysInfo{}, err
		}
		c.prev = first
		if err := c.sleep(ctx, c.window); err != nil {
			return apiclient.SysInfo{}, err
		}
	}
	cur, err := c.readStat()
	if err != nil {
		return apiclient.SysInfo{}, err
	}
	ram, err := c.readRAM()
	if err != nil {
		return apiclient.SysInfo{}, err
	}
	c.last = apiclient.SysInfo{CPUPct: cpuPercents(c.prev, cur), RAMPct: ram}
	c.prev, c.lastAt = cur, c.now()
	return c.last, nil
}

func (c *cpuSampler) readStat() ([]cpuTimes, error) {
	b, err := os.ReadFile(filepath.Join(c.root, "stat"))
	if err != nil {
		return nil, fmt.Errorf("sysinfo: %w", err)
	}
	return parseStat(b)
}

func (c *cpuSampler) readRAM() (float64, error) {
	b, err := os.ReadFile(filepath.Join(c.root, "meminfo"))
	if err != nil {
		return 0, fmt.Errorf("sysinfo: %w", err)
	}
	return parseMeminfo(b)
}

// parseStat reads the per-core "cpuN" lines of /proc/stat.
func parseStat(b []byte) ([]cpuTimes, error) {
	var out []cpuTimes
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 5 || !strings.HasPrefix(f[0], "cpu") || f[0] == "cpu" {
			continue
		}
		var t cpuTimes
		for i, s := range f[1:] {
			n, err := strconv.ParseUint(s, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("sysinfo: /proc/stat %s: %w", f[0], err)
			}
			if i >= 8 { // guest times are already counted in user/nice
				break
			}
			t.total += n
			if i != 3 && i != 4 { // idle and iowait are not busy
				t.busy += n
			}
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("sysinfo: no cpu lines in /proc/stat")
	}
	return out, nil
}

// cpuPercents turns two samples into busy % per core, rounded to 0.1 as
// psutil reports it.
func cpuPercents(prev, cur []cpuTimes) []float64 {
	out := make([]float64, len(cur))
	for i, c := range cur {
		if i >= len(prev) || c.total <= prev[i].total || c.busy < prev[i].busy {
			continue
		}
		pct := 100 * float64(c.busy-prev[i].busy) / float64(c.total-prev[i].total)
		out[i] = math.Round(min(pct, 100)*10) / 10
	}
	return out
}

// parseMeminfo returns the used RAM % as psutil computes it:
// (MemTotal - MemAvailable) / MemTotal.
func parseMeminfo(b []byte) (float64, error) {
	var total, avail float64
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			continue
		}
		n, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			continue
		}
		switch f[0] {
		case "MemTotal:":
			total = n
		case "MemAvailable:":
			avail = n
		}
	}
	if total <= 0 {
		return 0, fmt.Errorf("sysinfo: no MemTotal in /proc/meminfo")
	}
	return math.Round((total-avail)/total*1000) / 10, nil
}
