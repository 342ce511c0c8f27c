package action_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient/action"
)

func TestRegistryRefusesUntilSettled(t *testing.T) {
	t.Parallel()
	r := action.NewRegistry()
	a := action.Attempt{ID: "a1", Kind: action.ForceExit, Target: "12"}
	if err := r.Begin(a, t0); err != nil {
		t.Fatal(err)
	}
	again := action.Attempt{ID: "a2", Kind: action.ForceExit, Target: "12"}
	var busy *action.BusyError
	if err := r.Begin(again, t0); !errors.As(err, &busy) || busy.Pending.ID != "a1" || busy.Pending.Unknown {
		t.Fatalf("second begin: %v", err)
	}
	if err := r.Begin(action.Attempt{ID: "b", Kind: action.ForceExit, Target: "13"}, t0); err != nil {
		t.Fatalf("another trade refused: %v", err)
	}
	if err := r.Begin(action.Attempt{ID: "c", Kind: action.CancelOrder, Target: "12"}, t0); err != nil {
		t.Fatalf("another action on the trade refused: %v", err)
	}
	r.MarkUnknown(a)
	err := r.Check(a.Key())
	if !errors.As(err, &busy) || !busy.Pending.Unknown {
		t.Fatalf("check after unknown: %v", err)
	}
	if want := "the outcome of force_exit 12 (request a1, sent 12:00:00 UTC) is not known yet: checking the bot"; err.Error() != want {
		t.Fatalf("error %q, want %q", err, want)
	}
	r.Settle(again) // not the registered request: no effect
	if r.Check(a.Key()) == nil {
		t.Fatal("settling another request freed the key")
	}
	r.Settle(a)
	if err := r.Check(a.Key()); err != nil {
		t.Fatalf("after settle: %v", err)
	}
}

// TestRegistrySharedBySessions: consoles racing the same action on one
// shared registry send it once.
func TestRegistrySharedBySessions(t *testing.T) {
	t.Parallel()
	r := action.NewRegistry()
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := 0
	for range 10 {
		wg.Go(func() {
			a := action.Attempt{ID: action.NewID(), Kind: action.Stop}
			if r.Begin(a, time.Now()) == nil {
				mu.Lock()
				won++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if won != 1 {
		t.Fatalf("%d sessions sent the stop, want 1", won)
	}
}
