package feed

import (
	"context"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/panes"
)

// TestHubSubscribers: a subscriber's first Wait is the data so far (log
// rows included), then what changed, merged; one too far behind gets a
// snapshot instead of the backlog; a closed one gets nothing more.
func TestHubSubscribers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := New(ctx, 0, nil, Options{})
	f.data.Trades = []apiclient.OpenTrade{{Trade: apiclient.Trade{TradeCore: apiclient.TradeCore{TradeID: 7}}}}
	h := NewHub(ctx, f)
	h.broadcast(Out{Data: []tea.Msg{panes.LogsMsg{Rows: []apiclient.LogRow{row(1, "early")}}}})

	s := h.Subscribe()
	out, ok := s.Wait(ctx)
	if !ok || len(out.Data) != 2 {
		t.Fatalf("first Wait = %+v", out)
	}
	if tr, ok := out.Data[0].(panes.TradesMsg); !ok || tr.Trades[0].TradeID != 7 {
		t.Fatalf("snapshot starts with %+v", out.Data[0])
	}
	if l, ok := out.Data[1].(panes.LogsMsg); !ok || l.Rows[0].Message != "early" {
		t.Fatalf("snapshot logs %+v", out.Data[1])
	}

	h.mu.Lock()
	h.broadcast(Out{Notices: []string{"a"}})
	h.broadcast(Out{Notices: []string{"b"}})
	h.mu.Unlock()
	if out, _ := s.Wait(ctx); len(out.Notices) != 2 || out.Notices[1] != "b" {
		t.Fatalf("merged Wait = %+v", out)
	}

	h.mu.Lock()
	for range subPending + 1 {
		h.broadcast(Out{Notices: []string{"flood"}})
	}
	h.mu.Unlock()
	if out, _ := s.Wait(ctx); len(out.Notices) != 0 || len(out.Data) == 0 {
		t.Fatalf("a subscriber behind got %d notices, %d data", len(out.Notices), len(out.Data))
	}

	s.Close()
	h.mu.Lock()
	h.broadcast(Out{Notices: []string{"late"}})
	n := len(h.subs)
	h.mu.Unlock()
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, ok := s.Wait(cctx); ok || n != 0 {
		t.Fatalf("a closed subscriber still gets updates (%d subscribers)", n)
	}
}
