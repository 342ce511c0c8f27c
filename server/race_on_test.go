//go:build race

package server

// raceEnabled is true in a -race build: timing bounds are not asserted.
const raceEnabled = true
