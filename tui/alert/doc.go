// Package alert decides which of a bot's events the operator is told about
// while the console runs, and how: a line in the alert list, a terminal
// bell, a desktop notification through the terminal.
//
// It is pure: no I/O, no goroutines, no clock of its own (every call takes
// now). The console feeds it and delivers what it returns:
//
//	eng := alert.NewEngine(cfg)                          // cfg from [alerts]
//	term, _ := alert.DetectTerm(os.Getenv, cfg.Notify)   // once, at start
//	...
//	if ev, ok := alert.FromMessage(msg); ok {            // a WebSocket message
//		deliver(eng.Observe(bot, ev, now))
//	}
//	deliver(eng.Link(bot, alert.LinkOffline, "connection refused", now))
//	...
//	if at, ok := eng.Next(); ok { /* tea.Tick until at, then */ deliver(eng.Flush(now)) }
//
//	func deliver(as []alert.Alert) {
//		for _, a := range as {
//			if a.Channels.Has(alert.List) { history.Add(a) } // the alert list
//			out.Write(alert.Encode(a, term))                  // bell, notification
//		}
//	}
//
// What Engine does:
//   - channels per kind and per bot (Config; kinds with none are dropped);
//   - de-duplication: an event is alerted once, by bot, kind and its key
//     (a trade's fill, a lock), or its text for warnings and exceptions,
//     which may come back as a new event after Config.Repeat;
//   - bursts: per bot and kind, the first Config.Burst events of a
//     Config.Window are alerted one by one, the rest summed up in one alert
//     when the window closes ("12 exit fills in 10 s");
//   - connection states: offline and stale are alerted once they have
//     lasted Config.Grace (a bot restarting in 5 s says nothing), auth
//     failures at once, and "back online" only after a bad state was
//     alerted.
//
// Encode writes the terminal bytes. The rule for desktop notifications is
// DetectTerm's: OSC 9 for iTerm2, OSC 777 for WezTerm, Ghostty, foot,
// rxvt-unicode and VTE terminals, none elsewhere (Config.Notify forces
// one); inside tmux ($TMUX set) they are wrapped in tmux's DCS
// passthrough, which tmux forwards when allow-passthrough is on. The bell
// is a plain BEL, never wrapped, so tmux flags the window. Text from bots is
// sanitised: no control character reaches the terminal.
//
// Boundary: alert imports apiclient (for the message types) and nothing
// else of freqdeck, and never the tui package it serves.
package alert
