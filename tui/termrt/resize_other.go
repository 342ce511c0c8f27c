//go:build !unix

package termrt

import "os"

// resizeSignals reports nothing where there is no SIGWINCH.
func resizeSignals() (<-chan os.Signal, func()) { return nil, func() {} }
