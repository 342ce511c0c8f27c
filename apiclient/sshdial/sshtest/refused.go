package sshtest

import (
	"syscall"
	"testing"
)

// RefusedPort returns a port on 127.0.0.1 that refuses connections for the
// rest of the test: a socket is bound to it and never listens, so no other
// test can take the port in the meantime (a port merely free a moment ago
// may be taken by a parallel test, which then answers instead of refusing).
func RefusedPort(t testing.TB) int {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	in4, ok := sa.(*syscall.SockaddrInet4)
	if !ok {
		t.Fatalf("getsockname: %T", sa)
	}
	return in4.Port
}
