// Package store keeps the embedded dry-run bot's state in SQLite, in
// freqtrade's own table layout (trades, orders, pairlocks, KeyValueStore,
// trade_custom_data), so that a database written by freqtrade opens here and
// one written here opens in freqtrade's tools. freqdeck keeps a few tables
// of its own next to them (freqdeck.go): id sequences, so trade and order
// ids are never reused, and the dry-run market's state and candles, so a
// restart continues the prices. freqtrade ignores them.
//
// Closed trades are read page by page (closed.go): callers need not keep
// them in memory.
//
// Durability: file databases run in WAL mode with synchronous=FULL, so a
// committed transaction survives a crash or kill -9. Callers commit a fill
// before they report it anywhere.
//
// Columns are always read and written by name, so databases with extra or
// legacy columns are tolerated; columns this package needs and an older
// database lacks are added on open.
//
// This package imports no other freqdeck package.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Memory is the path of a private in-memory database.
const Memory = ":memory:"

// Store is an open database. It is safe for concurrent use; writes are
// serialised on a single connection.
type Store struct {
	db    *sql.DB
	path  string
	stmts map[string]*sql.Stmt
}

// Open opens or creates the database at path (Memory or "" for an in-memory
// one), applies the pragmas and migrations, and prepares its statements.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		path = Memory
	}
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// One connection: SQLite has a single writer anyway, per-connection
	// pragmas apply everywhere, and an in-memory database stays one database.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: path, stmts: map[string]*sql.Stmt{}}
	if err := s.init(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// dsn builds the driver's data source name with the pragmas every connection
// needs: WAL, fsync on commit, and a busy timeout.
func dsn(path string) string {
	pragmas := []string{
		"_pragma=busy_timeout(10000)",
		"_pragma=synchronous(FULL)",
	}
	if path != Memory {
		pragmas = append(pragmas, "_pragma=journal_mode(WAL)")
	}
	return path + "?" + strings.Join(pragmas, "&")
}

func (s *Store) init(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: open %s: %w", s.path, err)
	}
	if err := migrate(ctx, s.db); err != nil {
		return err
	}
	return s.prepare(ctx)
}

// prepare builds and prepares the insert and update statement of each table.
// Inserts also fill any NOT NULL column without a default that this package
// does not know (a newer freqtrade's), so such databases stay writable.
func (s *Store) prepare(ctx context.Context) error {
	for _, spec := range tableSpecs() {
		info, err := tableInfo(ctx, s.db, spec.name)
		if err != nil {
			return err
		}
		ins, upd := writeSQL(spec, info)
		for key, q := range map[string]string{"insert_" + spec.name: ins, "update_" + spec.name: upd} {
			st, err := s.db.PrepareContext(ctx, q)
			if err != nil {
				return fmt.Errorf("store: prepare %s: %w", key, err)
			}
			s.stmts[key] = st
		}
	}
	st, err := s.db.PrepareContext(ctx, raiseRatesSQL)
	if err != nil {
		return fmt.Errorf("store: prepare the rate update: %w", err)
	}
	s.stmts["raise_trade_rates"] = st
	return nil
}

// writeSQL returns the INSERT and UPDATE statements of spec's table.
func writeSQL(spec tableSpec, info map[string]column) (insert, update string) {
	known := map[string]bool{"id": true}
	cols := names(spec.fields)
	// The insert names id first: nil lets SQLite choose it, a value (from
	// the sequence, see nextID) sets it.
	marks := []string{"?"}
	quoted := []string{"id"}
	sets := make([]string, len(cols))
	for i, c := range cols {
		known[c] = true
		marks = append(marks, "?")
		quoted = append(quoted, quote(c))
		sets[i] = quote(c) + " = ?"
	}
	for _, c := range sortedColumns(info) {
		if known[c.name] || !c.notNull || c.hasDflt || c.isPK {
			continue
		}
		quoted = append(quoted, quote(c.name))
		marks = append(marks, zeroLiteral(c.typ))
	}
	insert = fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", quote(spec.name), strings.Join(quoted, ", "), strings.Join(marks, ", "))
	update = fmt.Sprintf("UPDATE %s SET %s WHERE id = ?", quote(spec.name), strings.Join(sets, ", "))
	return insert, update
}

// sortedColumns returns the columns in table order.
func sortedColumns(info map[string]column) []column {
	out := make([]column, len(info))
	for _, c := range info {
		if c.position >= 0 && c.position < len(out) {
			out[c.position] = c
		}
	}
	return out
}

// zeroLiteral is the SQL zero value for a column of SQL type typ.
func zeroLiteral(typ string) string {
	t := strings.ToUpper(typ)
	switch {
	case strings.Contains(t, "DATE") || strings.Contains(t, "TIME"):
		return "'1970-01-01 00:00:00.000000'"
	case strings.Contains(t, "CHAR") || strings.Contains(t, "TEXT") || strings.Contains(t, "CLOB"):
		return "''"
	default:
		return "0"
	}
}

// Path returns the database path (Memory for an in-memory database).
func (s *Store) Path() string { return s.path }

// DB returns the underlying database handle, for inspection in tests and
// tools. Writes must go through Write.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the statements and the database.
func (s *Store) Close() error {
	var errs []error
	for _, st := range s.stmts {
		errs = append(errs, st.Close())
	}
	errs = append(errs, s.db.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Version returns the schema version recorded in the database.
func (s *Store) Version(ctx context.Context) (int, error) { return readVersion(ctx, s.db) }
