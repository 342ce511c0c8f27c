package tui

import (
	"strings"
	"testing"
)

// TestScreenProblemSaysWhy: a screen whose data cannot be fetched names the
// route and the reason in a few words, as the status bar does, not the raw
// error chain (seen: "/trades: GET /trades: POST /token/login: dial tcp
// 127.0.0.1:1: connect: connection refused").
func TestScreenProblemSaysWhy(t *testing.T) {
	t.Parallel()
	sb := newScreenBot(t, 3)
	tm, _ := sb.start(t)
	sb.faults.Down()
	keys(tm, "h")
	waitText(t, tm, "/trades: ")
	view := finalView(t, tm)
	title := ""
	for _, line := range strings.Split(view, "\n") {
		if strings.Contains(line, "/trades: ") {
			title = line
		}
	}
	if strings.Contains(title, "GET /trades") || strings.Contains(title, "apiclient") {
		t.Fatalf("the problem is the raw error: %q", title)
	}
}
