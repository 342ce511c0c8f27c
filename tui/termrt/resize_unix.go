//go:build unix

package termrt

import (
	"os"
	"os/signal"
	"syscall"
)

// resizeSignals reports terminal resizes (SIGWINCH).
func resizeSignals() (<-chan os.Signal, func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGWINCH)
	return ch, func() { signal.Stop(ch) }
}
