package action

import (
	"errors"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
)

// Result is what came of one call, ready to show and to record.
type Result struct {
	Outcome Outcome
	// Text says it: the bot's result, the bot's own error message, or why
	// the outcome is not known or the request was not sent.
	Text string
	// Status is the HTTP status of an error answer.
	Status int
	// Answer is the bot's own words when Text reads them differently ("no
	// active trade", read as "entry order cancelled, trade removed").
	Answer string
}

// What freqtrade answers (after "Error querying <path>: ") where its words
// mislead.
const (
	// answerNoActiveTrade follows a cancelled entry order that had filled
	// nothing: freqtrade removed the trade, then could not show it.
	answerNoActiveTrade = "no active trade"
	// answerFailedToExit follows a force exit that cancelled the trade's
	// open orders but placed no exit: an entry that had filled nothing was
	// cancelled (and its trade removed), or an order could not be cancelled.
	answerFailedToExit = "Failed to exit trade."
)

// Read turns the answer of an action's call into its Result: text is the
// call's result when err is nil. It reads freqtrade's answers as what they
// mean: cancelling an unfilled entry is done even though freqtrade answers
// "no active trade"; a force exit answered "Failed to exit trade." may have
// cancelled the entry order, so its outcome is Unknown until the bot's state
// tells.
func Read(k Kind, text string, err error) Result {
	o := Classify(err)
	if o == Done {
		return Result{Outcome: Done, Text: text}
	}
	var apiErr *apiclient.APIError
	if !errors.As(err, &apiErr) {
		return Result{Outcome: o, Text: err.Error()}
	}
	r := Result{Outcome: o, Text: apiErr.Message, Status: apiErr.Status}
	if o != Refused {
		return r
	}
	switch {
	case k == CancelOrder && strings.HasSuffix(apiErr.Message, answerNoActiveTrade):
		return Result{Outcome: Done, Text: "entry order cancelled, trade removed", Answer: apiErr.Message}
	case k == ForceExit && strings.HasSuffix(apiErr.Message, answerFailedToExit):
		return Result{Outcome: Unknown, Status: apiErr.Status, Answer: apiErr.Message,
			Text: `the bot answered "` + answerFailedToExit + `", as it does after cancelling an unfilled entry order`}
	}
	return r
}
