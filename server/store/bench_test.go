package store

import (
	"context"
	"testing"
	"time"
)

// BenchmarkSaveFill measures committing one fill (the order and its trade,
// one transaction) to a WAL database with synchronous=FULL in t.TempDir.
func BenchmarkSaveFill(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, b.TempDir()+"/bench.sqlite")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	tr := sampleTrade()
	if err := s.Write(ctx, func(w *Writer) error {
		if err := w.InsertTrade(tr); err != nil {
			return err
		}
		return w.InsertOrder(tr.Orders[0])
	}); err != nil {
		b.Fatal(err)
	}
	o := tr.Orders[0]
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		now := t0.Add(time.Duration(i) * time.Second)
		o.FilledDate, o.UpdateDate = &now, &now
		tr.MaxRate = p(float64(60000 + i))
		err := s.Write(ctx, func(w *Writer) error {
			if err := w.UpdateOrder(o); err != nil {
				return err
			}
			return w.UpdateTrade(tr)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
