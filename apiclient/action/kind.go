package action

// Kind names an operator action.
type Kind int

// The actions. Every one changes the bot's state.
const (
	ForceExit Kind = iota + 1
	ForceExitAll
	ForceEnter
	Start
	Stop
	Pause
	Reload
	AddLock
	DeleteLock
	CancelOrder
	DeleteTrade
	AddBlacklist
	DeleteBlacklist
)

// String is the action's name in the audit log ("force_exit").
func (k Kind) String() string {
	switch k {
	case ForceExit:
		return "force_exit"
	case ForceExitAll:
		return "force_exit_all"
	case ForceEnter:
		return "force_enter"
	case Start:
		return "start"
	case Stop:
		return "stop"
	case Pause:
		return "pause"
	case Reload:
		return "reload_config"
	case AddLock:
		return "add_lock"
	case DeleteLock:
		return "delete_lock"
	case CancelOrder:
		return "cancel_order"
	case DeleteTrade:
		return "delete_trade"
	case AddBlacklist:
		return "add_blacklist"
	case DeleteBlacklist:
		return "delete_blacklist"
	}
	return "unknown"
}

// Key identifies an action on one target of one bot while it is under way:
// force_exit of trade "12", add_lock of "BTC/USDT", stop of "".
type Key struct {
	Kind   Kind
	Target string
}

// String is "force_exit 12", or the kind alone without a target.
func (k Key) String() string {
	if k.Target == "" {
		return k.Kind.String()
	}
	return k.Kind.String() + " " + k.Target
}
