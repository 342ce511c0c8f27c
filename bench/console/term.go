package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/freqdeck/freqdeck/tui/termrt/vtest"
)

// session is the console running in a pseudo-terminal (util-linux script
// gives it one), with its output recorded as it arrives.
type session struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	started time.Time

	mu      sync.Mutex
	raw     int           // bytes written by the console
	screen  *vtest.Screen // what its terminal shows
	chunks  int
	changed chan struct{}
	done    chan struct{}
}

// startSession runs bin in a w×h pseudo-terminal with env added to the
// current environment.
func startSession(bin string, w, h int, env []string) (*session, error) {
	script := fmt.Sprintf("stty cols %d rows %d; exec %s", w, h, shellQuote(bin))
	cmd := exec.Command("script", "-qfec", script, "/dev/null")
	cmd.Env = append(append(os.Environ(), "TERM=xterm-256color"), env...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	s := &session{cmd: cmd, stdin: stdin, changed: make(chan struct{}), done: make(chan struct{}), screen: vtest.New(w, h)}
	s.started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go s.read(stdout)
	return s, nil
}

func (s *session) read(r io.Reader) {
	defer close(s.done)
	buf := make([]byte, 64<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			s.answerQueries(buf[:n])
			s.mu.Lock()
			s.raw += n
			s.screen.Write(string(buf[:n]))
			s.chunks++
			close(s.changed)
			s.changed = make(chan struct{})
			s.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// answerQueries answers the terminal queries a real terminal would: the
// background colour (OSC 11) and the cursor position (DSR).
func (s *session) answerQueries(chunk []byte) {
	if bytes.Contains(chunk, []byte("\x1b]11;?")) {
		_, _ = s.stdin.Write([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\"))
	}
	if bytes.Contains(chunk, []byte("\x1b[6n")) {
		_, _ = s.stdin.Write([]byte("\x1b[1;1R"))
	}
}

// text is what the terminal shows now.
func (s *session) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.screen.Lines(), "\n")
}

// waitFor waits until the terminal shows text (the console draws each
// line from its first changed cell, so a stream of the text it wrote would
// not hold it whole) and returns when it was seen.
func (s *session) waitFor(text string, timeout time.Duration) (time.Time, error) {
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		seen, ch := strings.Contains(strings.Join(s.screen.Lines(), "\n"), text), s.changed
		s.mu.Unlock()
		if seen {
			return time.Now(), nil
		}
		select {
		case <-ch:
		case <-s.done:
			return time.Time{}, fmt.Errorf("console exited before showing %q", text)
		case <-deadline:
			return time.Time{}, fmt.Errorf("timed out waiting for %q; the screen shows:\n%s", text, s.text())
		}
	}
}

// size returns the bytes and chunks written so far.
func (s *session) size() (int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.raw, s.chunks
}

// quit presses q and waits for the console to exit. A console still
// running after quitWait gets SIGQUIT, so its goroutine dump (on the screen
// output) shows what it waits for.
func (s *session) quit() error {
	pid, _ := s.consolePID()
	_, _ = s.stdin.Write([]byte("q"))
	select {
	case <-s.done:
	case <-time.After(quitWait):
		if pid > 0 {
			_ = syscall.Kill(pid, syscall.SIGQUIT)
		}
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			_ = s.cmd.Process.Kill()
			<-s.done
		}
	}
	if err := s.cmd.Wait(); err != nil {
		return fmt.Errorf("%w; the screen shows:\n%s", err, s.text())
	}
	return nil
}

// quitWait is how long a console may take to quit.
const quitWait = 3 * time.Second

// consolePID finds the console's process: the child of script.
func (s *session) consolePID() (int, error) {
	pid := s.cmd.Process.Pid
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
	if err != nil {
		return 0, err
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return 0, fmt.Errorf("script has no child")
	}
	return strconv.Atoi(f[0])
}

// cpuTicks is utime+stime of pid in clock ticks.
func cpuTicks(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return utime + stime, nil
}

// procStatus reads a "Key: value kB" field of /proc/pid/status in MB.
func procStatus(pid int, key string) (float64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, key+":"); ok {
			f := strings.Fields(rest)
			kb, err := strconv.ParseFloat(f[0], 64)
			return kb / 1024, err
		}
	}
	return 0, fmt.Errorf("%s not in /proc/%d/status", key, pid)
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// stateEnv gives the console a private state directory.
func stateEnv(dir string) []string {
	return []string{"XDG_STATE_HOME=" + filepath.Join(dir, "state"), "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "HOME=" + dir}
}
