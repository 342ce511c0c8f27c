package dryrun

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/freqdeck/freqdeck/apiclient"
)

// The /logs buffer holds logCapacity rows; when full it keeps the newest
// logKeep, as freqtrade's buffering handler does.
const (
	logCapacity = 1000
	logKeep     = 500
)

// The logger names rows carry, as a freqtrade operator knows them.
const (
	logBot        = "freqtrade.freqtradebot"
	logWorker     = "freqtrade.worker"
	logRPC        = "freqtrade.rpc.rpc"
	logWallets    = "freqtrade.wallets"
	logProtection = "freqtrade.plugins.protectionmanager"
	logPairlist   = "freqtrade.plugins.pairlistmanager"
	logConfig     = "freqtrade.configuration.configuration"
	logExchange   = "freqtrade.exchange.exchange"
)

// level is a log level; it knows freqtrade's (Python's) name for itself.
type level int

const (
	levelInfo level = iota
	levelWarning
	levelError
)

func (l level) name() string {
	switch l {
	case levelWarning:
		return "WARNING"
	case levelError:
		return "ERROR"
	default:
		return "INFO"
	}
}

func (l level) slogLevel() slog.Level {
	switch l {
	case levelWarning:
		return slog.LevelWarn
	case levelError:
		return slog.LevelError
	default:
		return slog.LevelInfo
	}
}

// logRing is the /logs buffer plus the rows not yet pushed as freqdeck_log.
type logRing struct {
	rows    []apiclient.LogRow
	pending []apiclient.LogRow
}

func (l *logRing) add(r apiclient.LogRow) {
	l.rows = append(l.rows, r)
	if len(l.rows) >= logCapacity {
		l.rows = append(l.rows[:0], l.rows[len(l.rows)-logKeep:]...)
	}
	l.pending = append(l.pending, r)
	if len(l.pending) > logKeep {
		l.pending = append(l.pending[:0], l.pending[len(l.pending)-logKeep:]...)
	}
}

// last returns the newest n rows, oldest first (every row when n <= 0).
func (l *logRing) last(n int) []apiclient.LogRow {
	rows := l.rows
	if n > 0 && n < len(rows) {
		rows = rows[len(rows)-n:]
	}
	return append([]apiclient.LogRow(nil), rows...)
}

// logf records a log row (wall clock, server-local time) and passes it to
// the slog logger. The caller holds b.mu.
func (b *Bot) logf(lv level, logger, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	now := b.opts.clock()
	b.logs.add(apiclient.LogRow{
		Date:      now.Local().Format("2006-01-02 15:04:05"),
		Timestamp: float64(now.UnixNano()) / 1e6,
		Logger:    logger,
		Level:     lv.name(),
		Message:   msg,
	})
	b.opts.logger.Log(context.Background(), lv.slogLevel(), msg, "logger", logger)
}

// flushLogs pushes the rows logged since the last flush as one
// freqdeck_log message.
func (b *Bot) flushLogs() {
	if len(b.logs.pending) == 0 {
		return
	}
	rows := b.logs.pending
	b.logs.pending = nil
	b.publish(apiclient.LogMsg{Type: apiclient.MsgLog, Data: rows})
}
