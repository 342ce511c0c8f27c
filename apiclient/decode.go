package apiclient

import (
	"encoding/json"
	"errors"
	"fmt"
)

// ErrBadMessage is wrapped by DecodeMessage's errors.
var ErrBadMessage = errors.New("apiclient: bad websocket message")

// DecodeMessage decodes one server → client frame into its typed Message. A
// frame of an unknown type becomes a RawMsg, never an error; a frame that is
// not a JSON object with a string "type", or whose payload does not fit its
// type, is an error wrapping ErrBadMessage.
func DecodeMessage(frame []byte) (Message, error) {
	var head struct {
		Type *MessageType `json:"type"`
	}
	if err := json.Unmarshal(frame, &head); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadMessage, err)
	}
	if head.Type == nil {
		return nil, fmt.Errorf("%w: no \"type\"", ErrBadMessage)
	}
	msg, err := decodeTyped(*head.Type, frame)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrBadMessage, *head.Type, err)
	}
	return msg, nil
}

func decodeTyped(t MessageType, frame []byte) (Message, error) {
	switch t {
	case MsgStatus, MsgWarning, MsgStartup:
		return decodeInto[StatusMsg](frame)
	case MsgException:
		return decodeInto[ExceptionMsg](frame)
	case MsgEntry, MsgEntryFill:
		return decodeInto[EntryMsg](frame)
	case MsgEntryCancel:
		return decodeInto[EntryCancelMsg](frame)
	case MsgExit, MsgExitFill:
		return decodeInto[ExitMsg](frame)
	case MsgExitCancel:
		return decodeInto[ExitCancelMsg](frame)
	case MsgProtectionTrigger, MsgProtectionTriggerGlobal:
		return decodeInto[ProtectionMsg](frame)
	case MsgStrategyMsg:
		return decodeInto[StrategyMsg](frame)
	case MsgWhitelist:
		return decodeInto[WhitelistMsg](frame)
	case MsgAnalyzedDF:
		return decodeInto[AnalyzedDFMsg](frame)
	case MsgNewCandle:
		return decodeInto[NewCandleMsg](frame)
	case MsgLog:
		return decodeInto[LogMsg](frame)
	default:
		raw := make(json.RawMessage, len(frame))
		copy(raw, frame)
		return RawMsg{Type: t, Raw: raw}, nil
	}
}

func decodeInto[T Message](frame []byte) (Message, error) {
	var m T
	if err := json.Unmarshal(frame, &m); err != nil {
		return nil, err
	}
	return m, nil
}
