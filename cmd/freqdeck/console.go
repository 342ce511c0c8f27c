package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/freqdeck/freqdeck/cmd/freqdeck/internal/bots"
	"github.com/freqdeck/freqdeck/themes"
	"github.com/freqdeck/freqdeck/tui"
	"github.com/freqdeck/freqdeck/tui/alert"
)

// consoleOptions is everything the console needs, already resolved from the
// config file, the environment and the flags (consoleOptionsFor builds it).
type consoleOptions struct {
	// Options are the bots to watch; with no Remote, the embedded dry-run
	// bot.
	bots.Options
	// Theme names the colour theme ("" for the default).
	Theme string
	// Keys is the checked keymap ([keys] applied); nil means the defaults.
	Keys *tui.KeyMap
	// AuditPath is the audit log of the actions sent; empty keeps none.
	AuditPath string
	// LogPath is freqdeck's own log file. The configuration pipeline
	// defaults it and AuditPath to the state directory (config.StateDir).
	LogPath string
	// Alerts is [alerts], checked; nil means the defaults.
	Alerts *alert.Config
	// Width and Height size an output that is not a terminal (tests).
	Width, Height int
}

// teeBuffer bounds the console's own log rows waiting for the logs pane.
const teeBuffer = 2048

// runConsole runs the console until the operator quits or ctx ends. While
// it runs nothing is written to stdout or stderr except the terminal UI:
// logs go to the log file and to the logs pane. Passwords are resolved
// (or typed) inside the console.
func runConsole(ctx context.Context, opts consoleOptions, std stdio, getenv func(string) string) error {
	logFile, err := openLogFile(opts.LogPath)
	if err != nil {
		return err
	}
	defer logFile.Close()
	fileHandler := slog.NewTextHandler(logFile, &slog.HandlerOptions{Level: slog.LevelDebug})
	tee := tui.NewLogTee(fileHandler, slog.LevelInfo, teeBuffer, "freqdeck")
	logger := slog.New(tee)
	// The standard library logs through the default logger (net/http's
	// server errors, for one): send it to the file and the pane too, never
	// to the terminal under the console.
	prevDefault := slog.Default()
	slog.SetDefault(logger)
	defer slog.SetDefault(prevDefault)

	theme, err := consoleTheme(opts.Theme, getenv)
	if err != nil {
		return err
	}
	// Ask the terminal for its background colour now, before the console
	// reads the keyboard: asked later, the answer would arrive as keys.
	_ = lipgloss.HasDarkBackground()
	alerts := alert.DefaultConfig()
	if opts.Alerts != nil {
		alerts = *opts.Alerts
	}
	term, err := alert.DetectTerm(getenv, alerts.Notify)
	if err != nil {
		return fmt.Errorf("[alerts] %w", err)
	}
	built, err := bots.Build(ctx, opts.Options, getenv, logger, slog.New(fileHandler))
	if err != nil {
		return err
	}
	err = tui.Run(ctx, tui.Options{
		Bots:        built.Bots,
		SSH:         built.SSH,
		Theme:       theme,
		Keys:        opts.Keys,
		AuditPath:   opts.AuditPath,
		Input:       std.in,
		Output:      std.out,
		LocalLogs:   tee.Rows(),
		Alerts:      &alerts,
		Term:        term,
		Logger:      logger,
		FixedWidth:  opts.Width,
		FixedHeight: opts.Height,
	})
	return errors.Join(err, built.Stop())
}

// consoleTheme loads the theme, colourless when NO_COLOR is set.
func consoleTheme(name string, getenv func(string) string) (themes.Theme, error) {
	noColor := themes.NoColor(getenv)
	if noColor {
		// lipgloss's default renderer decides the escapes: no colour, but
		// bold and reverse video where the terminal draws them.
		lipgloss.SetColorProfile(themes.NoColorProfile(termenv.NewOutput(os.Stdout).ColorProfile()))
	}
	t, err := themes.Resolve(name, noColor)
	if err != nil {
		return themes.Theme{}, fmt.Errorf("console: %w", err)
	}
	return t, nil
}

// openLogFile opens the log file for appending, private to the user.
func openLogFile(path string) (io.WriteCloser, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("log file: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("log file: %w", err)
	}
	return f, nil
}
