package panes

// The intents of the overview screen (package overview), which shows every
// bot at once.

// OpenBotRequestedMsg asks to show one bot's trade desk.
type OpenBotRequestedMsg struct{ Bot int }

// FleetExitAllRequestedMsg asks to force-exit every open trade of the
// marked bots (the selected bot when none is marked).
type FleetExitAllRequestedMsg struct{}

func (OpenBotRequestedMsg) intent()      {}
func (FleetExitAllRequestedMsg) intent() {}
