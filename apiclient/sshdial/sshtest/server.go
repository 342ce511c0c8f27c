package sshtest

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// Server is an in-process SSH server on 127.0.0.1: public-key auth
// against a fixed set of keys, direct-tcpip forwarding to 127.0.0.1 only,
// and OpenSSH's keepalive requests (answered unless muted). It counts what
// it serves, for tests to assert on.
type Server struct {
	ln     net.Listener
	signer ssh.Signer
	config *ssh.ServerConfig

	conns      atomic.Int64 // authenticated SSH connections
	tunnels    atomic.Int64 // direct-tcpip channels forwarded
	keepalives atomic.Int64 // keepalive requests received
	mute       atomic.Bool  // leave keepalives unanswered

	mu         sync.Mutex
	authorized map[string]bool
	offered    []string // fingerprints of the keys clients offered
	open       map[net.Conn]bool
	closed     bool
	wg         sync.WaitGroup
}

// NewServer starts a server with a fresh ed25519 host key that accepts the
// given client keys. It stops at cleanup.
func NewServer(t testing.TB, authorized ...ssh.PublicKey) *Server {
	t.Helper()
	return NewServerKeys(t, nil, authorized...)
}

// NewServerKeys is NewServer with extra host keys besides the ed25519 one.
func NewServerKeys(t testing.TB, extra []ssh.Signer, authorized ...ssh.PublicKey) *Server {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{signer: signer, authorized: map[string]bool{}, open: map[net.Conn]bool{}}
	for _, k := range authorized {
		s.authorized[string(k.Marshal())] = true
	}
	s.config = &ssh.ServerConfig{PublicKeyCallback: s.checkKey}
	s.config.AddHostKey(signer)
	for _, k := range extra {
		s.config.AddHostKey(k)
	}
	s.ln, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.wg.Add(1)
	go s.accept()
	t.Cleanup(s.Close)
	return s
}

func (s *Server) checkKey(_ ssh.ConnMetadata, key ssh.PublicKey) (*ssh.Permissions, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.offered = append(s.offered, ssh.FingerprintSHA256(key))
	if s.authorized[string(key.Marshal())] {
		return &ssh.Permissions{}, nil
	}
	return nil, fmt.Errorf("key not authorized")
}

// Offered returns the fingerprints of the client keys offered so far.
func (s *Server) Offered() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.offered...)
}

// Port is the server's TCP port.
func (s *Server) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// Addr is the server's address, 127.0.0.1:port.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// KnownHostsLine is the known_hosts line for this server's ed25519 key.
func (s *Server) KnownHostsLine() string {
	return knownhosts.Line([]string{s.Addr()}, s.signer.PublicKey())
}

// HostKey is the server's ed25519 host key.
func (s *Server) HostKey() ssh.PublicKey { return s.signer.PublicKey() }

// Conns counts the authenticated SSH connections so far.
func (s *Server) Conns() int64 { return s.conns.Load() }

// Tunnels counts the direct-tcpip channels forwarded so far.
func (s *Server) Tunnels() int64 { return s.tunnels.Load() }

// Keepalives counts the keepalive requests received so far.
func (s *Server) Keepalives() int64 { return s.keepalives.Load() }

// Mute leaves keepalives unanswered while on: a dead link.
func (s *Server) Mute(on bool) { s.mute.Store(on) }

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		if !s.track(c) {
			_ = c.Close()
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer s.untrack(c)
			s.serve(c)
		}()
	}
}

func (s *Server) track(c net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.open[c] = true
	return true
}

func (s *Server) untrack(c net.Conn) {
	s.mu.Lock()
	delete(s.open, c)
	s.mu.Unlock()
	_ = c.Close()
}

func (s *Server) serve(c net.Conn) {
	sc, chans, reqs, err := ssh.NewServerConn(c, s.config)
	if err != nil {
		return
	}
	s.conns.Add(1)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for req := range reqs {
			if req.Type == "keepalive@openssh.com" {
				s.keepalives.Add(1)
				if s.mute.Load() {
					continue // a dead link: the request is never answered
				}
			}
			_ = req.Reply(false, nil) // as OpenSSH answers keepalives
		}
	}()
	var chwg sync.WaitGroup
	for nc := range chans {
		chwg.Add(1)
		go func() {
			defer chwg.Done()
			s.forward(nc)
		}()
	}
	_ = sc.Close()
	chwg.Wait()
}

// forward serves a direct-tcpip channel, to 127.0.0.1 only.
func (s *Server) forward(nc ssh.NewChannel) {
	if nc.ChannelType() != "direct-tcpip" {
		_ = nc.Reject(ssh.UnknownChannelType, "only direct-tcpip")
		return
	}
	var p struct {
		Host     string
		Port     uint32
		OrigHost string
		OrigPort uint32
	}
	if err := ssh.Unmarshal(nc.ExtraData(), &p); err != nil || p.Host != "127.0.0.1" {
		_ = nc.Reject(ssh.Prohibited, "only 127.0.0.1")
		return
	}
	dst, err := net.Dial("tcp", net.JoinHostPort(p.Host, strconv.Itoa(int(p.Port))))
	if err != nil {
		_ = nc.Reject(ssh.ConnectionFailed, err.Error())
		return
	}
	ch, reqs, err := nc.Accept()
	if err != nil {
		_ = dst.Close()
		return
	}
	s.tunnels.Add(1)
	go ssh.DiscardRequests(reqs)
	done := make(chan struct{})
	go func() {
		_, _ = io.Copy(ch, dst)
		_ = ch.Close()
		close(done)
	}()
	_, _ = io.Copy(dst, ch)
	_ = dst.Close()
	<-done
	_ = ch.Close()
}

// DropAll cuts every open connection, as a network failure would.
func (s *Server) DropAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.open {
		_ = c.Close()
	}
}

// Close stops the server and waits for its goroutines.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	_ = s.ln.Close()
	s.DropAll()
	s.wg.Wait()
}
