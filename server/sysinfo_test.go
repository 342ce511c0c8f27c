package server

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
	"time"
)

const statA = `cpu  100 0 100 800 0 0 0 0 0 0
cpu0 50 0 50 400 0 0 0 0 0 0
cpu1 50 0 50 400 0 0 0 0 0 0
intr 12345
`

const statB = `cpu  300 0 100 1200 0 0 0 0 0 0
cpu0 150 0 50 500 0 0 0 0 0 0
cpu1 50 0 50 700 100 0 0 0 0 0
`

const meminfo = `MemTotal:       16000000 kB
MemFree:         1000000 kB
MemAvailable:   12000000 kB
`

// fakeProc writes /proc files and lets a test swap /proc/stat.
func fakeProc(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "stat"), statA)
	writeFile(t, filepath.Join(dir, "meminfo"), meminfo)
	return dir
}

// TestSysInfoSampler: two samples → per-core busy %, RAM from MemAvailable,
// cached for a second, no sleeping after the first answer.
func TestSysInfoSampler(t *testing.T) {
	t.Parallel()
	dir := fakeProc(t)
	now := time.Unix(1000, 0)
	c := newCPUSampler(dir, func() time.Time { return now }, sampleWindow)
	sleeps := 0
	c.sleep = func(_ context.Context, d time.Duration) error {
		sleeps++
		writeFile(t, filepath.Join(dir, "stat"), statB) // the window passes
		now = now.Add(d)
		return nil
	}
	got, err := c.sysInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// cpu0: busy +100 of +200 → 50 %; cpu1: busy 0 of +400 → 0 %.
	if !reflect.DeepEqual(got.CPUPct, []float64{50, 0}) || got.RAMPct != 25 {
		t.Fatalf("sysinfo %+v", got)
	}
	writeFile(t, filepath.Join(dir, "stat"), statA)
	again, _ := c.sysInfo(context.Background())
	if !reflect.DeepEqual(again, got) || sleeps != 1 {
		t.Fatalf("cached answer %+v (sleeps %d)", again, sleeps)
	}
	now = now.Add(2 * time.Second)
	writeFile(t, filepath.Join(dir, "stat"), statB)
	if _, err := c.sysInfo(context.Background()); err != nil || sleeps != 1 {
		t.Fatalf("warm answer slept: %v, sleeps %d", err, sleeps)
	}
}

func TestSysInfoErrors(t *testing.T) {
	t.Parallel()
	if _, err := parseStat([]byte("intr 1\n")); err == nil {
		t.Fatal("no cpu lines accepted")
	}
	if _, err := parseStat([]byte("cpu0 1 x 3 4\n")); err == nil {
		t.Fatal("bad number accepted")
	}
	if _, err := parseMeminfo([]byte("MemFree: 1 kB\n")); err == nil {
		t.Fatal("no MemTotal accepted")
	}
	c := newCPUSampler(t.TempDir(), time.Now, 0)
	if _, err := c.sysInfo(context.Background()); err == nil {
		t.Fatal("missing /proc accepted")
	}
}

// TestSysInfoThisMachine reads the real /proc on Linux.
func TestSysInfoThisMachine(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/proc/stat"); runtime.GOOS != "linux" || err != nil {
		t.Skip("needs Linux /proc")
	}
	c := newCPUSampler(procRoot, time.Now, 10*time.Millisecond)
	got, err := c.sysInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got.CPUPct) == 0 || got.RAMPct <= 0 || got.RAMPct > 100 {
		t.Fatalf("sysinfo %+v", got)
	}
	for _, p := range got.CPUPct {
		if p < 0 || p > 100 {
			t.Fatalf("cpu %% %v", got.CPUPct)
		}
	}
}
