package sshdial_test

import (
	"context"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient/sshdial"
	"github.com/freqdeck/freqdeck/apiclient/sshdial/sshtest"
)

func TestResolveConfig(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.config(
		"Include config.d/*.conf",
		"Host *.lan",
		"  HostName %h.example.com",
		"Host *",
		"  User fallback",
		"  ServerAliveInterval 10",
	)
	e.write("config.d/vps.conf", strings.Join([]string{
		"Host vps",
		"  HostName vps.example.net",
		"  Port 2222",
		"  User deploy",
		"  IdentityFile ~/.ssh/keys/%r@%h-%p",
		"  IdentityFile ${KEYDIR}/extra",
		"  IdentitiesOnly yes",
		"  IdentityAgent ~/.1password/agent.sock",
		"  UserKnownHostsFile ~/.ssh/kh_%n /srv/known",
		"  ServerAliveInterval 4",
		"  ServerAliveCountMax 2",
		"  ConnectTimeout 7",
		"  ProxyJump jumper@bastion:2200",
		"Host bastion",
		"  HostName 192.0.2.1",
		"  User ignored",
	}, "\n"))
	e.env["KEYDIR"] = "/keys"
	p := e.pool()

	vps, err := p.Resolve("vps")
	if err != nil {
		t.Fatal(err)
	}
	ssh := filepath.Join(e.home, ".ssh")
	want := sshdial.Target{
		Alias: "vps", HostName: "vps.example.net", Port: 2222, User: "deploy",
		IdentityFiles:      []string{ssh + "/keys/deploy@vps.example.net-2222", "/keys/extra"},
		IdentitiesExplicit: true, IdentitiesOnly: true, IdentityAgent: e.home + "/.1password/agent.sock",
		KnownHosts:       []string{ssh + "/kh_vps", "/srv/known"},
		GlobalKnownHosts: []string{e.sysDir + "/ssh_known_hosts", e.sysDir + "/ssh_known_hosts2"},
		AliveInterval:    4 * time.Second, AliveCountMax: 2, ConnectTimeout: 7 * time.Second,
	}
	jump := vps.Jump
	vps.Jump = nil
	assertTarget(t, vps, &want)
	if jump == nil || jump.HostName != "192.0.2.1" || jump.User != "jumper" || jump.Port != 2200 || jump.Jump != nil {
		t.Fatalf("jump host %+v", jump)
	}
	if vps.String() != "deploy@vps.example.net:2222" {
		t.Fatalf("String %q", vps.String())
	}

	plain, err := p.Resolve("alice@nas.lan:2200")
	if err != nil {
		t.Fatal(err)
	}
	assertTarget(t, plain, &sshdial.Target{
		Alias: "nas.lan", HostName: "nas.lan.example.com", Port: 2200, User: "alice",
		IdentityFiles:    []string{ssh + "/id_ed25519", ssh + "/id_ecdsa", ssh + "/id_rsa"},
		KnownHosts:       []string{ssh + "/known_hosts", ssh + "/known_hosts2"},
		GlobalKnownHosts: want.GlobalKnownHosts,
		AliveInterval:    10 * time.Second,
	})

	v6, err := p.Resolve("[::1]:2022")
	if err != nil {
		t.Fatal(err)
	}
	if v6.HostName != "::1" || v6.Port != 2022 || v6.User != "fallback" || v6.Addr() != "[::1]:2022" {
		t.Fatalf("ipv6 target %+v", v6)
	}
}

func assertTarget(t *testing.T, got, want *sshdial.Target) {
	t.Helper()
	if got.Alias != want.Alias || got.HostName != want.HostName || got.Port != want.Port || got.User != want.User ||
		!slices.Equal(got.IdentityFiles, want.IdentityFiles) || got.IdentitiesExplicit != want.IdentitiesExplicit ||
		got.IdentitiesOnly != want.IdentitiesOnly || got.IdentityAgent != want.IdentityAgent || !slices.Equal(got.KnownHosts, want.KnownHosts) ||
		!slices.Equal(got.GlobalKnownHosts, want.GlobalKnownHosts) || got.AliveInterval != want.AliveInterval ||
		got.AliveCountMax != want.AliveCountMax || got.ConnectTimeout != want.ConnectTimeout || got.Jump != want.Jump {
		t.Fatalf("target\n got %+v\nwant %+v", got, want)
	}
}

// TestResolveSystemConfig: the system's ssh_config fills what the user's
// leaves unset; the user's wins where both say something.
func TestResolveSystemConfig(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.config("Host vps", "  Port 2200")
	writeFile(t, filepath.Join(e.sysDir, "ssh_config"), "Host *\n  Port 22022\n  User sysuser\n")
	got, err := e.pool().Resolve("vps")
	if err != nil {
		t.Fatal(err)
	}
	if got.Port != 2200 || got.User != "sysuser" {
		t.Fatalf("port %d user %q", got.Port, got.User)
	}
}

func TestResolveChainOfJumps(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.config("Host target", "  ProxyJump a,b", "Host a", "  ProxyJump first", "Host b", "  ProxyJump ignored-for-b")
	got, err := e.pool().Resolve("target")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for h := got; h != nil; h = h.Jump {
		names = append(names, h.Alias)
	}
	// local → first → a → b → target, as ssh -J a,b does.
	if want := []string{"target", "b", "a", "first"}; !slices.Equal(names, want) {
		t.Fatalf("chain %v, want %v", names, want)
	}
}

func TestResolveErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.config(
		"Host loop1", "  ProxyJump loop2",
		"Host loop2", "  ProxyJump loop1",
		"Host pc", "  ProxyCommand nc %h %p",
		"Host badport", "  Port http",
		"Host badtoken", "  IdentityFile ~/.ssh/%z",
	)
	p := e.pool()
	for dest, want := range map[string]string{
		"loop1":        "ProxyJump chain",
		"pc":           "ProxyCommand is not supported",
		"badport":      `Port: port "http"`,
		"badtoken":     "unknown token %z",
		"":             "want a Host alias",
		"@host":        "empty user",
		"a b":          "want a Host alias",
		"host:99999":   "want 1-65535",
		"user@[::1":    "missing ]",
		"host:22/path": "want 1-65535",
	} {
		_, err := p.Resolve(dest)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Resolve(%q) = %v, want an error containing %q", dest, err, want)
		}
		if err != nil && !strings.Contains(err.Error(), `"`+dest+`"`) {
			t.Errorf("Resolve(%q): %v does not name the destination", dest, err)
		}
	}
	if err := sshdial.ValidateSpec("root@10.0.0.5:2222"); err != nil {
		t.Fatal(err)
	}
}

// TestProxyJump reaches a host through a jump host resolved from the same
// config: the only TCP connection goes to the jump host.
func TestProxyJump(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	key, pub := sshtest.NewKey(t)
	jump := sshtest.NewServer(t, pub)
	target := sshtest.NewServer(t, pub)
	web := backend(t)
	e.startAgent(key)
	e.config(hostBlock("jump", jump), hostBlock("box", target, "ProxyJump jump"))
	e.trust(jump, target)
	var mu sync.Mutex
	var dialed []string
	p := e.pool(func(o *sshdial.Options) {
		o.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
			mu.Lock()
			dialed = append(dialed, addr)
			mu.Unlock()
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		}
	})

	h := host(t, p, "box")
	waitPhase(t, h, sshdial.PhaseConnected)
	if got := get(t, h, web.URL+"/via"); got != "hello /via" {
		t.Fatalf("body %q", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(dialed, []string{jump.Addr()}) {
		t.Fatalf("dialed %v, want only the jump host %s", dialed, jump.Addr())
	}
	if jump.Tunnels() != 1 || target.Tunnels() != 1 || target.Conns() != 1 {
		t.Fatalf("jump tunnels %d, target tunnels %d, target conns %d; want 1 each",
			jump.Tunnels(), target.Tunnels(), target.Conns())
	}
}
