package tui

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/freqdeck/freqdeck/apiclient"
)

// routes is the fake's API surface, behind the gate (counting, down,
// auth, injected errors, held routes).
func (f *fakeBot) routes() http.Handler {
	mux := http.NewServeMux()
	get := func(path string, v func() any) {
		mux.HandleFunc("GET /api/v1"+path, func(w http.ResponseWriter, _ *http.Request) {
			f.mu.Lock()
			body := v()
			f.mu.Unlock()
			writeJSON(w, http.StatusOK, body)
		})
	}
	get("/show_config", func() any { return f.config })
	get("/status", func() any { return append([]apiclient.OpenTrade{}, f.trades...) })
	get("/count", func() any { return f.count })
	get("/profit", func() any { return f.profit })
	get("/balance", func() any { return f.balance })
	get("/whitelist", func() any { return f.whitelist })
	get("/locks", func() any { return f.locksBody() })
	mux.HandleFunc("GET /api/v1/logs", f.handleLogs)
	mux.HandleFunc("POST /api/v1/forceexit", func(w http.ResponseWriter, r *http.Request) {
		var req apiclient.ForceExitRequest
		_ = json.Unmarshal([]byte(f.lastBody(r)), &req)
		msg := fmt.Sprintf("Created exit order for trade %s.", req.TradeID)
		if req.TradeID == apiclient.AllTrades {
			msg = "Created exit orders for all open trades."
		}
		writeJSON(w, http.StatusOK, apiclient.ResultResponse{Result: msg})
	})
	mux.HandleFunc("POST /api/v1/{control}", f.handleControl)
	mux.HandleFunc("POST /api/v1/locks", f.handleAddLocks)
	mux.HandleFunc("DELETE /api/v1/locks/{id}", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		id := lockID(r)
		kept := f.locks.Locks[:0:0]
		for _, l := range f.locks.Locks {
			if l.ID != id {
				kept = append(kept, l)
			}
		}
		f.locks.Locks = kept
		body := f.locksBody()
		f.mu.Unlock()
		writeJSON(w, http.StatusOK, body)
	})
	mux.HandleFunc("GET /api/v1/message/ws", f.handleWS)
	return f.gate(mux)
}

// gate counts every request, then applies the down switch, Basic auth,
// held routes and injected errors.
func (f *fakeBot) gate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := routeName(r)
		body := readBody(r)
		f.mu.Lock()
		f.hits[name]++
		f.bodies[name] = append(f.bodies[name], body)
		down, fail, hold := f.down, f.fail[name], f.block[name]
		if fail.status == 0 {
			fail = f.fail[""] // every route
		}
		if hold == nil {
			hold = f.block[""]
		}
		f.changed()
		f.mu.Unlock()
		if down {
			// A dead bot: the connection closes with no answer.
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, err := hj.Hijack(); err == nil {
					_ = c.Close()
					return
				}
			}
			panic(http.ErrAbortHandler)
		}
		if !strings.HasSuffix(r.URL.Path, "/message/ws") {
			if u, p, ok := r.BasicAuth(); !ok || u != fakeUser || p != fakePass {
				writeJSON(w, http.StatusUnauthorized, apiclient.DetailBody{Detail: "Unauthorized"})
				return
			}
		}
		if hold != nil {
			<-hold
		}
		if fail.status != 0 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(fail.status)
			_, _ = w.Write([]byte(fail.body))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// lastBody is the recorded body of r (the gate read it).
func (f *fakeBot) lastBody(r *http.Request) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.bodies[routeName(r)]
	return b[len(b)-1]
}

func (f *fakeBot) locksBody() apiclient.Locks {
	return apiclient.Locks{LockCount: len(f.locks.Locks), Locks: append([]apiclient.Lock{}, f.locks.Locks...)}
}

// handleLogs answers /logs?limit=N like freqtrade: the newest N rows.
func (f *fakeBot) handleLogs(w http.ResponseWriter, r *http.Request) {
	var limit int
	_, _ = fmt.Sscan(r.URL.Query().Get("limit"), &limit)
	f.mu.Lock()
	rows := f.logs
	if limit > 0 && len(rows) > limit {
		rows = rows[len(rows)-limit:]
	}
	body := apiclient.Logs{LogCount: len(rows), Logs: append([]apiclient.LogRow{}, rows...)}
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, body)
}

// handleControl answers /start, /stop, /pause and /reload_config.
func (f *fakeBot) handleControl(w http.ResponseWriter, r *http.Request) {
	states := map[string][2]string{
		"start":         {"running", "starting trader ..."},
		"stop":          {"stopped", "stopping trader ..."},
		"pause":         {"paused", "paused, no more entries will occur from now. Run /start to enable entries."},
		"reload_config": {"running", "Reloading config ..."},
	}
	s, ok := states[r.PathValue("control")]
	if !ok {
		writeJSON(w, http.StatusNotFound, apiclient.DetailBody{Detail: "Not Found"})
		return
	}
	f.mu.Lock()
	f.config.State = s[0]
	f.changed()
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, apiclient.StatusResponse{Status: s[1]})
}

// handleAddLocks adds the posted locks.
func (f *fakeBot) handleAddLocks(w http.ResponseWriter, r *http.Request) {
	var reqs []apiclient.LockRequest
	if err := json.Unmarshal([]byte(f.lastBody(r)), &reqs); err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, apiclient.DetailBody{Detail: err.Error()})
		return
	}
	f.mu.Lock()
	for _, req := range reqs {
		f.nextLock++
		until, _ := apiclient.ParseAwareTime(req.Until)
		f.locks.Locks = append(f.locks.Locks, apiclient.Lock{
			ID: f.nextLock, Active: true, Pair: req.Pair, Side: req.Side, Reason: req.Reason,
			LockEndTime: apiclient.FormatDate(until), LockEndTimestamp: until.UnixMilli(),
		})
	}
	body := f.locksBody()
	f.changed()
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, body)
}

// handleWS accepts the message WebSocket with the ws_token and records the
// subscribe frames.
func (f *fakeBot) handleWS(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("token") != fakeWSToken {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	c, err := f.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	fc := &fakeConn{c: c}
	f.mu.Lock()
	f.conns[fc] = struct{}{}
	f.changed()
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		delete(f.conns, fc)
		f.changed()
		f.mu.Unlock()
		_ = c.Close()
	}()
	for {
		_, data, err := c.ReadMessage()
		if err != nil {
			return
		}
		var req struct {
			Type string   `json:"type"`
			Data []string `json:"data"`
		}
		if json.Unmarshal(data, &req) == nil && req.Type == "subscribe" {
			f.mu.Lock()
			f.subs = append(f.subs, req.Data)
			f.changed()
			f.mu.Unlock()
		}
	}
}
