package tui

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"

	"github.com/freqdeck/freqdeck/apiclient"
)

// DefaultTeeBuffer is the default capacity of a LogTee's channel.
const DefaultTeeBuffer = 1024

// LogTee is a slog.Handler that passes every record to another handler (the
// log file) and also turns it into a log row for the console's logs pane.
// Rows go through a bounded channel; when the console falls behind, the
// oldest rows are dropped (and counted), so logging never blocks.
type LogTee struct {
	next    slog.Handler
	min     slog.Leveler
	ch      chan apiclient.LogRow
	dropped *atomic.Int64
	prefix  string // rendered attributes added by WithAttrs
	group   string
	logger  string
}

// NewLogTee returns a tee in front of next. Rows at level min and above go
// to the pane; capacity bounds the channel (DefaultTeeBuffer when <= 0).
// logger names the rows' source in the pane ("freqdeck").
func NewLogTee(next slog.Handler, min slog.Leveler, capacity int, logger string) *LogTee {
	if capacity <= 0 {
		capacity = DefaultTeeBuffer
	}
	return &LogTee{next: next, min: min, ch: make(chan apiclient.LogRow, capacity), dropped: new(atomic.Int64), logger: logger}
}

// Rows is the channel of rows, for Options.LocalLogs.
func (t *LogTee) Rows() <-chan apiclient.LogRow { return t.ch }

// Dropped is how many rows were dropped because the console fell behind.
func (t *LogTee) Dropped() int64 { return t.dropped.Load() }

// Enabled implements slog.Handler.
func (t *LogTee) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= t.min.Level() || t.next.Enabled(ctx, l)
}

// Handle implements slog.Handler.
func (t *LogTee) Handle(ctx context.Context, r slog.Record) error {
	var err error
	if t.next.Enabled(ctx, r.Level) {
		if err = t.next.Handle(ctx, r); err != nil {
			err = fmt.Errorf("log tee: %w", err)
		}
	}
	if r.Level >= t.min.Level() {
		t.push(t.row(r))
	}
	return err
}

// WithAttrs implements slog.Handler.
func (t *LogTee) WithAttrs(attrs []slog.Attr) slog.Handler {
	c := *t
	c.next = t.next.WithAttrs(attrs)
	var b strings.Builder
	b.WriteString(t.prefix)
	for _, a := range attrs {
		if a.Key == "logger" {
			c.logger = a.Value.String()
			continue
		}
		writeAttr(&b, t.group, a)
	}
	c.prefix = b.String()
	return &c
}

// WithGroup implements slog.Handler.
func (t *LogTee) WithGroup(name string) slog.Handler {
	c := *t
	c.next = t.next.WithGroup(name)
	if name != "" {
		c.group = t.group + name + "."
	}
	return &c
}

// row renders a record like a freqtrade /logs row.
func (t *LogTee) row(r slog.Record) apiclient.LogRow {
	var b strings.Builder
	b.WriteString(r.Message)
	b.WriteString(t.prefix)
	r.Attrs(func(a slog.Attr) bool {
		writeAttr(&b, t.group, a)
		return true
	})
	return apiclient.LogRow{
		Date:      r.Time.Local().Format(apiclient.DateFormat),
		Timestamp: float64(r.Time.UnixNano()) / 1e6,
		Logger:    t.logger,
		Level:     levelName(r.Level),
		Message:   b.String(),
	}
}

// push sends a row without ever blocking: when the channel is full, the
// oldest row makes room.
func (t *LogTee) push(row apiclient.LogRow) {
	for range 4 {
		select {
		case t.ch <- row:
			return
		default:
		}
		select {
		case <-t.ch:
			t.dropped.Add(1)
		default:
		}
	}
	t.dropped.Add(1)
}

// writeAttr appends " key=value".
func writeAttr(b *strings.Builder, group string, a slog.Attr) {
	if a.Equal(slog.Attr{}) {
		return
	}
	fmt.Fprintf(b, " %s%s=%v", group, a.Key, a.Value.Resolve())
}

// levelName names a level as Python's logging does.
func levelName(l slog.Level) string {
	switch {
	case l >= slog.LevelError+4:
		return "CRITICAL"
	case l >= slog.LevelError:
		return "ERROR"
	case l >= slog.LevelWarn:
		return "WARNING"
	case l >= slog.LevelInfo:
		return "INFO"
	default:
		return "DEBUG"
	}
}
