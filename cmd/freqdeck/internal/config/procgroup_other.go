//go:build !unix

package config

import "os/exec"

// ownGroup does nothing where there are no process groups: cancelling
// cmd kills the shell only.
func ownGroup(*exec.Cmd) {}
