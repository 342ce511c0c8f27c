package tui

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestLogTee(t *testing.T) {
	t.Parallel()
	var file bytes.Buffer
	tee := NewLogTee(slog.NewTextHandler(&file, &slog.HandlerOptions{Level: slog.LevelDebug}), slog.LevelInfo, 2, "freqdeck")
	log := slog.New(tee).With("logger", "freqdeck.server", "bot", "alpha")
	log.Debug("only in the file")
	log.Info("listening", "addr", "127.0.0.1:1")
	log.Warn("slow")
	log.Error("boom")

	if !strings.Contains(file.String(), "only in the file") || !strings.Contains(file.String(), "boom") {
		t.Fatalf("file got %q", file.String())
	}
	var rows []string
	for len(tee.Rows()) > 0 {
		r := <-tee.Rows()
		rows = append(rows, r.Level+" "+r.Logger+" "+r.Message)
	}
	want := []string{"WARNING freqdeck.server slow bot=alpha", "ERROR freqdeck.server boom bot=alpha"}
	if strings.Join(rows, "|") != strings.Join(want, "|") {
		t.Fatalf("rows = %q, want %q (the oldest dropped)", rows, want)
	}
	if tee.Dropped() != 1 {
		t.Fatalf("dropped = %d, want 1", tee.Dropped())
	}
}
