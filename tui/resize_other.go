//go:build !unix

package tui

import "os"

// resizeSignals reports nothing where there is no SIGWINCH.
func resizeSignals() (<-chan os.Signal, func()) { return nil, func() {} }
