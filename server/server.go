// Package server is freqdeck's freqtrade-compatible REST + WebSocket API
// (freqtrade-api.md): routes under /api/v1, Basic/JWT auth, CORS, the message
// WebSocket hub, optional OpenAPI docs and FreqUI hosting. Every answer is
// encoded with the apiclient wire types, so client and server share one
// contract. What trades behind it is an rpc.Bot.
//
// This package imports apiclient and server/rpc; never tui or panes.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/freqdeck/freqdeck/apiclient"
	"github.com/freqdeck/freqdeck/server/rpc"
)

// DefaultListen is the address served when Config.Listen is empty.
const DefaultListen = "127.0.0.1:8080"

// DefaultMaxBodyBytes bounds request bodies.
const DefaultMaxBodyBytes = 1 << 20

// Config is the api_server block: who may log in and what is served.
type Config struct {
	// Listen is host:port (default DefaultListen).
	Listen string
	// Username and Password are the Basic credentials (plain-text compare).
	Username string
	Password string
	// JWTSecret signs tokens. Empty means a random per-process secret, so
	// tokens end with the process.
	JWTSecret string
	// WSTokens are the accepted ws_token values (any one matches).
	WSTokens []string
	// CORSOrigins are the exact origins allowed cross-origin requests.
	CORSOrigins []string
	// EnableOpenAPI serves /openapi.json and /docs.
	EnableOpenAPI bool
	// UIDir is an installed FreqUI build served at /; empty shows a hint.
	UIDir string
	// Version is reported by /version.
	Version string
}

// Server is the API server. It is an http.Handler; Run (or ListenAndServe)
// drives its WebSocket hub.
type Server struct {
	bot     rpc.Bot
	cfg     Config
	log     *slog.Logger
	reqLog  *slog.Logger // the request log, nil when off
	now     func() time.Time
	sysinfo func(context.Context) (apiclient.SysInfo, error)
	maxBody int64
	jwtKey  []byte
	routes  []route
	mux     *http.ServeMux
	handler http.Handler
	hub     *hub
	ui      *uiFiles
	bufs    sync.Pool // *bytes.Buffer for responses
	status  statusCache
	dfs     dfCache       // encoded analyzed_df answers
	grace   time.Duration // shutdown grace period

	logins       *loginLimiter
	readTimeout  time.Duration // a whole request
	writeTimeout time.Duration // each writeChunk of an answer
}

// Option configures a Server.
type Option func(*Server)

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(s *Server) { s.log = l } }

// WithClock sets the clock used for JWTs and for the range of a lock's end.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithSysInfo replaces the /sysinfo source (default: this machine's /proc).
func WithSysInfo(fn func(context.Context) (apiclient.SysInfo, error)) Option {
	return func(s *Server) { s.sysinfo = fn }
}

// WithShutdownGrace sets how long a shutdown waits for in-flight requests
// before closing the connections left (default 5 s).
func WithShutdownGrace(d time.Duration) Option { return func(s *Server) { s.grace = d } }

// WithMaxBodyBytes bounds request bodies (default DefaultMaxBodyBytes).
func WithMaxBodyBytes(n int64) Option { return func(s *Server) { s.maxBody = n } }

// WithWebSocketLimits sets each subscriber's queue length (messages) and the
// time one frame may take to write before the subscriber is dropped.
func WithWebSocketLimits(queue int, writeTimeout time.Duration) Option {
	return func(s *Server) { s.hub.queueLen, s.hub.writeTimeout = max(queue, 1), writeTimeout }
}

// New returns a Server answering from bot.
func New(bot rpc.Bot, cfg Config, opts ...Option) (*Server, error) {
	if bot == nil {
		return nil, fmt.Errorf("server: nil bot")
	}
	if cfg.Listen == "" {
		cfg.Listen = DefaultListen
	}
	s := &Server{
		bot:     bot,
		cfg:     cfg,
		log:     slog.New(slog.NewTextHandler(io.Discard, nil)),
		now:     time.Now,
		maxBody: DefaultMaxBodyBytes,
		grace:   shutdownTimeout,
		hub:     newHub(),

		readTimeout:  DefaultReadTimeout,
		writeTimeout: DefaultWriteTimeout,
	}
	s.sysinfo = newCPUSampler(procRoot, s.nowFunc, sampleWindow).sysInfo
	s.logins = newLoginLimiter(s.nowFunc)
	for _, o := range opts {
		o(s)
	}
	s.hub.log = s.log
	if err := s.init(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Server) nowFunc() time.Time { return s.now() }

func (s *Server) init() error {
	s.jwtKey = []byte(s.cfg.JWTSecret)
	if s.cfg.JWTSecret == "" {
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return fmt.Errorf("server: random jwt secret: %w", err)
		}
		s.jwtKey = []byte(hex.EncodeToString(key))
	}
	if s.cfg.UIDir != "" {
		ui, err := openUI(s.cfg.UIDir)
		if err != nil {
			return err
		}
		s.ui = ui
	}
	s.routes = s.routeTable()
	if err := checkModels(s.routes); err != nil {
		return err
	}
	s.mux = http.NewServeMux()
	for _, rt := range s.routes {
		s.mux.Handle(rt.pattern(), s.guard(rt))
	}
	s.handler = s.recoverPanics(s.stampDate(s.cors(http.HandlerFunc(s.dispatch))))
	if s.reqLog != nil {
		s.handler = s.logRequests(s.handler)
	}
	// Outermost: renews the write deadline as an answer goes out; the
	// request log's writer sits inside it.
	s.handler = s.extendWrites(s.handler)
	return nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Close releases the server's files (the UI directory).
func (s *Server) Close() error {
	if s.ui != nil {
		return s.ui.close()
	}
	return nil
}

// procRoot is where /proc is read from for /sysinfo.
const procRoot = "/proc"
