package sshtest

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/ssh"
)

// RequireOpenSSHEnv, when set, turns "OpenSSH is not installed" from a
// skip into a failure: .ci/run sets it after installing OpenSSH.
const RequireOpenSSHEnv = "FREQDECK_REQUIRE_OPENSSH"

// OpenSSH is a real OpenSSH sshd on 127.0.0.1 and an ssh-agent holding the
// client's key, all in a temporary directory.
type OpenSSH struct {
	// Port is sshd's port on 127.0.0.1.
	Port int
	// HostKey is sshd's ed25519 host key.
	HostKey ssh.PublicKey
	// Agent is the ssh-agent's socket (SSH_AUTH_SOCK), holding the one key
	// sshd accepts.
	Agent string
	// User is the user to log in as: the current user.
	User string
	// Dir is the temporary directory holding the server's files.
	Dir string
}

// lookOpenSSH finds sshd, ssh-agent and ssh-add, or skips the test when
// they are not installed (fails when RequireOpenSSHEnv is set).
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
	if os.Getenv(RequireOpenSSHEnv) != "" {
		t.Fatal(why + ", and " + RequireOpenSSHEnv + " is set")
	}
	t.Skip("skipped: " + why)
}

// StartOpenSSH starts sshd (public keys only, TCP forwarding allowed) and
// an ssh-agent holding the key it accepts. Both are killed at cleanup, and
// their output is logged if the test failed.
func StartOpenSSH(t testing.TB) *OpenSSH {
	t.Helper()
	sshdBin, agentBin, addBin := lookOpenSSH(t)
	dir := t.TempDir()
	hostPriv, hostPub := NewKey(t)
	WriteKey(t, filepath.Join(dir, "host_ed25519"), hostPriv, "")
	userPriv, userPub := NewKey(t)
	WriteKey(t, filepath.Join(dir, "id_user"), userPriv, "")
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
	port := FreePort(t)
	writeFile(t, filepath.Join(dir, "sshd_config"), SSHDConfig(dir, port))
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
	return &OpenSSH{Port: port, HostKey: hostPub, Agent: sock, User: me.Username, Dir: dir}
}

// SSHDConfig is the sshd_config of a test sshd on 127.0.0.1:port whose
// host key (host_ed25519) and authorized_keys are in dir.
func SSHDConfig(dir string, port int) string {
	return strings.Join([]string{
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
	}, "\n") + "\n"
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
