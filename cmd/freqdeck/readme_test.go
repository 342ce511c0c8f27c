package main

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeCommands returns the shell commands of README.md's ```sh blocks,
// without trailing comments.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var cmds []string
	in := false
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```sh"):
			in = true
		case strings.HasPrefix(line, "```"):
			in = false
		case in:
			if i := strings.Index(line, "  #"); i >= 0 {
				line = line[:i]
			}
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				cmds = append(cmds, line)
			}
		}
	}
	return cmds
}

// readmeCoverage says how each README command is exercised:
//   - "ci": .ci/run runs it as written;
//   - "run:ARGS": TestReadme runs the built binary with ARGS (the same command
//     with placeholders filled in) and expects exit status 0;
//   - "test:DIR:NAME": the named test in package DIR runs it (or its freqdeck
//     side: an ssh tunnel or a copy is not freqdeck's to run).
func readmeCoverage() map[string]string {
	return map[string]string{
		"go run ./cmd/freqdeck":             "test:cmd/freqdeck:TestConsoleEmbedded",
		"go test ./...":                     "ci",
		"ssh -N -L 8080:127.0.0.1:8080 vps": "test:cmd/freqdeck:TestConsoleOneOffBot",
		"FREQDECK_PASSWORD='the api_server password' freqdeck --url http://127.0.0.1:8080 --username freqtrader": "test:cmd/freqdeck:TestConsoleOneOffBot",
		"freqdeck --ft-config user_data/config.json":                                                             "test:cmd/freqdeck:TestConsoleFTConfig",
		"freqdeck client status --table":                                                                         "test:cmd/freqdeck/client:TestClientTables",
		"freqdeck client --bot vps1 forceenter BTC/USDT long price=64000 order_type=limit":                       "test:cmd/freqdeck:TestClientBotSelection",
		"freqdeck client daily 5":                                                                                "test:cmd/freqdeck/client:TestClientCommands",
		"freqdeck client trades limit=10":                                                                        "test:cmd/freqdeck/client:TestClientCommands",
		"freqdeck client --show":                                                                                 "run:client --show",
		"freqdeck client --all-bots stopbuy":                                                                     "test:cmd/freqdeck:TestClientFleet",
		"freqdeck client --bot vps1,vps2 show_config":                                                            "test:cmd/freqdeck:TestClientFleet",
		"FREQDECK_PASSWORD='the api_server password' freqdeck client --ssh vps --url http://127.0.0.1:8080 --username freqtrader status":                         "test:cmd/freqdeck:TestClientOpenSSH",
		"freqdeck --ssh vps --url http://127.0.0.1:8080 --username freqtrader":                                                                                   "test:cmd/freqdeck:TestConsoleSSHBotOptions",
		"freqdeck client --ssh vps --ft-config user_data/config.json status":                                                                                     "test:cmd/freqdeck:TestClientSSHFlag",
		"FREQDECK_PASSWORD='…' freqdeck client --ssh vps --url http://127.0.0.1:8080 --username freqtrader --trust-host-key SHA256:the-fingerprint-shown status": "test:cmd/freqdeck:TestClientOpenSSH",
		"FREQDECK_PASSWORD='a long secret' freqdeck serve --ui-dir ./frequi --cors-origin http://localhost:3000":                                                 "test:cmd/freqdeck:TestServeForFreqUI",
		"freqdeck host --listen 127.0.0.1:2222":                 "test:cmd/freqdeck/host:TestOpenSSHClient",
		"freqdeck host --listen 0.0.0.0:2222":                   "test:cmd/freqdeck/host:TestOpenSSHClient",
		"ssh -p 2222 127.0.0.1":                                 "test:cmd/freqdeck/host:TestOpenSSHClient",
		"freqdeck host --help":                                  "run:host --help",
		"mkdir -p ~/.config/freqdeck":                           "test:cmd/freqdeck:TestReadmeConfigInstall",
		"cp config.example.toml ~/.config/freqdeck/config.toml": "test:cmd/freqdeck:TestReadmeConfigInstall",
		"chmod 600 ~/.config/freqdeck/config.toml":              "test:cmd/freqdeck:TestReadmeConfigInstall",
	}
}

// TestReadme checks that every command in README.md is exercised, that the
// mapping has no stale entries, and runs the runnable ones.
func TestReadme(t *testing.T) {
	t.Parallel()
	cmds := readmeCommands(t)
	if len(cmds) == 0 {
		t.Fatal("no commands found in README.md")
	}
	cov := readmeCoverage()
	inReadme := map[string]bool{}
	var runs [][]string
	for _, c := range cmds {
		inReadme[c] = true
		how, ok := cov[c]
		if !ok {
			t.Errorf("README command %q is not exercised: add it to readmeCoverage", c)
			continue
		}
		switch kind, rest, _ := strings.Cut(how, ":"); kind {
		case "ci":
			checkInCI(t, c)
		case "run":
			runs = append(runs, strings.Fields(rest))
		case "test":
			dir, name, _ := strings.Cut(rest, ":")
			checkTestExists(t, dir, name)
		default:
			t.Errorf("bad coverage %q for %q", how, c)
		}
	}
	for c := range cov {
		if !inReadme[c] {
			t.Errorf("readmeCoverage lists %q, which is not in README.md", c)
		}
	}
	if len(runs) == 0 {
		return
	}
	bin := buildBinary(t)
	for _, args := range runs {
		if code, _, errOut := execBinary(t, bin, nil, args...); code != 0 {
			t.Errorf("freqdeck %s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
	}
}

func checkInCI(t *testing.T, cmd string) {
	t.Helper()
	data, err := os.ReadFile("../../.ci/run")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), cmd) {
		t.Errorf(".ci/run does not run %q", cmd)
	}
}

// checkTestExists fails unless a _test.go file in dir (relative to the
// repository root) declares func name.
func checkTestExists(t *testing.T, dir, name string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("../..", dir, "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^func ` + regexp.QuoteMeta(name) + `\(t \*testing\.T\)`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if re.Match(data) {
			return
		}
	}
	t.Errorf("no test %s in %s", name, dir)
}
