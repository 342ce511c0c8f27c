// Package sshtest holds the SSH test fixtures of freqdeck's tests: an
// in-process SSH server on 127.0.0.1 (public-key auth, direct-tcpip
// forwarding to 127.0.0.1, OpenSSH's keepalives), fresh keys written in
// OpenSSH's format, an in-memory ssh-agent on a unix socket, and a real
// OpenSSH sshd and ssh-agent started in a temporary directory.
//
// Every fixture is stopped at the test's cleanup. Nothing here listens on
// anything but 127.0.0.1 and unix sockets in t.TempDir(), or reads the real
// ~/.ssh. It imports no other freqdeck package.
package sshtest
