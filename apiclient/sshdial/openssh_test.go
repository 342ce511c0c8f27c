package sshdial_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"golang.org/x/crypto/ssh"
)

// openSSH is a real OpenSSH sshd on 127.0.0.1 and an ssh-agent holding the
// client's key, all in a temporary directory.
type openSSH struct {
	port    int
	hostKey ssh.PublicKey
	agent   string // SSH_AUTH_SOCK
	user    string
}

// lookOpenSSH finds sshd, ssh-agent and ssh-add, or skips the test when
// they are not installed. .ci/run installs them and sets
// FREQDECK_REQUIRE_OPENSSH, which makes their absence a failure instead.
func lookOpenSSH(t testing.TB) (sshd, agent, add string) {
	t.Helper()
	sshd, err := exec.LookPath("sshd")
	if err != nil {
		sshd = "/usr/sbin/sshd"
		if _, serr := os.Stat(sshd); serr != nil {
			missingOpenSSH(t, "OpenSSH's sshd is not installed (apt-get install openssh-server)")
		}
	}
	agent, err1 := exec.LookPath("ssh-agent")
	add, err2 := exec.LookPath("ssh-add")
	if err1 != nil || err2 != nil {
		missingOpenSSH(t, "ssh-agent or ssh-add is not installed (apt-get install openssh-client)")
	}
	return sshd, agent, add
}

func missingOpenSSH(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("FREQDECK_REQUIRE_OPENSSH") != "" {
		t.Fatal(why + ", and FREQDECK_REQUIRE_OPENSSH is set")
	}
	t.Skip("skipped: " + why)
}

// startOpenSSH starts sshd and ssh-agent for the test.
func startOpenSSH(t testing.TB) *openSSH {
	t.Helper()
	sshdBin, agentBin, addBin := lookOpenSSH(t)
	dir := t.TempDir()
	hostPriv, hostPub := newKey(t)
	writeKeyFile(t, filepath.Join(dir, "host_ed25519"), hostPriv, "")
	userPriv, userPub := newKey(t)
	writeKeyFile(t, filepath.Join(dir, "id_user"), userPriv, "")
	writeFile(t, filepath.Join(dir, "authorized_keys"), string(ssh.MarshalAuthorizedKey(userPub)))
	me, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		// sshd running as root insists on its privilege separation directory,
		// which only the service's start-up creates.
		if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
			t.Fatalf("sshd needs /run/sshd: %v", err)
		}
	}
	port := freePort(t)
	writeFile(t, filepath.Join(dir, "sshd_config"), strings.Join([]string{
		"ListenAddress 127.0.0.1",
		fmt.Sprintf("Port %d", port),
		"HostKey " + filepath.Join(dir, "host_ed25519"),
		"AuthorizedKeysFile " + filepath.Join(dir, "authorized_keys"),
		"PidFile none",
		"StrictModes no",
		"UsePAM no",
		"PubkeyAuthentication yes",
		"PasswordAuthentication no",
		"KbdInteractiveAuthentication no",
		"PermitRootLogin prohibit-password",
		"AllowTcpForwarding yes",
		"LogLevel VERBOSE",
	}, "\n")+"\n")
	sshd := exec.Command(sshdBin, "-D", "-e", "-f", filepath.Join(dir, "sshd_config"))
	waitOutput(t, sshd, true, "Server listening on 127.0.0.1 port")

	sock := filepath.Join(dir, "agent.sock")
	agent := exec.Command(agentBin, "-D", "-a", sock)
	waitOutput(t, agent, false, "SSH_AUTH_SOCK=")
	add := exec.Command(addBin, filepath.Join(dir, "id_user"))
	add.Env = append(os.Environ(), "SSH_AUTH_SOCK="+sock)
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("ssh-add: %v\n%s", err, out)
	}
	return &openSSH{port: port, hostKey: hostPub, agent: sock, user: me.Username}
}

// waitOutput starts cmd and waits until a line of its stderr (or stdout)
// contains ready; the process is killed at cleanup, and its output is
// logged if the test fails.
func waitOutput(t testing.TB, cmd *exec.Cmd, stderr bool, ready string) {
	t.Helper()
	var pipe io.ReadCloser
	var err error
	if stderr {
		pipe, err = cmd.StderrPipe()
	} else {
		pipe, err = cmd.StdoutPipe()
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", cmd.Path, err)
	}
	var mu sync.Mutex
	var log []string
	found := make(chan bool, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(pipe)
		signalled := false
		for sc.Scan() {
			mu.Lock()
			log = append(log, sc.Text())
			mu.Unlock()
			if !signalled && strings.Contains(sc.Text(), ready) {
				signalled = true
				found <- true
			}
		}
		if !signalled {
			found <- false
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-done
		_ = cmd.Wait()
		if t.Failed() {
			mu.Lock()
			t.Logf("%s output:\n%s", filepath.Base(cmd.Path), strings.Join(log, "\n"))
			mu.Unlock()
		}
	})
	if !<-found {
		t.Fatalf("%s exited before saying %q", cmd.Path, ready)
	}
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// TestOpenSSH reaches a freqdeck API behind a real sshd through the agent:
// the host key is unknown at first, trusted, then REST and the WebSocket
// go through one SSH connection.
func TestOpenSSH(t *testing.T) {
	t.Parallel()
	o := startOpenSSH(t)
	ts, bot := freqdeckBot(t)
	e := newEnv(t)
	e.env["SSH_AUTH_SOCK"] = o.agent
	e.opts.LocalUser = o.user
	e.config("Host vps", "  HostName 127.0.0.1", fmt.Sprintf("  Port %d", o.port))
	p := e.pool()
	h := host(t, p, "vps")

	st := waitPhase(t, h, sshdial.PhaseHostKeyUnknown)
	var unknown *sshdial.HostKeyUnknownError
	if !errors.As(st.Err, &unknown) || unknown.Fingerprint() != ssh.FingerprintSHA256(o.hostKey) {
		t.Fatalf("state %q (%v), want sshd's key %s", st, st.Err, ssh.FingerprintSHA256(o.hostKey))
	}
	if err := p.Trust(unknown); err != nil {
		t.Fatal(err)
	}
	waitPhase(t, h, sshdial.PhaseConnected)

	useBot(t, h, ts, bot, nil)

	// A second connection trusts the written (hashed) line at once.
	p2 := e.pool()
	waitPhase(t, host(t, p2, "vps"), sshdial.PhaseConnected)
}
