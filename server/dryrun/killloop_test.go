package dryrun

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/store"
)

// killLoopEnv names the database the kill-loop child trades into.
const killLoopEnv = "FREQDECK_DRYRUN_KILLLOOP_DB"

// killLoopChild runs the default bot on the wall clock (Run, speed 1) on
// dbPath and acts on it as an operator would, as fast as it can: force
// entries (market, and limit orders far below the price that stay open),
// full and partial force exits (market, and limit orders far above the
// price). It prints what was acknowledged, after the call returned:
//
//	ACK entry <trade id> <order id> <open|filled>
//	ACK exit <trade id> <order id> <open|filled>
//	RATE <trade id> <max_rate> <min_rate>   (a tick's rates, once committed)
//	CANCEL <trade id>                       (before cancelling its open order;
//	                                         an unfilled entry takes the trade with it)
//
// and "READY" once the bot runs. It never returns; the parent kills it.
func killLoopChild(dbPath string) {
	ctx := context.Background()
	// The rates of a tick are committed by the tick writer right after it;
	// the child reports them once committed, and the parent checks that
	// nothing committed is lost or undone.
	saved := func(s tickSave) {
		for id, r := range s.rates {
			if r.MaxRate != nil && r.MinRate != nil {
				fmt.Printf("RATE %d %v %v\n", id, *r.MaxRate, *r.MinRate)
			}
		}
	}
	b, err := New(ctx, DefaultConfig(), WithDBPath(dbPath), func(o *options) { o.saved = saved })
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(2)
	}
	// READY comes first: once Run ticks, the tick writer prints RATE lines,
	// and the parent takes the first line for the start signal.
	fmt.Println("READY")
	go func() { _ = b.Run(ctx) }()
	go func() {
		for range b.Events() {
		}
	}()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), uint64(os.Getpid())))
	for i := 0; ; i++ {
		killLoopAct(ctx, b, rng)
		if i%20 == 0 {
			runtime.Gosched()
		}
	}
}

// killLoopAct does one operator action and prints what was acknowledged.
func killLoopAct(ctx context.Context, b *Bot, rng *rand.Rand) {
	open, err := b.Status(ctx)
	if err != nil {
		return
	}
	busy := map[string]bool{}
	var exitable, waiting []apiclient.OpenTrade
	for _, t := range open {
		busy[t.Pair] = true
		switch {
		case t.HasOpenOrders:
			waiting = append(waiting, t)
		case t.NrOfSuccessfulEntries > 0:
			exitable = append(exitable, t)
		}
	}
	if len(waiting) > 2 { // cancel an order that waits, so the loop keeps moving
		t := waiting[rng.IntN(len(waiting))]
		// Said before the call: a kill right after the cancel committed
		// must not look like a lost trade.
		fmt.Printf("CANCEL %d\n", t.TradeID)
		_, _ = b.CancelOpenOrder(ctx, t.TradeID)
		return
	}
	if len(open) < 5 && rng.IntN(2) == 0 {
		pairs := DefaultConfig().Pairs
		pair := pairs[rng.IntN(len(pairs))]
		if busy[pair] {
			return
		}
		req := apiclient.ForceEnterRequest{Pair: pair, StakeAmount: apiclient.Ptr(50.0)}
		if rng.IntN(3) == 0 { // a limit entry far below the price: it stays open
			b.mu.Lock()
			rate := b.rate(pair, 0)
			b.mu.Unlock()
			req.OrderType, req.Price = apiclient.Ptr("limit"), apiclient.Ptr(rate*0.9)
		}
		res, err := b.ForceEnter(ctx, req)
		if err != nil || res.Trade == nil {
			return
		}
		o := res.Trade.Orders[len(res.Trade.Orders)-1]
		fmt.Printf("ACK entry %d %s %s\n", res.Trade.TradeID, o.OrderID, orderState(o.IsOpen))
		return
	}
	if len(exitable) == 0 {
		return
	}
	t := exitable[rng.IntN(len(exitable))]
	req := apiclient.ForceExitRequest{TradeID: apiclient.TradeRefID(t.TradeID)}
	switch rng.IntN(3) {
	case 0: // half of it
		req.Amount = apiclient.Ptr(t.Amount / 2)
	case 1: // a limit exit far above the price: it stays open
		req.OrderType, req.Price = apiclient.Ptr("limit"), apiclient.Ptr(*t.CurrentRate*1.1)
	}
	if _, err := b.ForceExit(ctx, req); err != nil {
		return
	}
	after, err := b.Trade(ctx, t.TradeID)
	if err != nil {
		return
	}
	for i := len(after.Orders) - 1; i >= 0; i-- {
		if o := after.Orders[i]; o.FtOrderSide == "sell" {
			fmt.Printf("ACK exit %d %s %s\n", t.TradeID, o.OrderID, orderState(o.IsOpen))
			return
		}
	}
}

func orderState(open bool) string {
	if open {
		return "open"
	}
	return "filled"
}

// ack is one acknowledged order of the child.
type ack struct {
	entry   bool
	tradeID int
	orderID string
	filled  bool
}

// killLoopLog is what the children acknowledged, over every cycle.
type killLoopLog struct {
	acks  []ack
	rates map[int][2]float64 // trade id: the highest max and lowest min seen
	gone  map[int]bool       // trades whose open order was (maybe) cancelled
	// entryOf maps a trade id to its entry order: an id acknowledged
	// twice with another entry would be a reused id.
	entryOf map[int]string
}

func (l *killLoopLog) read(t *testing.T, r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 5 && f[0] == "ACK":
			id, _ := strconv.Atoi(f[2])
			a := ack{entry: f[1] == "entry", tradeID: id, orderID: f[3], filled: f[4] == "filled"}
			if a.entry {
				if prev, ok := l.entryOf[id]; ok && prev != a.orderID {
					t.Errorf("trade id %d was reused: entry %s, then %s", id, prev, a.orderID)
				}
				l.entryOf[id] = a.orderID
			}
			l.acks = append(l.acks, a)
		case len(f) == 4 && f[0] == "RATE":
			id, _ := strconv.Atoi(f[1])
			hi, _ := strconv.ParseFloat(f[2], 64)
			lo, _ := strconv.ParseFloat(f[3], 64)
			r, ok := l.rates[id]
			if !ok {
				r = [2]float64{hi, lo}
			}
			l.rates[id] = [2]float64{math.Max(r[0], hi), math.Min(r[1], lo)}
		case len(f) == 2 && f[0] == "CANCEL":
			id, _ := strconv.Atoi(f[1])
			l.gone[id] = true
		case len(f) > 0 && f[0] == "ERROR":
			t.Errorf("child: %s", sc.Text())
		}
	}
}

// TestKillLoopKeepsAcknowledged starts the bot on a file database, lets it
// trade under a stream of operator actions, kills it with SIGKILL at a
// random moment, and starts it again on the same database, 20 times. After
// every kill the database must hold every trade, order and exit the bot
// had acknowledged, no unfilled order may have been cancelled by a timeout
// (the whole loop lasts far less than the 10 minute unfilledtimeout, in
// wall time, across restarts), no trade id is reused, and the stored
// max_rate and min_rate are at least as wide as any the tick writer had
// committed (a later, narrower write never undoes a wider one).
func TestKillLoopKeepsAcknowledged(t *testing.T) {
	if path := os.Getenv(killLoopEnv); path != "" {
		killLoopChild(path)
		return
	}
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL semantics")
	}
	if testing.Short() {
		t.Skip("20 kill -9 cycles take a while")
	}
	t.Parallel()
	db := filepath.Join(t.TempDir(), "killloop.sqlite")
	log := &killLoopLog{rates: map[int][2]float64{}, entryOf: map[int]string{}, gone: map[int]bool{}}
	rng := rand.New(rand.NewPCG(1, 2))
	const cycles = 20
	for cycle := range cycles {
		runKillCycle(t, db, log, time.Duration(100+rng.IntN(1400))*time.Millisecond)
		checkKillLoopDB(t, db, log, cycle)
		if t.Failed() {
			return
		}
	}
	entries, exits := 0, 0
	for _, a := range log.acks {
		if a.entry {
			entries++
		} else {
			exits++
		}
	}
	t.Logf("%d cycles: %d entries and %d exits acknowledged, %d trades' rates seen", cycles, entries, exits, len(log.rates))
	if entries < cycles || exits < cycles/2 {
		t.Fatalf("too little happened: %d entries, %d exits", entries, exits)
	}
}

// runKillCycle starts a child on db, kills it after it has run for
// lifetime, and collects what it acknowledged.
func runKillCycle(t *testing.T, db string, log *killLoopLog, lifetime time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillLoopKeepsAcknowledged$", "-test.count=1")
	cmd.Env = append(os.Environ(), killLoopEnv+"="+db)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	done := make(chan struct{})   // the log has read everything
	copied := make(chan error, 1) // the child's output reached EOF (nil) or failed
	pr, pw := io.Pipe()
	go func() {
		defer close(done)
		log.read(t, pr)
	}()
	go func() {
		rd := bufio.NewReader(out)
		first, err := rd.ReadString('\n')
		if strings.TrimSpace(first) == "READY" {
			close(ready)
		} else {
			_, _ = pw.Write([]byte(first))
		}
		if err == nil {
			_, err = io.Copy(pw, rd)
		} else if errors.Is(err, io.EOF) {
			err = nil
		}
		_ = pw.Close()
		copied <- err
	}()
	select {
	case <-ready:
	case err := <-copied: // the child ended before it was ready
		<-done
		werr := cmd.Wait()
		t.Fatalf("the child exited before READY: %v (output: %v)", werr, err)
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		<-copied
		<-done
		_ = cmd.Wait()
		t.Fatal("the child did not start")
	}
	// Not a wait for a condition: the kill lands at a random moment of the
	// child's life, on purpose.
	time.Sleep(lifetime)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	// Everything the child wrote is read before Wait closes the pipe.
	if err := <-copied; err != nil {
		t.Errorf("reading the child's output: %v", err)
	}
	<-done
	_ = cmd.Wait()
}

// checkKillLoopDB checks the database against everything acknowledged so
// far.
func checkKillLoopDB(t *testing.T, db string, log *killLoopLog, cycle int) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	trades, err := s.Trades(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	orders := map[string]*store.Order{}
	byID := map[int]*store.Trade{}
	for _, tr := range trades {
		byID[tr.ID] = tr
		for _, o := range tr.Orders {
			orders[o.OrderID] = o
			if apiclient.Deref(o.CancelReason) == reasonTimeout {
				t.Errorf("cycle %d: order %s of trade %d was cancelled by a timeout", cycle, o.OrderID, tr.ID)
			}
		}
	}
	for _, a := range log.acks {
		if log.gone[a.tradeID] && byID[a.tradeID] == nil {
			continue // its unfilled entry was cancelled
		}
		o, ok := orders[a.orderID]
		switch {
		case byID[a.tradeID] == nil:
			t.Errorf("cycle %d: acknowledged trade %d is missing", cycle, a.tradeID)
		case !ok || o.TradeID != a.tradeID:
			t.Errorf("cycle %d: acknowledged order %s of trade %d is missing", cycle, a.orderID, a.tradeID)
		case a.filled && (o.IsOpen || apiclient.Deref(o.Filled) <= 0):
			t.Errorf("cycle %d: acknowledged fill of order %s is not stored", cycle, a.orderID)
		}
	}
	for id, r := range log.rates {
		tr := byID[id]
		if log.gone[id] && tr == nil {
			continue
		}
		if tr == nil {
			t.Errorf("cycle %d: trade %d, seen open, is missing", cycle, id)
			continue
		}
		if hi, lo := apiclient.Deref(tr.MaxRate), apiclient.Deref(tr.MinRate); hi < r[0] || lo > r[1] || lo == 0 {
			t.Errorf("cycle %d: trade %d stored rates %v/%v, committed max %v and min %v", cycle, id, hi, lo, r[0], r[1])
		}
	}
}
